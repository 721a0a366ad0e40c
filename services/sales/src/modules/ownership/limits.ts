import type { EntityManager } from 'typeorm'
import type { admin, ProblemCode } from '@mosaic/schemas'
import { atRow, poolRuleFor, problem, type HttpError } from '@mosaic/service-kit'

/** The administrator's public-pool rule (replicated from admin), whose limits apply here. */
type PoolRules = admin.PoolRuleValues

export type LimitKind = 'owned' | 'locked'

/**
 * The limit that applies to a user: their own override, else their department's, else the general
 * one (the most specific wins; a null override defers to the next level). Null = no limit.
 */
export function limitFor(rules: PoolRules, kind: LimitKind, userId: string, deptId: string | null) {
  const general = kind === 'owned' ? rules.ownedLimit : rules.lockedLimit
  const user = rules.userLimits.find((l) => l.userId === userId)?.[kind]
  const dept = deptId ? rules.deptLimits.find((l) => l.deptId === deptId)?.[kind] : null
  return user ?? dept ?? general ?? null
}

export async function ownedCount(m: EntityManager, userId: string): Promise<number> {
  const [row] = await m.query(
    'SELECT count(*)::int AS n FROM customer WHERE owner_id = $1 AND deleted_at IS NULL',
    [userId],
  )
  return row.n
}

export async function lockedCount(m: EntityManager, userId: string): Promise<number> {
  const [row] = await m.query(
    'SELECT count(*)::int AS n FROM customer WHERE owner_id = $1 AND locked AND deleted_at IS NULL',
    [userId],
  )
  return row.n
}

/**
 * Serialises changes to one user's customer portfolio until the transaction ends, so two claims
 * (or a claim and a transfer) cannot both pass the limit check with the last free slot. Taken
 * before any customer row lock, always in that order.
 */
export async function lockPortfolio(m: EntityManager, userId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('sales.portfolio'), hashtext($1))`, [userId])
}

/** `lockPortfolio` for several users in one statement, in id order (so two batches cannot deadlock). */
export async function lockPortfolios(m: EntityManager, userIds: string[]): Promise<void> {
  const ids = [...new Set(userIds)].sort()
  await m.query(
    `SELECT pg_advisory_xact_lock(hashtext('sales.portfolio'), hashtext(id))
     FROM (SELECT id FROM unnest($1::text[]) AS u(id) ORDER BY id) AS ordered`,
    [ids],
  )
}

/** Each user's owned customers (not in the recycle bin), counted in one query. */
async function ownedCounts(m: EntityManager, userIds: string[]): Promise<Map<string, number>> {
  const rows: Array<{ owner_id: string; n: number }> = await m.query(
    `SELECT owner_id, count(*)::int AS n FROM customer
     WHERE owner_id = ANY($1::uuid[]) AND deleted_at IS NULL GROUP BY owner_id`,
    [userIds],
  )
  return new Map(rows.map((r) => [r.owner_id, r.n]))
}

/** A refused limit: 409 with the numbers as params (for the message) and as `limit` (for scripts). */
export function limitExceeded(
  code: ProblemCode,
  limit: { kind: string; current: number; adding: number; limit: number },
  params: Record<string, string | number | null> = {},
): HttpError {
  return problem(409, code, { ...limit, ...params }, { limit })
}

/** Throws 409 when `adding` more customers would take the user over their owned-customer limit. */
export async function checkOwnedLimit(
  m: EntityManager,
  user: { id: string; deptId: string | null; name?: string },
  adding = 1,
  rules?: PoolRules,
): Promise<void> {
  await checkOwnedLimits(m, [{ ...user, adding }], rules)
}

/**
 * `checkOwnedLimit` for several users at once (a batch of new customers), one count query for all;
 * a refusal names the first user over their limit (`atRow` with that user's index).
 */
export async function checkOwnedLimits(
  m: EntityManager,
  users: Array<{ id: string; deptId: string | null; name?: string; adding: number }>,
  rules?: PoolRules,
): Promise<void> {
  const pool = rules ?? (await poolRuleFor(m))
  const limited = users.filter((u) => limitFor(pool, 'owned', u.id, u.deptId) !== null)
  if (!limited.length) return
  const counts = await ownedCounts(
    m,
    limited.map((u) => u.id),
  )
  for (const [index, user] of users.entries()) {
    const limit = limitFor(pool, 'owned', user.id, user.deptId)
    const current = counts.get(user.id) ?? 0
    if (limit === null || current + user.adding <= limit) continue
    const limits = { kind: 'owned', current, adding: user.adding, limit }
    // The caller's own limit, or (assign, transfer) the named receiver's.
    if (!user.name || user.name === 'You') throw atRow(index, limitExceeded('sales.limit.owned_self', limits))
    throw atRow(index, limitExceeded('sales.limit.owned', limits, { user: user.name }))
  }
}

/**
 * For the lock endpoint: throws 409 when the user already holds as many locked customers as their
 * locked-customer limit allows. Call it in the locking transaction, before setting `locked`.
 */
export async function checkLockedLimit(
  m: EntityManager,
  userId: string,
  deptId: string | null,
): Promise<void> {
  const limit = limitFor(await poolRuleFor(m), 'locked', userId, deptId)
  if (limit === null) return
  const current = await lockedCount(m, userId)
  if (current + 1 > limit) {
    throw limitExceeded('sales.limit.locked', { kind: 'locked', current, adding: 1, limit })
  }
}
