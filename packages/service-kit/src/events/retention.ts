import type { Database } from '../db/database.js'

export interface EventRetention {
  /** Events every subscriber has acknowledged are kept this long (for tracing), then deleted. */
  outboxDays: number
  /** Received event ids are kept this long: far beyond any publisher's retry window. */
  inboxDays: number
}

export const DEFAULT_RETENTION: EventRetention = { outboxDays: 7, inboxDays: 30 }

/**
 * Keeps the event tables from growing without bound. An event some subscriber has not yet
 * acknowledged is never deleted, however old: it is still owed to that subscriber.
 */
export async function pruneEvents(
  db: Database,
  now = new Date(),
  retention: EventRetention = DEFAULT_RETENTION,
): Promise<{ outbox: number; inbox: number }> {
  const day = 86_400_000
  return db.transaction(async (m) => {
    // TypeORM answers a DELETE with [rows, affected].
    const [, outbox]: [unknown[], number] = await m.query(
      `DELETE FROM outbox_event e
       WHERE e.fanned_out AND e.created_at < $1
         AND NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.event_id = e.id AND d.delivered_at IS NULL)
       RETURNING e.id`,
      [new Date(now.getTime() - retention.outboxDays * day)],
    )
    const [, inbox]: [unknown[], number] = await m.query(
      'DELETE FROM inbox_event WHERE received_at < $1 RETURNING event_id',
      [new Date(now.getTime() - retention.inboxDays * day)],
    )
    return { outbox, inbox }
  })
}
