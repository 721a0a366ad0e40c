import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { EventEnvelope, type NotificationRequest } from '@mosaic/schemas'
import { receiveEvent } from '@mosaic/service-kit'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import { expectProblem, ifMatch } from '@mosaic/service-kit/testing/expect'
import { notify, storeNotifications } from './notifications.service.js'
import { eventHandlers } from '../../events.js'

let h: AdminHarness
let adminToken: string
beforeAll(async () => ({ h, adminToken } = await startSignedIn()))
afterAll(() => h?.close())

/** A staff member with no permissions at all: the inbox needs none. */
const member = (username: string) => h.userWith(adminToken, { username, permissions: [] })

const ask = (userId: string, n: number | string): NotificationRequest => ({
  userId,
  kind: 'owner_changed',
  title: { zh: `客户已转交 ${n}`, en: `Customer transferred ${n}` },
  body: { zh: `正文 ${n}`, en: `Body ${n}` },
  link: `/sales/customers/${n}`,
  entityType: 'customer',
  entityId: String(n),
})

function envelope(notifyList: NotificationRequest[]) {
  return EventEnvelope.parse({
    id: randomUUID(),
    topic: 'sales.customer.transferred',
    source: 'sales',
    occurredAt: new Date().toISOString(),
    actorId: null,
    payload: {},
    notify: notifyList,
  })
}

const store = (e: EventEnvelope) => h.service.db.transaction((m) => storeNotifications(m, e))
const list = (token: string, query = '') => h.call('GET', `/notifications${query}`, { token })
const count = async (token: string) => {
  const res = await h.call('GET', '/notifications/unread-count', { token })
  expect(res.status).toBe(200)
  return res.body.count as number
}

describe('storing notifications from events', () => {
  test('each named user gets theirs; a redelivered event adds nothing', async () => {
    const wang = await member('notif_wang')
    const li = await member('notif_li')
    const event = envelope([
      ask(wang.user.id, 'w1'),
      { userId: li.user.id, kind: 'pool_warning', title: { zh: '即将回收', en: 'About to be recycled' } },
    ])
    expect(await store(event)).toBe(2)

    const mine = await list(wang.token)
    expect(mine.status).toBe(200)
    expect(mine.body).toMatchObject({ total: 1, totalCapped: false, nextCursor: null })
    expect(mine.body.items[0]).toEqual({
      id: expect.any(String),
      kind: 'owner_changed',
      title: { zh: '客户已转交 w1', en: 'Customer transferred w1' },
      body: { zh: '正文 w1', en: 'Body w1' },
      link: '/sales/customers/w1',
      entityType: 'customer',
      entityId: 'w1',
      read: false,
      readAt: null,
      createdAt: expect.any(String),
      sourceEvent: event.id,
      source: 'sales',
    })
    const theirs = await list(li.token)
    expect(theirs.body.items).toEqual([
      expect.objectContaining({ kind: 'pool_warning', body: null, link: null, entityId: null, read: false }),
    ])

    expect(await store(event)).toBe(0)
    expect((await list(wang.token)).body.total).toBe(1)
    expect(await count(li.token)).toBe(1)
  })

  test('unknown, disabled and deleted users are skipped; one event notifies a user once', async () => {
    const active = await member('notif_active')
    const disabled = await member('notif_disabled')
    const deleted = await member('notif_deleted')
    const off = await h.call('PATCH', `/users/${disabled.user.id}`, {
      token: adminToken,
      headers: ifMatch(disabled.user.version),
      body: { enabled: false },
    })
    expect(off.status, JSON.stringify(off.body)).toBe(200)
    const del = await h.call('DELETE', `/users/${deleted.user.id}`, {
      token: adminToken,
      headers: ifMatch(deleted.user.version),
    })
    expect(del.status).toBe(204)

    const event = envelope([
      ask(randomUUID(), 'ghost'),
      ask(disabled.user.id, 'd'),
      ask(deleted.user.id, 'x'),
      ask(active.user.id, 'a1'),
      ask(active.user.id, 'a2'),
    ])
    expect(await store(event)).toBe(1)
    const [{ n }] = await h.service.db.dataSource.query(
      'SELECT count(*)::int AS n FROM notification WHERE source_event = $1',
      [event.id],
    )
    expect(n).toBe(1)
    expect((await list(active.token)).body.items.map((i: { entityId: string }) => i.entityId)).toEqual(['a1'])
  })

  test('an event without notifications stores nothing', async () => {
    expect(await store(envelope([]))).toBe(0)
  })

  test('finance’s overdue receivable reaches its owner through the inbox, naming contract and amount', async () => {
    const owner = await member('notif_overdue_owner')
    const receivableId = randomUUID()
    // As finance's overdue round publishes it (receivables.overdue.ts): the owner's notice rides along.
    const overdue = EventEnvelope.parse({
      id: randomUUID(),
      topic: 'finance.receivable.overdue',
      source: 'finance',
      occurredAt: new Date().toISOString(),
      actorId: null,
      payload: {
        receivableId,
        contractId: randomUUID(),
        contractNumber: 'HT20260110001',
        contractName: '年度供货合同',
        customerId: randomUUID(),
        customerName: '华东制造有限公司',
        ownerId: owner.user.id,
        deptId: null,
        overdueAmount: '20000.00',
        instalments: [{ id: randomUUID(), seq: 1, dueDate: '2026-01-10', remaining: '20000.00' }],
      },
      notify: [
        {
          userId: owner.user.id,
          kind: 'receivable_overdue',
          title: { zh: '合同「HT20260110001」回款逾期', en: 'Payment overdue on contract HT20260110001' },
          body: {
            zh: '华东制造有限公司：1 期已过期未付清，共 20000.00 元',
            en: '华东制造有限公司: 1 instalment(s) past due, 20000.00 outstanding',
          },
          link: `/finance/receivables?open=${receivableId}`,
          entityType: 'receivable',
          entityId: receivableId,
        },
      ],
    })
    expect(await receiveEvent(h.service.db, eventHandlers, overdue)).toEqual({
      handled: true,
      duplicate: false,
    })
    expect(await receiveEvent(h.service.db, eventHandlers, overdue)).toEqual({
      handled: false,
      duplicate: true,
    })
    const mine = await list(owner.token)
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        kind: 'receivable_overdue',
        title: { zh: '合同「HT20260110001」回款逾期', en: 'Payment overdue on contract HT20260110001' },
        link: `/finance/receivables?open=${receivableId}`,
        entityType: 'receivable',
        source: 'finance',
        sourceEvent: overdue.id,
      }),
    ])
    expect(mine.body.items[0].body.zh).toContain('20000.00')
  })
})

describe('ticket notices', () => {
  test('a ticket’s assignment and SLA breach reach its assignee through the inbox, once each', async () => {
    const agent = await member('notif_ticket_agent')
    const ticketId = randomUUID()
    // As the tickets service publishes them (tickets.events.ts): the assignee's notice rides along.
    const ticketEvent = (topic: string, breach: 'resolution' | null, kind: string, zh: string, en: string) =>
      EventEnvelope.parse({
        id: randomUUID(),
        topic,
        source: 'tickets',
        occurredAt: new Date().toISOString(),
        actorId: null,
        payload: {
          ticketId,
          number: 'GD202612050001',
          title: '设备无法启动',
          customerName: '华东制造有限公司',
          assigneeId: agent.user.id,
          breach,
          dueAt: breach ? new Date().toISOString() : null,
        },
        notify: [
          {
            userId: agent.user.id,
            kind,
            title: { zh, en },
            body: { zh: '华东制造有限公司：设备无法启动', en: '华东制造有限公司: 设备无法启动' },
            link: `/service/tickets?open=${ticketId}`,
            entityType: 'ticket',
            entityId: ticketId,
          },
        ],
      })
    const assigned = ticketEvent(
      'tickets.ticket.assigned',
      null,
      'ticket_assigned',
      '工单「GD202612050001」已分派给你',
      'Ticket GD202612050001 was assigned to you',
    )
    const breached = ticketEvent(
      'tickets.ticket.breached',
      'resolution',
      'ticket_breached',
      '工单「GD202612050001」已超过解决时限',
      'Ticket GD202612050001 missed its resolution target',
    )
    for (const event of [assigned, breached, assigned]) await receiveEvent(h.service.db, eventHandlers, event)
    const mine = await list(agent.token)
    expect(mine.body.items.map((n: { kind: string; source: string }) => [n.kind, n.source]).sort()).toEqual([
      ['ticket_assigned', 'tickets'],
      ['ticket_breached', 'tickets'],
    ])
    expect(mine.body.items[0].link).toBe(`/service/tickets?open=${ticketId}`)
  })
})

describe("the caller's inbox", () => {
  test('lists newest first in keyset pages, filters by unread, counts unread', async () => {
    const zhao = await member('notif_zhao')
    // Separate transactions, so each has its own created_at.
    for (const n of [1, 2, 3, 4, 5]) {
      await h.service.db.transaction((m) => notify(m, [ask(zhao.user.id, n)], { source: 'admin' }))
    }
    const seen: string[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page = await list(zhao.token, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.status).toBe(200)
      expect(page.body.total).toBe(5)
      expect(page.body.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.body.items.map((i: { entityId: string }) => i.entityId))
      cursor = page.body.nextCursor
    }
    expect(seen).toEqual(['5', '4', '3', '2', '1'])
    const first = (await list(zhao.token)).body.items[0]
    expect(first).toMatchObject({ source: 'admin', sourceEvent: null })
    expect(await count(zhao.token)).toBe(5)

    const target = (await list(zhao.token)).body.items.find((i: { entityId: string }) => i.entityId === '2')
    const read = await h.call('POST', `/notifications/${target.id}/read`, { token: zhao.token })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ id: target.id, read: true, readAt: expect.any(String) })
    expect(await count(zhao.token)).toBe(4)

    const again = await h.call('POST', `/notifications/${target.id}/read`, { token: zhao.token })
    expect(again.status).toBe(200)
    expect(again.body.readAt).toBe(read.body.readAt)
    expect(await count(zhao.token)).toBe(4)

    const unread = await list(zhao.token, '?unread=true')
    expect(unread.body.items.map((i: { entityId: string }) => i.entityId)).toEqual(['5', '4', '3', '1'])
    const done = await list(zhao.token, '?unread=false')
    expect(done.body.items.map((i: { id: string }) => i.id)).toEqual([target.id])
    expectProblem(await list(zhao.token, '?unread=maybe'), 400)
  })

  test('mark all read clears the count and touches only the caller', async () => {
    const qian = await member('notif_qian')
    const sun = await member('notif_sun')
    await store(envelope([ask(qian.user.id, 'q1'), ask(sun.user.id, 's1')]))
    await store(envelope([ask(qian.user.id, 'q2')]))
    expect(await count(qian.token)).toBe(2)

    const all = await h.call('POST', '/notifications/read-all', { token: qian.token })
    expect(all.status).toBe(200)
    expect(all.body).toEqual({ marked: 2 })
    expect(await count(qian.token)).toBe(0)
    expect((await list(qian.token)).body.items.every((i: { read: boolean }) => i.read)).toBe(true)
    expect((await h.call('POST', '/notifications/read-all', { token: qian.token })).body).toEqual({
      marked: 0,
    })
    expect(await count(sun.token)).toBe(1)
  })

  test("another user's notification is invisible: never listed, marking it answers 404", async () => {
    const zhou = await member('notif_zhou')
    const wu = await member('notif_wu')
    await store(envelope([ask(zhou.user.id, 'z1')]))
    const [theirs] = (await list(zhou.token)).body.items

    // Even the super administrator sees only their own inbox.
    expect((await list(adminToken)).body.items.map((i: { id: string }) => i.id)).not.toContain(theirs.id)
    expect((await list(wu.token)).body.total).toBe(0)
    expectProblem(await h.call('POST', `/notifications/${theirs.id}/read`, { token: wu.token }), 404)
    expectProblem(await h.call('POST', `/notifications/${randomUUID()}/read`, { token: wu.token }), 404)
    expectProblem(await h.call('POST', '/notifications/not-a-uuid/read', { token: wu.token }), 400)
    expect(await count(zhou.token)).toBe(1)
    expect((await list(zhou.token)).body.items[0].read).toBe(false)
  })

  test('every route needs a signed-in user', async () => {
    expectProblem(await h.call('GET', '/notifications'), 401)
    expectProblem(await h.call('GET', '/notifications/unread-count'), 401)
    expectProblem(await h.call('POST', '/notifications/read-all'), 401)
    expectProblem(await h.call('POST', `/notifications/${randomUUID()}/read`), 401)
  })
})
