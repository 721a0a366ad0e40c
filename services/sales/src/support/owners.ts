import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { findUser, validationFailed, problem, fieldError } from '@mosaic/service-kit'

export interface Owner {
  ownerId: string
  ownerName: string
  deptId: string | null
}

/** The caller as an owner (their token carries name and department). */
export function ownerOfCaller(p: Principal): Owner {
  return { ownerId: p.userId, ownerName: p.displayName ?? p.username, deptId: p.deptId }
}

/**
 * The owner a new record gets: the caller, or — with `transferPermission` — another enabled user
 * from the directory replica (name and department come from there). Errors name `field`.
 */
export async function resolveOwner(
  m: EntityManager,
  p: Principal,
  ownerId: string | undefined,
  transferPermission: string,
  field = 'ownerId',
): Promise<Owner> {
  if (!ownerId || ownerId === p.userId) return ownerOfCaller(p)
  if (!p.permissions.includes(transferPermission)) {
    throw problem(403, 'sales.owner.needs_transfer', { permission: transferPermission })
  }
  return directoryOwner(m, ownerId, field)
}

/** An enabled user of the directory replica as an owner; 400 on `field` otherwise. */
export async function directoryOwner(m: EntityManager, userId: string, field = 'ownerId'): Promise<Owner> {
  const user = await findUser(m, userId)
  if (!user) throw validationFailed([fieldError(field, 'sales.user.unknown')])
  if (!user.enabled) throw validationFailed([fieldError(field, 'sales.user.disabled')])
  return { ownerId: user.id, ownerName: user.displayName, deptId: user.deptId }
}
