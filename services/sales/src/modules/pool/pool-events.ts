import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'

export type PoolAction = 'claim' | 'assign' | 'release' | 'recycle' | 'warn'

export interface PoolEventInput {
  customerId: string
  userId: string | null
  actorId: string | null
  action: PoolAction
  at: Date
  reason?: string | null
  dueAt?: Date | null
}

/**
 * Records a pool event in the caller's transaction. Returns false when it was already recorded —
 * only possible for a warning about the same due moment, which must go out once.
 */
export async function recordPoolEvent(m: EntityManager, e: PoolEventInput): Promise<boolean> {
  const rows = await m.query(
    `INSERT INTO pool_event (id, customer_id, user_id, actor_id, action, at, reason, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
    [
      randomUUID(),
      e.customerId,
      e.userId,
      e.actorId,
      e.action,
      e.at,
      e.reason?.slice(0, 500) ?? null,
      e.dueAt ?? null,
    ],
  )
  return rows.length === 1
}

/** How many customers the user claimed from `since` on. */
export async function claimsSince(m: EntityManager, userId: string, since: Date): Promise<number> {
  const [row] = await m.query(
    `SELECT count(*)::int AS n FROM pool_event WHERE user_id = $1 AND action = 'claim' AND at >= $2`,
    [userId, since],
  )
  return row.n
}
