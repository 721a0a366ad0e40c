import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { EventEnvelope, topicMatches } from '@mosaic/schemas'
import type { Database } from '../db/database.js'
import { forbidden } from '../errors.js'
import type { ApiRouter } from '../http/route.js'

/** Runs inside the inbox transaction: use only `m`; throwing makes the publisher retry later. */
export type EventHandler = (m: EntityManager, event: EventEnvelope) => Promise<void>

/** Topic (`sales.customer.created`) or pattern (`sales.customer.*`, `*`) → handler. */
export type EventHandlers = Record<string, EventHandler>

export const InboxResult = z.object({ handled: z.boolean(), duplicate: z.boolean() })
export type InboxResult = z.infer<typeof InboxResult>

/**
 * Records the event id and runs the matching handlers in one transaction, so a duplicate delivery
 * changes nothing and a failed handler leaves no trace (the inbox row rolls back with it).
 */
export async function receiveEvent(
  db: Database,
  handlers: EventHandlers,
  event: EventEnvelope,
): Promise<InboxResult> {
  const matching = Object.entries(handlers).filter(([pattern]) => topicMatches(event.topic, [pattern]))
  return db.transaction(async (m) => {
    const inserted: unknown[] = await m.query(
      `INSERT INTO inbox_event (event_id, source, topic) VALUES ($1, $2, $3)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.id, event.source, event.topic],
    )
    if (inserted.length === 0) return { handled: false, duplicate: true }
    for (const [, handler] of matching) await handler(m, event)
    return { handled: matching.length > 0, duplicate: false }
  })
}

export function registerInboxRoute(internal: ApiRouter, db: Database, handlers: EventHandlers): void {
  internal.route({
    method: 'post',
    path: '/events',
    summary: 'Receive an event from another service',
    tags: ['internal'],
    access: 'service',
    body: EventEnvelope,
    response: InboxResult,
    status: 200,
    handler: ({ body, caller }) => {
      // A service may only speak for itself: the token's issuer must be the envelope's source.
      if (body.source !== caller)
        throw forbidden('service.source_forbidden', { caller: String(caller), source: body.source })
      return receiveEvent(db, handlers, body)
    },
  })
}
