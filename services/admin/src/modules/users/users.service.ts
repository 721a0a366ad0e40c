import type { EntityManager } from 'typeorm'
import type { admin, FieldError } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import {
  containsPattern,
  RecordStore,
  fieldError,
  listPage,
  liveRows,
  problem,
  scopeWhere,
  validationFailed,
  writeAudit,
  type RecordContext,
} from '@mosaic/service-kit'
import { UserEntity, type UserRow } from './user.entity.js'
import { DeptEntity } from '../depts/dept.entity.js'
import { RoleEntity } from '../roles/role.entity.js'
import { hashPassword } from '@mosaic/service-kit/passwords'
import { revokeUserTokens } from '../auth/tokens.js'
import {
  assertMayManageSuperAdmin,
  assertRolesGrantable,
  roleCodesOf,
  SUPER_ADMIN,
} from '../auth/escalation.js'
import { bumpAuthVersion } from '../auth/auth-version.js'
import { publishUserChanged } from './user-events.js'

export const users = new RecordStore<UserRow>({
  // Restoring a version obeys the edit rules: department and roles must exist and be grantable.
  checkRestore: async (m, ctx, patch, id) => {
    await checkReferences(m, { deptId: patch.deptId ?? null, roleIds: patch.roleIds ?? [] })
    await assertRolesGrantable(m, ctx, patch.roleIds ?? [])
    await assertMayManageSuperAdmin(m, ctx, id)
  },
  entityType: 'user',
  entity: UserEntity,
  title: (u) => `${u.displayName} (${u.username})`,
  secretFields: ['passwordHash'],
  internalFields: ['failedLogins', 'lockedUntil', 'lastLoginAt', 'passwordChangedAt', 'authVersion'],
  // A user "belongs" to themselves and their department for data-scope purposes.
  scope: { owner: 'id', dept: 'deptId' },
  present: (m, row) => presentUser(m, row),
  // Other services keep a replica of every user (owner names, pickers, department limits).
  onChange: (m, row) => publishUserChanged(m, row),
})

export async function presentUsers(m: EntityManager, rows: UserRow[]): Promise<admin.User[]> {
  const deptIds = [...new Set(rows.map((r) => r.deptId).filter((id): id is string => !!id))]
  const roleIds = [...new Set(rows.flatMap((r) => r.roleIds))]
  const deptName = await namesById(m, DeptEntity, deptIds)
  const roleName = await namesById(m, RoleEntity, roleIds)
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

/** The names of the departments or roles with these ids, by id (one query each, for a whole page of users). */
async function namesById(
  m: EntityManager,
  entity: typeof DeptEntity | typeof RoleEntity,
  ids: string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows: Array<{ id: string; name: string }> = await m
    .getRepository(entity)
    .createQueryBuilder('x')
    .where('x.id IN (:...ids)', { ids })
    .getMany()
  return new Map(rows.map((r) => [r.id, r.name]))
}

export async function presentUser(m: EntityManager, row: UserRow): Promise<admin.User> {
  const [user] = await presentUsers(m, [row])
  return user!
}

export function listUsers(m: EntityManager, principal: Principal, q: admin.UserListQuery) {
  const search = (term: string) => ({
    sql: '(u.username ILIKE :q OR u.display_name ILIKE :q)',
    params: { q: containsPattern(term) },
  })
  return listPage(liveRows(users, m, 'u'), q, {
    scope: scopeWhere(principal, { owner: 'u.id', dept: 'u.dept_id' }),
    filters: { q: search },
    equal: ['deptId'],
    flags: ['enabled'],
    present: (rows) => presentUsers(m, rows),
  })
}

/** Department and roles must exist (and not be in the recycle bin): reported per field. */
async function checkReferences(m: EntityManager, input: { deptId?: string | null; roleIds?: string[] }) {
  const errors: FieldError[] = []
  if (input.deptId) {
    const dept = await m.getRepository(DeptEntity).findOneBy({ id: input.deptId })
    if (!dept || dept.deletedAt) errors.push(fieldError('deptId', 'admin.user.dept_missing'))
  }
  if (input.roleIds?.length) {
    const found = await m
      .getRepository(RoleEntity)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids) AND r.deleted_at IS NULL', { ids: input.roleIds })
      .getCount()
    if (found !== new Set(input.roleIds).size) errors.push(fieldError('roleIds', 'admin.user.roles_missing'))
  }
  if (errors.length) throw validationFailed(errors)
}

async function assertUsernameFree(m: EntityManager, username: string) {
  const [taken] = await m.query('SELECT 1 FROM app_user WHERE lower(username) = lower($1)', [username])
  if (taken)
    throw problem(
      409,
      'admin.user.username_taken',
      { username },
      {
        errors: [fieldError('username', 'admin.user.username_taken')],
      },
    )
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
    authVersion: 0,
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
  if (input.roleIds && id === ctx.actor.id) {
    throw problem(400, 'admin.user.own_roles', undefined, {
      errors: [fieldError('roleIds', 'admin.user.own_roles')],
    })
  }
  if (input.roleIds) await assertRolesGrantable(m, ctx, input.roleIds)
  if (input.enabled === false && id === ctx.actor.id) {
    throw problem(400, 'admin.user.disable_self', undefined, {
      errors: [fieldError('enabled', 'admin.user.disable_self')],
    })
  }
  const current = await users.get(m, id, ctx, { access: 'write' })
  const rolesChange =
    input.roleIds !== undefined &&
    [...new Set(input.roleIds)].sort().join() !== [...current.roleIds].sort().join()
  const disabling = input.enabled === false && current.enabled
  // Taking super_admin from a super administrator, or disabling one, is for super administrators only.
  if (disabling || (rolesChange && (await losesSuperAdmin(m, id, input.roleIds!))))
    await assertMayManageSuperAdmin(m, ctx, id)
  const patch: Partial<UserRow> = { ...input }
  if (input.roleIds) patch.roleIds = [...new Set(input.roleIds)]
  const row = await users.update(m, ctx, id, version, patch)
  if (input.enabled === false) await revokeUserTokens(m, id)
  // Tokens saying otherwise stop working: disabled, other roles, or another department (scope).
  if (disabling || rolesChange || (input.deptId !== undefined && input.deptId !== current.deptId))
    await bumpAuthVersion(m, [id])
  return row
}

/** Whether `roleIds` would take super_admin away from a user who holds it. */
async function losesSuperAdmin(m: EntityManager, id: string, roleIds: readonly string[]) {
  if (!(await roleCodesOf(m, id)).includes(SUPER_ADMIN)) return false
  const [row] = await m.query('SELECT id FROM role WHERE code = $1 AND deleted_at IS NULL', [SUPER_ADMIN])
  return !row || !roleIds.includes(row.id)
}

export async function deleteUser(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  if (id === ctx.actor.id) throw problem(409, 'admin.user.delete_self')
  await assertMayManageSuperAdmin(m, ctx, id)
  // The published deletion makes every service refuse the user's tokens; no auth bump needed.
  await users.softDelete(m, ctx, id, version)
  await revokeUserTokens(m, id)
}

/** Lifts a lockout (failed sign-ins) before it runs out; audited as `unlock`. */
export async function unlockUser(m: EntityManager, ctx: RecordContext, id: string): Promise<UserRow> {
  const row = await users.get(m, id, ctx, { access: 'write' })
  if (!row.lockedUntil || row.lockedUntil <= new Date()) throw problem(409, 'admin.user.not_locked')
  await users.repo(m).update(id, { failedLogins: 0, lockedUntil: null })
  await writeAudit(m, ctx, {
    action: 'unlock',
    entityType: 'user',
    entityId: id,
    entityTitle: users.options.title(row),
  })
  return { ...row, failedLogins: 0, lockedUntil: null }
}

/** An administrator sets a new password; it also lifts a lockout and signs the user out. */
export async function resetPassword(m: EntityManager, ctx: RecordContext, id: string, newPassword: string) {
  const row = await users.get(m, id, ctx)
  await assertMayManageSuperAdmin(m, ctx, id)
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
  await bumpAuthVersion(m, [id])
}
