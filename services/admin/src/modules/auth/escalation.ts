import type { EntityManager } from 'typeorm'
import type { FieldError } from '@mosaic/schemas'
import { validationFailed, type RecordContext } from '@mosaic/service-kit'
import { RoleEntity } from '../roles/role.entity.js'

/**
 * Nobody can hand out more than they hold: a role's permissions, or the roles given to a user,
 * must be covered by the acting user's own permissions. System actions (initialisation) are exempt.
 */
export function assertGrantable(ctx: RecordContext, permissions: readonly string[], field: string): void {
  if (!ctx.principal) return
  const held = new Set(ctx.principal.permissions)
  const missing = [...new Set(permissions)].filter((p) => !held.has(p))
  if (missing.length) {
    const error: FieldError = {
      field,
      message: `You cannot grant permissions you do not hold: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}`,
    }
    throw validationFailed([error])
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
}
