import type { EntityManager } from 'typeorm'
import { widestScope, type DataScope, type Principal } from '@mosaic/permissions'
import type { UserRow } from '../users/user.entity.js'
import { RoleEntity } from '../roles/role.entity.js'
import { descendantDeptIds } from '../depts/dept-tree.js'

/** What a user may do and see, computed from their current roles and department. */
export async function principalOf(m: EntityManager, user: UserRow): Promise<Principal> {
  const roles = user.roleIds.length
    ? await m
        .getRepository(RoleEntity)
        .createQueryBuilder('r')
        .where('r.id IN (:...ids) AND r.deleted_at IS NULL', { ids: user.roleIds })
        .getMany()
    : []
  const dataScope = widestScope(roles.map((r) => r.dataScope))
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    deptId: user.deptId,
    scopeDeptIds: await scopeDepts(m, user.deptId, dataScope),
    roles: roles.map((r) => r.code),
    permissions: [...new Set(roles.flatMap((r) => r.permissions))].sort(),
    dataScope,
    kind: 'staff',
    authVersion: user.authVersion ?? 0,
  }
}

async function scopeDepts(m: EntityManager, deptId: string | null, scope: DataScope): Promise<string[]> {
  if (!deptId) return []
  if (scope === 'dept_and_children') return descendantDeptIds(m, deptId)
  return [deptId]
}
