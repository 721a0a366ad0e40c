import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EventEnvelope } from '@mosaic/schemas'
import { SECRET, startNode, type EventNode } from '../test-support/event-nodes.js'
import { defineHandlers } from './inbox.js'
import { publishEvent } from './outbox.js'
import { writeOutboxEvent } from './outbox-write.js'
import { signServiceToken } from './service-token.js'

/** Two real services on loopback ports: `sales` publishes, `admin` (subscribed to `sales.*`) receives. */
describe('events between two services', () => {
  let sales: EventNode
  let admin: EventNode
  let failing = false

  beforeAll(async () => {
    admin = await startNode({
      name: 'admin',
      restartable: true,
      events: {
        handlers: {
          'sales.customer.*': async (m, e) => {
            await m.query('INSERT INTO received_note (event_id, topic, payload) VALUES ($1, $2, $3)', [
              e.id,
              e.topic,
              JSON.stringify(e.payload),
            ])
            if (failing && e.payload.explode) throw new Error('handler exploded')
          },
          ...defineHandlers({
            'sales.lead.assigned': async (assigned, { m, event }) => {
              await m.query('INSERT INTO received_note (event_id, topic, payload) VALUES ($1, $2, $3)', [
                event.id,
                event.topic,
                JSON.stringify(assigned),
              ])
            },
          }),
        },
      },
    })
    sales = await startNode({
      name: 'sales',
      env: { ADMIN_SERVICE_URL: admin.base },
      events: { backoff: { baseMs: 100 } },
    })
  })
  afterAll(async () => {
    await sales?.close()
    await admin?.close()
  })
  beforeEach(() => {
    failing = false
  })

  const publish = (payload: Record<string, unknown>, topic = 'sales.customer.created') =>
    sales.service.db.transaction((m) => writeOutboxEvent(m, { topic, payload }))
  const notes = async (eventId: string) =>
    (await admin.query('SELECT count(*)::int AS n FROM received_note WHERE event_id = $1', [eventId]))[0]!.n
  const delivery = async (eventId: string) =>
    (
      await sales.query<{
        attempts: number
        delivered_at: Date | null
        last_error: string | null
        due_ms: number
      }>(
        `SELECT attempts, delivered_at, last_error,
                (extract(epoch FROM next_attempt_at - clock_timestamp()) * 1000)::float8 AS due_ms
         FROM outbox_delivery WHERE event_id = $1 AND subscriber = 'admin'`,
        [eventId],
      )
    )[0]!
  const post = async (envelope: unknown, source = 'sales') =>
    fetch(`${admin.base}/api/admin/internal/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await signServiceToken(SECRET, source)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(envelope),
    })

  it('delivers a committed event, with the envelope the outbox recorded', async () => {
    const id = await publish({ customerId: 'c-1', name: 'ACME' })
    await sales.service.events.flush()
    expect(await notes(id)).toBe(1)
    const [note] = await admin.query('SELECT topic, payload FROM received_note WHERE event_id = $1', [id])
    expect(note).toEqual({ topic: 'sales.customer.created', payload: { customerId: 'c-1', name: 'ACME' } })
    const [inbox] = await admin.query('SELECT source, topic FROM inbox_event WHERE event_id = $1', [id])
    expect(inbox).toEqual({ source: 'sales', topic: 'sales.customer.created' })
    expect(await delivery(id)).toMatchObject({
      attempts: 1,
      delivered_at: expect.any(Date),
      last_error: null,
    })
  })

  it('never delivers an event published in a transaction that rolled back', async () => {
    let id: string | undefined
    await expect(
      sales.service.db.transaction(async (m) => {
        id = await writeOutboxEvent(m, { topic: 'sales.customer.created', payload: { n: 1 } })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    await sales.service.events.flush()
    expect(await sales.query('SELECT 1 FROM outbox_event WHERE id = $1', [id])).toEqual([])
    expect(await admin.query('SELECT 1 FROM inbox_event WHERE event_id = $1', [id])).toEqual([])
    expect(await notes(id!)).toBe(0)
  })

  it('a subscriber that is down receives the event when it comes back, exactly once', async () => {
    await admin.stop()
    const id = await publish({ customerId: 'c-2' })
    expect(await sales.service.events.dispatcher!.tick()).toBe(1)
    const failed = await delivery(id)
    expect(failed).toMatchObject({ attempts: 1, delivered_at: null })
    expect(failed.last_error).toMatch(
      /^admin unreachable: POST http:\/\/127\.0\.0\.1:\d+\/api\/admin\/internal\/events/,
    )
    expect(failed.due_ms).toBeGreaterThan(0)
    // Not due yet: another tick sends nothing.
    expect(await sales.service.events.dispatcher!.tick()).toBe(0)

    await admin.restart()
    await sales.service.events.flush({ pending: true })
    expect(await notes(id)).toBe(1)
    expect(await delivery(id)).toMatchObject({ attempts: 2, delivered_at: expect.any(Date) })
    // Nothing is left to send, and asking again changes nothing.
    await sales.service.events.flush({ pending: true })
    expect(await notes(id)).toBe(1)
  })

  it('a duplicate delivery changes nothing', async () => {
    const envelope: EventEnvelope = {
      id: crypto.randomUUID(),
      topic: 'sales.customer.updated',
      source: 'sales',
      occurredAt: new Date().toISOString(),
      actorId: null,
      payload: { customerId: 'c-3' },
      notify: [],
    }
    const first = await post(envelope)
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ handled: true, duplicate: false })
    const second = await post(envelope)
    expect(second.status).toBe(200)
    expect(await second.json()).toEqual({ handled: false, duplicate: true })
    expect(await notes(envelope.id)).toBe(1)

    // The publisher sending again (e.g. it died between the send and recording it) is just as harmless.
    const id = await publish({ customerId: 'c-4' })
    await sales.service.events.flush()
    await sales.query(
      "UPDATE outbox_delivery SET delivered_at = NULL, next_attempt_at = now() WHERE event_id = $1 AND subscriber = 'admin'",
      [id],
    )
    await sales.service.events.flush()
    expect(await delivery(id)).toMatchObject({ attempts: 2, delivered_at: expect.any(Date) })
    expect(await notes(id)).toBe(1)
  })

  it('a failing handler answers 500 and keeps no inbox row; the retry is handled', async () => {
    failing = true
    const direct = await post({
      id: crypto.randomUUID(),
      topic: 'sales.customer.created',
      source: 'sales',
      occurredAt: new Date().toISOString(),
      actorId: null,
      payload: { explode: true },
    })
    expect(direct.status).toBe(500)
    expect(direct.headers.get('content-type')).toMatch(/^application\/problem\+json/)

    const id = await publish({ explode: true })
    await sales.service.events.flush()
    const failed = await delivery(id)
    expect(failed).toMatchObject({ attempts: 1, delivered_at: null })
    expect(failed.last_error).toMatch(/admin answered 500/)
    // The handler's write and the inbox row rolled back together.
    expect(await admin.query('SELECT 1 FROM inbox_event WHERE event_id = $1', [id])).toEqual([])
    expect(await notes(id)).toBe(0)

    failing = false
    await sales.service.events.flush({ pending: true })
    expect(await notes(id)).toBe(1)
    expect(await admin.query('SELECT 1 FROM inbox_event WHERE event_id = $1', [id])).toHaveLength(1)
    expect(await delivery(id)).toMatchObject({ attempts: 2, delivered_at: expect.any(Date) })
  })

  it('records and acknowledges a topic no handler takes; refuses an envelope from another source', async () => {
    const envelope = {
      id: crypto.randomUUID(),
      topic: 'sales.lead.created',
      source: 'sales',
      occurredAt: new Date().toISOString(),
      actorId: null,
      payload: {},
    }
    const res = await post(envelope)
    expect(await res.json()).toEqual({ handled: false, duplicate: false })
    expect(await admin.query('SELECT topic FROM inbox_event WHERE event_id = $1', [envelope.id])).toEqual([
      { topic: 'sales.lead.created' },
    ])
    const spoofed = await post({ ...envelope, id: crypto.randomUUID() }, 'orders')
    expect(spoofed.status).toBe(403)
    const invalid = await post({ ...envelope, id: 'nope', topic: 'Bad Topic', extra: 1 })
    expect(invalid.status).toBe(400)
    const fields = ((await invalid.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['id', 'topic', 'extra']))
  })

  it('a typed handler gets the parsed payload; a malformed one is acknowledged and not handled', async () => {
    const assigned = { ownerId: crypto.randomUUID(), ids: [crypto.randomUUID()] }
    const id = await sales.service.db.transaction((m) =>
      publishEvent(m, { topic: 'sales.lead.assigned', payload: assigned }),
    )
    await sales.service.events.flush()
    expect(await admin.query('SELECT payload FROM received_note WHERE event_id = $1', [id])).toEqual([
      { payload: assigned },
    ])

    const malformed = {
      id: crypto.randomUUID(),
      topic: 'sales.lead.assigned',
      source: 'sales',
      occurredAt: new Date().toISOString(),
      actorId: null,
      payload: { ownerId: 'nobody' },
    }
    const res = await post(malformed)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ handled: true, duplicate: false })
    expect(await admin.query('SELECT 1 FROM inbox_event WHERE event_id = $1', [malformed.id])).toHaveLength(1)
    expect(await notes(malformed.id)).toBe(0)
  })

  it('the dispatcher started by listen() delivers on its own', async () => {
    const quick = await startNode({
      name: 'sales',
      env: { ADMIN_SERVICE_URL: admin.base, EVENT_POLL_MS: '50' },
    })
    try {
      expect(quick.service.events.dispatcher!.started).toBe(true)
      const id = await quick.service.db.transaction((m) =>
        writeOutboxEvent(m, { topic: 'sales.customer.created', payload: { by: 'timer' } }),
      )
      const deadline = Date.now() + 10_000
      while ((await notes(id)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      expect(await notes(id)).toBe(1)
    } finally {
      await quick.close()
    }
    expect(quick.service.events.dispatcher!.started).toBe(false)
  })
})
