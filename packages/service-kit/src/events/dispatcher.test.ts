import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { pino } from 'pino'
import { EventEnvelope, subscribersOf } from '@mosaic/schemas'
import { BaseConfig } from '../config.js'
import type { Database } from '../db/database.js'
import { startNode, type EventNode } from '../test-support/event-nodes.js'
import type { EventTransport } from './client.js'
import { backoffDelay, Dispatcher } from './dispatcher.js'
import { writeOutboxEvent } from './outbox-write.js'
import { peersFromConfig } from './peers.js'

const USER = '00000000-0000-4000-8000-000000000001'

describe('peersFromConfig / backoffDelay', () => {
  it('peers are the configured *_SERVICE_URL except the service itself', () => {
    const config = BaseConfig.parse({
      SERVICE_NAME: 'sales',
      SALES_SERVICE_URL: 'http://localhost:3002',
      ADMIN_SERVICE_URL: 'http://localhost:3001/',
      FINANCE_SERVICE_URL: 'http://10.0.0.5:3005',
    })
    expect(peersFromConfig(config)).toEqual({
      admin: 'http://localhost:3001',
      finance: 'http://10.0.0.5:3005',
    })
  })

  it('doubles from 500 ms and stops at 60 s', () => {
    expect([0, 1, 2, 3, 6, 7, 50].map((n) => backoffDelay(n))).toEqual([
      500, 1000, 2000, 4000, 32_000, 60_000, 60_000,
    ])
  })
})

describe('dispatcher', () => {
  let node: EventNode
  const sent: { subscriber: string; envelope: EventEnvelope }[] = []
  let failWith: string | undefined

  const transport: EventTransport = {
    async send(subscriber, envelope) {
      if (failWith) throw new Error(failWith)
      sent.push({ subscriber, envelope: EventEnvelope.parse(envelope) })
    },
  }

  beforeAll(async () => {
    node = await startNode({
      name: 'sales',
      env: {
        // Configured: admin, finance (and sales itself, which is never a peer). Not: orders, tickets.
        ADMIN_SERVICE_URL: 'http://127.0.0.1:1',
        FINANCE_SERVICE_URL: 'http://127.0.0.1:1',
        SALES_SERVICE_URL: 'http://127.0.0.1:1',
      },
      events: { transport, backoff: { baseMs: 1000, maxMs: 5000 } },
    })
  })
  afterAll(async () => {
    await node?.close()
  })
  beforeEach(async () => {
    sent.length = 0
    failWith = undefined
    await node.query('DELETE FROM outbox_event')
  })

  const publish = (topic: string, payload: Record<string, unknown> = {}, extra = {}) =>
    node.service.db.transaction((m) => writeOutboxEvent(m, { topic, payload, ...extra }))
  const deliveriesOf = async (id: string) =>
    (
      await node.query<{ subscriber: string }>(
        'SELECT subscriber FROM outbox_delivery WHERE event_id = $1 ORDER BY subscriber',
        [id],
      )
    ).map((r) => r.subscriber)

  it('fans out by EVENT_SUBSCRIPTIONS, only to configured peers', async () => {
    const expected: Record<string, string[]> = {
      'sales.customer.created': ['admin'], // orders subscribes too, but has no URL here
      'orders.order.created': ['admin', 'finance'], // sales subscribes too, but is the source
      'admin.user.changed': ['finance'], // orders, tickets: no URL; sales: the source
      'misc.thing.happened': [],
    }
    const ids: Record<string, string> = {}
    for (const topic of Object.keys(expected)) ids[topic] = await publish(topic, { topic })
    await node.service.events.flush()
    for (const [topic, subscribers] of Object.entries(expected)) {
      expect(await deliveriesOf(ids[topic]!), topic).toEqual(subscribers)
      expect(subscribers.every((s) => subscribersOf(topic, 'sales').includes(s))).toBe(true)
    }
    expect(await node.query('SELECT 1 FROM outbox_event WHERE NOT fanned_out')).toEqual([])
    // Each subscriber gets its events oldest first (subscribers are served in parallel).
    const topicsFor = (subscriber: string) =>
      sent.filter((s) => s.subscriber === subscriber).map((s) => s.envelope.topic)
    expect(sent).toHaveLength(4)
    expect(topicsFor('admin')).toEqual(['sales.customer.created', 'orders.order.created'])
    expect(topicsFor('finance')).toEqual(['orders.order.created', 'admin.user.changed'])
    expect(sent[0]!.envelope).toMatchObject({
      id: ids['sales.customer.created'],
      source: 'sales',
      actorId: null,
      payload: { topic: 'sales.customer.created' },
      notify: [],
    })
  })

  it('carries actor and notifications', async () => {
    const notify = [{ userId: USER, kind: 'owner_changed', title: { zh: '转移', en: 'Transferred' } }]
    const id = await publish('sales.customer.transferred', { a: 1 }, { actorId: USER, notify })
    await node.service.events.flush()
    expect(sent).toHaveLength(1)
    expect(sent[0]!.envelope).toMatchObject({ id, actorId: USER, notify })
    expect(Date.parse(sent[0]!.envelope.occurredAt)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('refuses malformed events', async () => {
    for (const event of [
      { topic: 'Sales.Customer', payload: {} },
      { topic: 'sales.customer.created', payload: {}, actorId: 'someone' },
      { topic: 'sales.customer.created', payload: {}, notify: [{ userId: USER }] },
    ]) {
      await expect(node.service.db.transaction((m) => writeOutboxEvent(m, event as never))).rejects.toThrow(
        /^Invalid event/,
      )
    }
    expect(await node.query('SELECT 1 FROM outbox_event')).toEqual([])
  })

  it('backoff grows per failed attempt up to the cap; a failing peer costs one try per tick', async () => {
    failWith = 'peer exploded'
    const first = await publish('sales.customer.created')
    const second = await publish('sales.customer.updated')
    const state = async (id: string) =>
      (
        await node.query<{ attempts: number; last_error: string | null; due_ms: number }>(
          `SELECT attempts, last_error, (extract(epoch FROM next_attempt_at - clock_timestamp()) * 1000)::float8 AS due_ms
           FROM outbox_delivery WHERE event_id = $1`,
          [id],
        )
      )[0]!
    const delays: number[] = []
    for (let i = 0; i < 4; i++) {
      await node.query('UPDATE outbox_delivery SET next_attempt_at = now()')
      expect(await node.service.events.dispatcher!.tick()).toBe(1)
      const s = await state(first)
      expect(s).toMatchObject({ attempts: i + 1, last_error: 'peer exploded' })
      delays.push(s.due_ms)
      // The later event waits with the earlier one, untried.
      expect(await state(second)).toMatchObject({ attempts: 0, last_error: null })
      expect(Math.abs((await state(second)).due_ms - s.due_ms)).toBeLessThan(300)
    }
    ;[1000, 2000, 4000, 5000].forEach((expected, i) => {
      expect(delays[i]).toBeGreaterThan(expected - 300)
      expect(delays[i]).toBeLessThanOrEqual(expected)
    })
    // Nothing due: flush returns at once; asked to wait for pending retries, it times out.
    await node.service.events.flush()
    await expect(node.service.events.flush({ pending: true, timeoutMs: 200 })).rejects.toThrow(/timed out/)
    failWith = undefined
    await node.query('UPDATE outbox_delivery SET next_attempt_at = now()')
    await node.service.events.flush()
    expect(sent.map((s) => s.envelope.id)).toEqual([first, second])
  })
})

describe('dispatcher loop', () => {
  const silent = pino({ level: 'silent' })

  it('never throws out of the timer: errors are logged and polling goes on', async () => {
    const errors: unknown[] = []
    const logger = Object.assign(Object.create(silent), { error: (o: unknown) => errors.push(o) })
    const db = {
      transaction: async () => {
        throw new Error('database is down')
      },
    } as unknown as Database
    const dispatcher = new Dispatcher({
      db,
      source: 'sales',
      peers: [],
      transport: { send: async () => {} },
      logger,
      pollMs: 20,
    })
    dispatcher.start()
    await new Promise((r) => setTimeout(r, 150))
    await dispatcher.stop()
    expect(errors.length).toBeGreaterThanOrEqual(2)
    expect(errors[0]).toMatchObject({ err: expect.objectContaining({ message: 'database is down' }) })
    const after = errors.length
    await new Promise((r) => setTimeout(r, 60))
    expect(errors.length).toBe(after)
  })

  it('stop() waits for the tick in flight', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const db = {
      transaction: async () => {
        await gate
        return []
      },
    } as unknown as Database
    const dispatcher = new Dispatcher({
      db,
      source: 'sales',
      peers: [],
      transport: { send: async () => {} },
      logger: silent,
    })
    const tick = dispatcher.tick()
    let stopped = false
    const stop = dispatcher.stop().then(() => (stopped = true))
    await new Promise((r) => setTimeout(r, 50))
    expect(stopped).toBe(false)
    release()
    await stop
    expect(await tick).toBe(0)
  })
})
