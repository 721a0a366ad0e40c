import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import {
  EVENTS,
  isEventTopic,
  type EventPayloadInput,
  type EventTopic,
  type NotificationRequest,
} from '@mosaic/schemas'
import { writeOutboxEvents } from './outbox-write.js'

export interface PublishedEvent<T extends EventTopic> {
  /** A topic of the event catalog (`EVENTS` in @mosaic/schemas). */
  topic: T
  payload: EventPayloadInput<T>
  notify?: NotificationRequest[]
  actorId?: string | null
}

/**
 * Writes a catalog event into the outbox with the caller's manager, so it exists if and only if the
 * caller's transaction commits; the dispatcher delivers it afterwards. Returns the event id.
 *
 * The payload is checked against the topic's schema on every call, not only in tests: a parse of a
 * dozen fields costs nothing beside the INSERT, and a payload its subscribers would drop is a bug in
 * the publisher, so it throws (and the caller's transaction rolls back) instead of travelling.
 * What is stored is the parsed payload: defaults filled in, undeclared fields left out.
 */
export async function publishEvent<T extends EventTopic>(
  m: EntityManager,
  event: PublishedEvent<T>,
): Promise<string> {
  const [id] = await publishEvents(m, [event])
  return id!
}

/** `publishEvent` for several events of one transaction, written in one statement (a batch's). */
export function publishEvents<T extends EventTopic>(
  m: EntityManager,
  events: PublishedEvent<T>[],
): Promise<string[]> {
  return writeOutboxEvents(m, events.map(checkedEvent))
}

function checkedEvent<T extends EventTopic>(event: PublishedEvent<T>) {
  const topic: string = event.topic
  if (!isEventTopic(topic))
    throw new Error(`Invalid event "${topic}": not a topic of the event catalog (EVENTS in @mosaic/schemas)`)
  const schema: z.ZodType<Record<string, unknown>> = EVENTS[topic]
  const parsed = schema.safeParse(event.payload)
  if (!parsed.success) throw new Error(`Invalid event "${topic}": ${z.prettifyError(parsed.error)}`)
  return { ...event, payload: parsed.data }
}
