import type { EntityManager } from 'typeorm'
import type { Logger } from 'pino'
import { z } from 'zod'
import {
  EVENTS,
  EventEnvelope,
  isEventTopic,
  topicMatches,
  type EventPayload,
  type EventTopic,
} from '@mosaic/schemas'
import type { Database } from '../db/database.js'
import { forbidden } from '../errors.js'
import type { ApiRouter } from '../http/route.js'

/** What the inbox lends its handlers besides the transaction. */
export interface InboxContext {
  logger: Pick<Logger, 'warn'>
}

/**
 * Runs inside the inbox transaction: use only `m`; throwing makes the publisher retry later.
 * Sees the whole envelope, payload unparsed: services write `defineHandlers` instead, and only an
 * envelope-level concern (admin storing the `notify` entries of any topic) writes one by hand.
 */
export type EventHandler = (m: EntityManager, event: EventEnvelope, inbox?: InboxContext) => Promise<void>

/** Topic (`sales.customer.created`) or pattern (`sales.customer.*`, `*`) → handler. */
export type EventHandlers = Record<string, EventHandler>

/** What a typed handler gets beside its payload: the inbox transaction and the envelope it came in. */
export interface EventHandlerContext {
  m: EntityManager
  event: EventEnvelope
}

/** Catalog topic → handler of that topic's parsed payload. */
export type TypedEventHandlers = {
  [T in EventTopic]?: (payload: EventPayload<T>, ctx: EventHandlerContext) => Promise<void>
}

const silent: InboxContext = { logger: { warn: () => undefined } }

/**
 * Inbox handlers of catalog topics. Each parses the payload with the topic's schema before the
 * handler runs. A payload that does not parse is a publisher bug that no retry would mend: it is
 * logged and acknowledged (recorded in the inbox, handler not run), so it cannot block the queue.
 */
export function defineHandlers(handlers: TypedEventHandlers): EventHandlers {
  return Object.fromEntries(
    Object.entries(handlers).map(([topic, handle]) => {
      if (!isEventTopic(topic))
        throw new Error(`No event "${topic}" in the catalog (EVENTS in @mosaic/schemas)`)
      const schema: z.ZodType = EVENTS[topic]
      const run = handle as (payload: unknown, ctx: EventHandlerContext) => Promise<void>
      const handler: EventHandler = async (m, event, inbox = silent) => {
        const parsed = schema.safeParse(event.payload)
        if (parsed.success) return run(parsed.data, { m, event })
        inbox.logger.warn(
          { eventId: event.id, topic: event.topic, source: event.source, issues: parsed.error.issues },
          'malformed event payload acknowledged without handling',
        )
      }
      return [topic, handler]
    }),
  )
}

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
  inbox: InboxContext = silent,
): Promise<InboxResult> {
  const matching = Object.entries(handlers).filter(([pattern]) => topicMatches(event.topic, [pattern]))
  return db.transaction(async (m) => {
    const inserted: unknown[] = await m.query(
      `INSERT INTO inbox_event (event_id, source, topic) VALUES ($1, $2, $3)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.id, event.source, event.topic],
    )
    if (inserted.length === 0) return { handled: false, duplicate: true }
    for (const [, handler] of matching) await handler(m, event, inbox)
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
    handler: ({ body, caller, req }) => {
      // A service may only speak for itself: the token's issuer must be the envelope's source.
      if (body.source !== caller)
        throw forbidden('service.source_forbidden', { caller: String(caller), source: body.source })
      return receiveEvent(db, handlers, body, { logger: req.log })
    },
  })
}
