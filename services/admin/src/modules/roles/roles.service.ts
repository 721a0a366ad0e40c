import type { EntityManager } from 'typeorm'
import type { admin, Page } from '@mosaic/schemas'
import { RecordStore, conflict, containsPattern, keysetPage, type RecordContext } from '@mosaic/service-kit'
import { RoleEntity, type RoleRow } from './role.entity.js'
import { assertGrantable } from '../auth/escalation.js'

export const roles = new RecordStore<RoleRow>({
  // An old version may hold more permissions than the actor: restoring it is granting them.
  checkRestore: async (_m, ctx, patch) => assertGrantable(ctx, patch.permissions ?? [], 'permissions'),
  entityType: 'role',
  entity: RoleEntity,
  title: (r) => `${r.name} (${r.code})`,
  present: async (_m, row) => presentRole(row),
})

export function presentRole(r: RoleRow): admin.Role {
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    code: r.code,
    name: r.name,
    description: r.description,
    permissions: r.permissions,
    dataScope: r.dataScope,
    builtIn: r.builtIn,
  }
}

export async function listRoles(
  m: EntityManager,
  q: { q?: string; limit?: number; cursor?: string },
): Promise<Page<admin.Role>> {
  const qb = roles.repo(m).createQueryBuilder('r').where('r.deleted_at IS NULL')
  if (q.q) qb.andWhere('(r.code ILIKE :q OR r.name ILIKE :q)', { q: containsPattern(q.q) })
  const page = await keysetPage(qb, {
    alias: 'r',
    sortColumn: 'created_at',
    sortProperty: 'createdAt',
    direction: 'ASC',
    paging: q,
  })
  return { ...page, items: page.items.map(presentRole) }
}

export async function createRole(m: EntityManager, ctx: RecordContext, input: admin.RoleCreate) {
  assertGrantable(ctx, input.permissions ?? [], 'permissions')
  const [taken] = await m.query('SELECT 1 FROM role WHERE code = $1', [input.code])
  if (taken)
    throw conflict('A role with this code exists.', [{ field: 'code', message: 'Code already exists' }])
  return roles.create(m, ctx, {
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    permissions: [...new Set(input.permissions ?? [])].sort(),
    dataScope: input.dataScope ?? 'self',
    builtIn: false,
  })
}

export async function updateRole(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  input: admin.RoleUpdate,
) {
  if (input.permissions) assertGrantable(ctx, input.permissions, 'permissions')
  const patch: Partial<RoleRow> = { ...input }
  if (input.permissions) patch.permissions = [...new Set(input.permissions)].sort()
  return roles.update(m, ctx, id, version, patch)
}

/** Built-in roles and roles still assigned to users cannot go: unassign or edit them instead. */
export async function deleteRole(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  const role = await roles.get(m, id)
  if (role.builtIn) throw conflict('Built-in roles cannot be deleted; edit their permissions instead.')
  const [{ n }] = await m.query(
    'SELECT count(*)::int AS n FROM app_user WHERE $1 = ANY(role_ids) AND deleted_at IS NULL',
    [id],
  )
  if (n) throw conflict(`This role is assigned to ${n} user(s). Remove it from them first.`)
  await roles.softDelete(m, ctx, id, version)
}
