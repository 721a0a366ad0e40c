import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { EventEnvelope, NotificationRequest } from '@mosaic/schemas'

/** A row of the outbox, for any well-formed topic; services publish through `publishEvent`. */
export interface OutboxEvent {
  /** `<service>.<resource>.<past-tense-verb>`, e.g. 'sales.customer.transferred'. */
  topic: string
  payload: Record<string, unknown>
  notify?: NotificationRequest[]
  actorId?: string | null
}

const Published = z.strictObject({
  topic: EventEnvelope.shape.topic,
  payload: EventEnvelope.shape.payload,
  notify: z.array(NotificationRequest).default([]),
  actorId: z.uuid().nullable().default(null),
})

/**
 * Writes the event into the outbox with the caller's manager, so it exists if and only if the
 * caller's transaction commits; the dispatcher delivers it afterwards. Returns the event id.
 * Checks the envelope's shape only, not the topic's payload: the kit's own tests of delivery use it
 * for topics of services that do not exist yet.
 */
export async function writeOutboxEvent(m: EntityManager, event: OutboxEvent): Promise<string> {
  const [id] = await writeOutboxEvents(m, [event])
  return id!
}

/** Events of one transaction in one statement, in order (an import chunk publishes hundreds). */
export async function writeOutboxEvents(m: EntityManager, events: OutboxEvent[]): Promise<string[]> {
  const rows = events.map((event) => {
    const parsed = Published.safeParse(event)
    // A malformed event is a programming error in the publisher, not a client's mistake: fail loudly.
    if (!parsed.success) throw new Error(`Invalid event "${event.topic}": ${z.prettifyError(parsed.error)}`)
    return { id: randomUUID(), ...parsed.data }
  })
  if (!rows.length) return []
  await m.query(
    `INSERT INTO outbox_event (id, topic, actor_id, payload, notify)
     SELECT * FROM ROWS FROM (
       unnest($1::uuid[]), unnest($2::varchar[]), unnest($3::uuid[]),
       jsonb_array_elements($4::jsonb), jsonb_array_elements($5::jsonb)
     )`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.topic),
      rows.map((r) => r.actorId),
      // One JSON document per column: parsed once, not as an array of escaped texts.
      JSON.stringify(rows.map((r) => r.payload)),
      JSON.stringify(rows.map((r) => r.notify)),
    ],
  )
  return rows.map((r) => r.id)
}
