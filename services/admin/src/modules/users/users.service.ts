import type { EntityManager } from 'typeorm'
import type { admin, FieldError, Page } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import {
  containsPattern,
  RecordStore,
  badRequest,
  conflict,
  keysetPage,
  scopeWhere,
  validationFailed,
  type RecordContext,
} from '@mosaic/service-kit'
import { UserEntity, type UserRow } from './user.entity.js'
import { DeptEntity } from '../depts/dept.entity.js'
import { RoleEntity } from '../roles/role.entity.js'
import { hashPassword } from '../auth/passwords.js'
import { revokeUserTokens } from '../auth/tokens.js'
import { assertRolesGrantable } from '../auth/escalation.js'
import { publishUserChanged } from './user-events.js'

export const users = new RecordStore<UserRow>({
  // Restoring a version obeys the edit rules: department and roles must exist and be grantable.
  checkRestore: async (m, ctx, patch) => {
    await checkReferences(m, { deptId: patch.deptId ?? null, roleIds: patch.roleIds ?? [] })
    await assertRolesGrantable(m, ctx, patch.roleIds ?? [])
  },
  entityType: 'user',
  entity: UserEntity,
  title: (u) => `${u.displayName} (${u.username})`,
  secretFields: ['passwordHash'],
  internalFields: ['failedLogins', 'lockedUntil', 'lastLoginAt', 'passwordChangedAt'],
  // A user "belongs" to themselves and their department for data-scope purposes.
  scope: { owner: 'id', dept: 'deptId' },
  present: (m, row) => presentUser(m, row),
  // Other services keep a replica of every user (owner names, pickers, department limits).
  onChange: (m, row) => publishUserChanged(m, row),
})

export async function presentUsers(m: EntityManager, rows: UserRow[]): Promise<admin.User[]> {
  const deptIds = [...new Set(rows.map((r) => r.deptId).filter((id): id is string => !!id))]
  const roleIds = [...new Set(rows.flatMap((r) => r.roleIds))]
  const depts = deptIds.length
    ? await m
        .getRepository(DeptEntity)
        .createQueryBuilder('d')
        .where('d.id IN (:...deptIds)', { deptIds })
        .getMany()
    : []
  const roles = roleIds.length
    ? await m
        .getRepository(RoleEntity)
        .createQueryBuilder('r')
        .where('r.id IN (:...roleIds)', { roleIds })
        .getMany()
    : []
  const deptName = new Map(depts.map((d) => [d.id, d.name]))
  const roleName = new Map(roles.map((r) => [r.id, r.name]))
  return rows.map((u) => ({
    id: u.id,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    phone: u.phone,
    deptId: u.deptId,
    deptName: u.deptId ? (deptName.get(u.deptId) ?? null) : null,
    roleIds: u.roleIds,
    roleNames: u.roleIds.map((id) => roleName.get(id)).filter((n): n is string => !!n),
    enabled: u.enabled,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  }))
}

export async function presentUser(m: EntityManager, row: UserRow): Promise<admin.User> {
  const [user] = await presentUsers(m, [row])
  return user!
}

export async function listUsers(
  m: EntityManager,
  principal: Principal,
  q: admin.UserListQuery,
): Promise<Page<admin.User>> {
  const qb = users.repo(m).createQueryBuilder('u').where('u.deleted_at IS NULL')
  const scope = scopeWhere(principal, { owner: 'u.id', dept: 'u.dept_id' })
  if (scope) qb.andWhere(scope.sql, scope.params)
  if (q.q) qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: containsPattern(q.q) })
  if (q.deptId) qb.andWhere('u.dept_id = :deptId', { deptId: q.deptId })
  if (q.enabled) qb.andWhere('u.enabled = :enabled', { enabled: q.enabled === 'true' })
  const page = await keysetPage(qb, {
    alias: 'u',
    sortColumn: 'created_at',
    sortProperty: 'createdAt',
    paging: q,
  })
  return { ...page, items: await presentUsers(m, page.items) }
}

/** Department and roles must exist (and not be in the recycle bin): reported per field. */
async function checkReferences(m: EntityManager, input: { deptId?: string | null; roleIds?: string[] }) {
  const errors: FieldError[] = []
  if (input.deptId) {
    const dept = await m.getRepository(DeptEntity).findOneBy({ id: input.deptId })
    if (!dept || dept.deletedAt) errors.push({ field: 'deptId', message: 'Department does not exist' })
  }
  if (input.roleIds?.length) {
    const found = await m
      .getRepository(RoleEntity)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids) AND r.deleted_at IS NULL', { ids: input.roleIds })
      .getCount()
    if (found !== new Set(input.roleIds).size)
      errors.push({ field: 'roleIds', message: 'One or more roles do not exist' })
  }
  if (errors.length) throw validationFailed(errors)
}

async function assertUsernameFree(m: EntityManager, username: string) {
  const [taken] = await m.query('SELECT 1 FROM app_user WHERE lower(username) = lower($1)', [username])
  if (taken)
    throw conflict('This username is already taken.', [
      { field: 'username', message: 'Username already exists' },
    ])
}

export async function createUser(
  m: EntityManager,
  ctx: RecordContext,
  input: admin.UserCreate,
): Promise<UserRow> {
  const data = input as Required<admin.UserCreate>
  await checkReferences(m, data)
  await assertRolesGrantable(m, ctx, data.roleIds ?? [])
  await assertUsernameFree(m, data.username)
  return users.create(m, ctx, {
    username: data.username,
    displayName: data.displayName,
    email: data.email ?? null,
    phone: data.phone ?? null,
    deptId: data.deptId ?? null,
    roleIds: [...new Set(data.roleIds ?? [])],
    enabled: data.enabled ?? true,
    passwordHash: await hashPassword(data.password),
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: null,
    passwordChangedAt: new Date(),
  })
}

export async function updateUser(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  input: admin.UserUpdate,
) {
  await checkReferences(m, input)
  if (input.roleIds) await assertRolesGrantable(m, ctx, input.roleIds)
  if (input.roleIds && id === ctx.actor.id) {
    throw badRequest('You cannot change your own roles.', [
      { field: 'roleIds', message: 'Cannot change your own roles' },
    ])
  }
  if (input.enabled === false && id === ctx.actor.id) {
    throw badRequest('You cannot disable your own account.', [
      { field: 'enabled', message: 'Cannot disable yourself' },
    ])
  }
  const patch: Partial<UserRow> = { ...input }
  if (input.roleIds) patch.roleIds = [...new Set(input.roleIds)]
  const row = await users.update(m, ctx, id, version, patch)
  if (input.enabled === false) await revokeUserTokens(m, id)
  return row
}

export async function deleteUser(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  if (id === ctx.actor.id) throw conflict('You cannot delete your own account.')
  await users.softDelete(m, ctx, id, version)
  await revokeUserTokens(m, id)
}

/** An administrator sets a new password; it also lifts a lockout and signs the user out. */
export async function resetPassword(m: EntityManager, ctx: RecordContext, id: string, newPassword: string) {
  const row = await users.get(m, id, ctx)
  await users.update(
    m,
    ctx,
    id,
    row.version,
    {
      passwordHash: await hashPassword(newPassword),
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: new Date(),
    },
    { action: 'reset_password' },
  )
  await revokeUserTokens(m, id)
}
