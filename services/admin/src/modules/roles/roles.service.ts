import type { EntityManager } from 'typeorm'
import type { admin } from '@mosaic/schemas'
import {
  RecordStore,
  containsPattern,
  fieldConflict,
  fieldError,
  listPage,
  liveRows,
  problem,
  type RecordContext,
} from '@mosaic/service-kit'
import { RoleEntity, type RoleRow } from './role.entity.js'
import { assertGrantable, assertRoleEditable, assertScopeGrantable } from '../auth/escalation.js'
import { bumpAuthVersion, holdersOf } from '../auth/auth-version.js'

export const roles = new RecordStore<RoleRow>({
  // An old version may hold more permissions or a wider scope than the actor: restoring it is granting them.
  checkRestore: async (m, ctx, patch, id) => {
    await assertRoleEditable(m, ctx, await roles.get(m, id))
    assertGrantable(ctx, patch.permissions ?? [], 'permissions')
    if (patch.dataScope) assertScopeGrantable(ctx, patch.dataScope, 'dataScope')
    if (patch.name) await assertNameFree(m, patch.name, id)
  },
  // What its holders' tokens say (permissions, scope, role list) is no longer true.
  onChange: async (m, row) => bumpAuthVersion(m, await holdersOf(m, row.id)),
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

export function listRoles(m: EntityManager, q: { q?: string; limit?: number; cursor?: string }) {
  return listPage(liveRows(roles, m, 'r'), q, {
    filters: {
      q: (term) => ({ sql: '(r.code ILIKE :q OR r.name ILIKE :q)', params: { q: containsPattern(term) } }),
    },
    sort: { direction: 'ASC' },
    present: (rows) => rows.map(presentRole),
  })
}

/** Role names are unique among live roles (case-insensitive), so pickers and lists stay unambiguous. */
async function assertNameFree(m: EntityManager, name: string, exceptId?: string) {
  const [taken] = await m.query(
    'SELECT 1 FROM role WHERE lower(name) = lower($1) AND deleted_at IS NULL AND id <> $2::uuid',
    [name, exceptId ?? '00000000-0000-0000-0000-000000000000'],
  )
  if (taken) throw fieldConflict('name', 'admin.role.name_taken', { name })
}

export async function createRole(m: EntityManager, ctx: RecordContext, input: admin.RoleCreate) {
  assertGrantable(ctx, input.permissions ?? [], 'permissions')
  assertScopeGrantable(ctx, input.dataScope ?? 'self', 'dataScope')
  const [taken] = await m.query('SELECT 1 FROM role WHERE code = $1', [input.code])
  if (taken)
    throw problem(
      409,
      'admin.role.code_taken',
      { code: input.code },
      {
        errors: [fieldError('code', 'admin.role.code_taken')],
      },
    )
  await assertNameFree(m, input.name)
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
  const current = await roles.get(m, id)
  await assertRoleEditable(m, ctx, current)
  if (input.permissions) assertGrantable(ctx, input.permissions, 'permissions')
  // Judged whenever the grant changes: widening the scope, or adding to a role wider than the actor's.
  const grantChanges =
    (input.dataScope !== undefined && input.dataScope !== current.dataScope) ||
    (input.permissions !== undefined &&
      [...new Set(input.permissions)].sort().join() !== [...current.permissions].sort().join())
  if (grantChanges) assertScopeGrantable(ctx, input.dataScope ?? current.dataScope, 'dataScope')
  if (input.name !== undefined && input.name.toLowerCase() !== current.name.toLowerCase())
    await assertNameFree(m, input.name, id)
  const patch: Partial<RoleRow> = { ...input }
  if (input.permissions) patch.permissions = [...new Set(input.permissions)].sort()
  return roles.update(m, ctx, id, version, patch)
}

/** Built-in roles and roles still assigned to users cannot go: unassign or edit them instead. */
export async function deleteRole(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  const role = await roles.get(m, id)
  await assertRoleEditable(m, ctx, role)
  if (role.builtIn) throw problem(409, 'admin.role.built_in_delete')
  const [{ n }] = await m.query(
    'SELECT count(*)::int AS n FROM app_user WHERE $1 = ANY(role_ids) AND deleted_at IS NULL',
    [id],
  )
  if (n) throw problem(409, 'admin.role.in_use', { count: n })
  await roles.softDelete(m, ctx, id, version)
}
