import type { EntityManager } from 'typeorm'
import { DATA_SCOPES, type DataScope } from '@mosaic/permissions'
import { fieldError, problem, type RecordContext } from '@mosaic/service-kit'
import { RoleEntity } from '../roles/role.entity.js'

export const SUPER_ADMIN = 'super_admin'

/**
 * Nobody can hand out more than they hold: a role's permissions, or the roles given to a user,
 * must be covered by the acting user's own permissions. System actions (initialisation) are exempt.
 */
export function assertGrantable(ctx: RecordContext, permissions: readonly string[], field: string): void {
  if (!ctx.principal) return
  const held = new Set(ctx.principal.permissions)
  const missing = [...new Set(permissions)].filter((p) => !held.has(p))
  if (missing.length) {
    const codes = `${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}`
    throw problem(
      403,
      'admin.role.permission_not_held',
      { codes },
      {
        errors: [fieldError(field, 'admin.role.permission_not_held', { codes })],
      },
    )
  }
}

/** Nor a data scope wider than their own: a `self` user cannot make (or hand out) an `all` role. */
export function assertScopeGrantable(ctx: RecordContext, scope: DataScope, field: string): void {
  if (!ctx.principal) return
  const held = ctx.principal.dataScope
  if (DATA_SCOPES.indexOf(scope) > DATA_SCOPES.indexOf(held)) {
    throw problem(
      403,
      'admin.role.scope_too_wide',
      { held, scope },
      {
        errors: [fieldError(field, 'admin.role.scope_too_wide', { held })],
      },
    )
  }
}

export async function assertRolesGrantable(
  m: EntityManager,
  ctx: RecordContext,
  roleIds: readonly string[],
): Promise<void> {
  if (!ctx.principal || !roleIds.length) return
  const roles = await m
    .getRepository(RoleEntity)
    .createQueryBuilder('r')
    .where('r.id IN (:...ids)', { ids: [...roleIds] })
    .getMany()
  assertGrantable(
    ctx,
    roles.flatMap((r) => r.permissions),
    'roleIds',
  )
  for (const r of roles) assertScopeGrantable(ctx, r.dataScope, 'roleIds')
}

/** Role codes a user holds now (from the database, not the possibly older token). */
export async function roleCodesOf(m: EntityManager, userId: string): Promise<string[]> {
  const rows: { code: string }[] = await m.query(
    `SELECT r.code FROM role r JOIN app_user u ON r.id = ANY(u.role_ids)
     WHERE u.id = $1 AND r.deleted_at IS NULL`,
    [userId],
  )
  return rows.map((r) => r.code)
}

/** Whether the acting user is a super administrator; system actions count as one. */
export async function actorIsSuperAdmin(m: EntityManager, ctx: RecordContext): Promise<boolean> {
  if (!ctx.principal) return true
  return (await roleCodesOf(m, ctx.principal.userId)).includes(SUPER_ADMIN)
}

/** Only a super administrator may strip, disable, delete or reset the password of another one. */
export async function assertMayManageSuperAdmin(
  m: EntityManager,
  ctx: RecordContext,
  targetId: string,
): Promise<void> {
  if (!(await roleCodesOf(m, targetId)).includes(SUPER_ADMIN)) return
  if (await actorIsSuperAdmin(m, ctx)) return
  throw problem(403, 'admin.user.super_admin_protected')
}

/** The built-in super administrator role is fixed, and nobody edits a role they hold themselves. */
export async function assertRoleEditable(
  m: EntityManager,
  ctx: RecordContext,
  role: { id: string; code: string },
): Promise<void> {
  if (role.code === SUPER_ADMIN) throw problem(403, 'admin.role.super_admin_protected')
  if (!ctx.principal) return
  const [held] = await m.query(
    'SELECT 1 FROM app_user WHERE id = $1 AND $2 = ANY(role_ids) AND deleted_at IS NULL',
    [ctx.principal.userId, role.id],
  )
  if (held) throw problem(403, 'admin.role.own_role')
}
