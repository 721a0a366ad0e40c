import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { ProblemCode } from '@mosaic/schemas'
import { atRow, fieldError, problem, validationFailed } from '../errors.js'
import { findUser, findUsers, type ReplicatedUser } from '../records/user-replica.js'

export interface Owner {
  ownerId: string
  ownerName: string
  deptId: string | null
}

/**
 * A service whose problem catalog names the owner rules in its own words:
 * `<service>.owner.needs_transfer`, `<service>.user.unknown` and `<service>.user.disabled`.
 */
export type OwnerCodesOf<C = ProblemCode> = C extends `${infer S}.owner.needs_transfer`
  ? `${S}.user.unknown` extends ProblemCode
    ? `${S}.user.disabled` extends ProblemCode
      ? S
      : never
    : never
  : never

/** The caller as an owner (their token carries name and department). */
export function ownerOfCaller(p: Principal): Owner {
  return { ownerId: p.userId, ownerName: p.displayName ?? p.username, deptId: p.deptId }
}

/** Owners of `service`'s records, chosen among the users of the directory replica. */
export function directoryOwners(service: OwnerCodesOf) {
  const needsTransfer = `${service}.owner.needs_transfer` as ProblemCode
  const unknownUser = `${service}.user.unknown` as ProblemCode
  const disabledUser = `${service}.user.disabled` as ProblemCode

  /** An enabled user of the directory replica as an owner; 400 on `field` otherwise. */
  async function directoryOwner(m: EntityManager, userId: string, field = 'ownerId'): Promise<Owner> {
    return ownerOf(await findUser(m, userId), field)
  }

  function ownerOf(user: ReplicatedUser | null | undefined, field: string): Owner {
    if (!user) throw validationFailed([fieldError(field, unknownUser)])
    if (!user.enabled) throw validationFailed([fieldError(field, disabledUser)])
    return { ownerId: user.id, ownerName: user.displayName, deptId: user.deptId }
  }

  /**
   * The owner a new record gets: the caller, or — with `transferPermission` — another enabled user
   * from the directory replica (name and department come from there). Errors name `field`.
   */
  async function resolveOwner(
    m: EntityManager,
    p: Principal,
    ownerId: string | undefined,
    transferPermission: string,
    field = 'ownerId',
  ): Promise<Owner> {
    const [owner] = await resolveOwners(m, p, [ownerId], transferPermission, field)
    return owner!
  }

  /**
   * `resolveOwner` for a batch of new records (an import run): the users looked up in one query,
   * the answer in the given order; a refusal names its item (`atRow`).
   */
  async function resolveOwners(
    m: EntityManager,
    p: Principal,
    ownerIds: Array<string | undefined>,
    transferPermission: string,
    field = 'ownerId',
  ): Promise<Owner[]> {
    const others = ownerIds.filter((id): id is string => !!id && id !== p.userId)
    if (others.length && !p.permissions.includes(transferPermission)) {
      const index = ownerIds.findIndex((id) => id && id !== p.userId)
      throw atRow(index, problem(403, needsTransfer, { permission: transferPermission }))
    }
    const users = others.length ? await findUsers(m, [...new Set(others)]) : new Map<string, ReplicatedUser>()
    return ownerIds.map((id, index) => {
      if (!id || id === p.userId) return ownerOfCaller(p)
      try {
        return ownerOf(users.get(id), field)
      } catch (error) {
        throw atRow(index, error)
      }
    })
  }

  return { resolveOwner, resolveOwners, directoryOwner }
}
