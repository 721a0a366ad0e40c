import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Dashboard } from '@mosaic/schemas'
import { teamTotal, upsertDeptReplica } from '@mosaic/service-kit'
import { expectFiguresMatchLists, harnessSuite, type TestUser } from '@mosaic/service-kit/testing'
import { startTicketsWithPeers, type TicketsHarnessWithPeers } from '../../test-support/harness.js'

const EAST = randomUUID()
const WEST = randomUUID()

describe('the tickets dashboard', () => {
  const s = harnessSuite(startTicketsWithPeers, {
    agent: { deptIds: [EAST] },
    westAgent: { deptIds: [WEST] },
    lead: { dataScope: 'dept', deptIds: [EAST] },
    admin: { dataScope: 'all' },
    outsider: { permissions: [] },
  })
  const ask = (user: TestUser, query = '') =>
    s.h.call<Dashboard>('GET', `/dashboard${query}`, { token: user.token })
  const check = (user: TestUser) => ({
    call: s.h.call,
    token: user.token,
    apiPath: (path: string) => path.replace(/^\/service/, ''),
  })

  /** A ticket as the API opens it, then assigned, dated, flagged and moved straight in the table. */
  async function ticket(
    h: TicketsHarnessWithPeers,
    o: {
      assignee: TestUser | null
      dept: string
      createdAt: string
      status?: string
      breached?: boolean
      deleted?: boolean
    },
  ) {
    const customer = h.peers.addCustomer(`客户${randomUUID().slice(0, 6)}`)
    const res = await h.call('POST', '/tickets', {
      token: s.admin.token,
      body: {
        type: 'repair',
        priority: 'high',
        channel: 'phone',
        customerId: customer.id,
        title: '设备无法启动',
        description: '开机后无反应',
      },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    await h.service.db.dataSource.query(
      `UPDATE ticket SET assignee_id = $2, assignee_name = $3, dept_id = $4, created_at = $5, status = $6,
         response_breached = $7, deleted_at = $8 WHERE id = $1`,
      [
        res.body.id,
        o.assignee?.id ?? null,
        o.assignee?.name ?? null,
        o.dept,
        o.createdAt,
        o.status ?? (o.assignee ? 'assigned' : 'new'),
        o.breached ?? false,
        o.deleted ? new Date() : null,
      ],
    )
  }

  beforeAll(async () => {
    await s.h.service.db.transaction(async (m) => {
      await upsertDeptReplica(m, { id: EAST, name: '华东服务部', parentId: null, version: 1, deleted: false })
      await upsertDeptReplica(m, { id: WEST, name: '华西服务部', parentId: null, version: 1, deleted: false })
    })
    // 23:30 on 30 November in Shanghai is November; half an hour later it is December.
    await ticket(s.h, { assignee: s.agent, dept: EAST, createdAt: '2026-11-30T15:30:00Z', breached: true })
    await ticket(s.h, { assignee: s.agent, dept: EAST, createdAt: '2026-11-30T16:00:00Z' })
    await ticket(s.h, { assignee: s.agent, dept: EAST, createdAt: '2026-10-31T15:59:59Z' })
    await ticket(s.h, { assignee: s.agent, dept: EAST, createdAt: '2025-11-15T08:00:00Z' })
    await ticket(s.h, { assignee: s.agent, dept: EAST, createdAt: '2026-11-03T08:00:00Z', deleted: true })
    // West: a breach since resolved needs nobody; the shared queue's ticket is everyone's.
    await ticket(s.h, {
      assignee: s.westAgent,
      dept: WEST,
      createdAt: '2026-11-10T08:00:00Z',
      status: 'resolved',
      breached: true,
    })
    await ticket(s.h, {
      assignee: s.westAgent,
      dept: WEST,
      createdAt: '2026-11-11T08:00:00Z',
      breached: true,
    })
    await ticket(s.h, { assignee: null, dept: WEST, createdAt: '2026-11-05T08:00:00Z', breached: true })
  })

  const figure = (d: Dashboard, key: string) => d.figures.find((f) => f.key === key)
  const todo = (d: Dashboard, key: string) => d.todo.find((t) => t.key === key)

  it('counts new tickets per business month and the open breaching ones, each equal to its list as that user', async () => {
    const expected = [
      // The agent: their own tickets and the unassigned queue.
      [s.agent, { value: '2', previous: '1', breaching: 2 }],
      [s.lead, { value: '2', previous: '1', breaching: 2 }],
      [s.westAgent, { value: '3', previous: '0', breaching: 2 }],
      [s.admin, { value: '4', previous: '1', breaching: 3 }],
    ] as const
    for (const [user, want] of expected) {
      const res = await ask(user, '?month=2026-11')
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      const d = res.body
      expect([d.month, d.from, d.to]).toEqual([
        '2026-11',
        '2026-10-31T16:00:00.000Z',
        '2026-11-30T16:00:00.000Z',
      ])
      expect(figure(d, 'tickets.newTickets'), user.name).toMatchObject({
        unit: 'count',
        value: want.value,
        previous: want.previous,
        link: { path: '/service/tickets', query: { createdFrom: '2026-10-31T16:00:00.000Z' } },
      })
      expect(todo(d, 'tickets.breaching'), user.name).toMatchObject({
        count: want.breaching,
        link: { path: '/service/tickets', query: { breached: 'any', open: 'true' } },
      })
      expect(await expectFiguresMatchLists(check(user), [...d.figures, ...d.mine, ...d.todo])).toBe(2)
    }
  })

  it('reads the previous month and December from their own windows', async () => {
    const october = (await ask(s.agent, '?month=2026-10')).body
    expect(figure(october, 'tickets.newTickets')).toMatchObject({ value: '1', previous: '0' })
    const december = (await ask(s.agent, '?month=2026-12')).body
    expect(figure(december, 'tickets.newTickets')).toMatchObject({ value: '1', previous: '2' })
    await expectFiguresMatchLists(check(s.agent), [...october.figures, ...december.figures])
  })

  it('draws twelve months, oldest first, ending with the month shown', async () => {
    const d = (await ask(s.admin, '?month=2026-11')).body
    const [trend] = d.trends
    expect(trend!.key).toBe('tickets.newTickets')
    expect(trend!.points).toHaveLength(12)
    expect(trend!.points[0]).toEqual({ month: '2025-12', value: '0' })
    expect(trend!.points.slice(-2)).toEqual([
      { month: '2026-10', value: '1' },
      { month: '2026-11', value: '4' },
    ])
  })

  it('shows only the tickets assigned to the caller in the `me` view', async () => {
    const d = (await ask(s.agent, '?month=2026-11&view=me')).body
    expect(figure(d, 'tickets.newTickets')).toMatchObject({
      value: '1',
      link: { query: { assigneeId: s.agent.id } },
    })
    expect(todo(d, 'tickets.breaching')!.count).toBe(1)
    await expectFiguresMatchLists(check(s.agent), [...d.figures, ...d.todo])
  })

  it('groups the month by assignee and by department within the caller’s scope only', async () => {
    const byMember = (await ask(s.lead, '?month=2026-11&groupBy=member')).body
    expect(byMember.team).toEqual([
      { id: s.agent.id, name: s.agent.name, figures: { 'tickets.newTickets': '1' } },
      // The unassigned queue's ticket: nobody's.
      { id: null, name: '', figures: { 'tickets.newTickets': '1' } },
    ])
    const byDept = (await ask(s.agent, '?month=2026-11&groupBy=dept')).body
    expect(byDept.team.map((r) => r.name)).toEqual(['华东服务部', ''])
    expect(JSON.stringify(byDept.team)).not.toContain('华西')
    const all = (await ask(s.admin, '?month=2026-11&groupBy=dept')).body
    expect(all.team.map((r) => [r.name, r.figures['tickets.newTickets']])).toEqual([
      ['华西服务部', '3'],
      ['华东服务部', '1'],
    ])
    for (const d of [byMember, byDept, all])
      expect(teamTotal(d.team, 'tickets.newTickets')).toBe(figure(d, 'tickets.newTickets')!.value)
  })

  it('leaves out what the caller may not read, refuses a bad month and an anonymous caller', async () => {
    const none = await ask(s.outsider, '?month=2026-11')
    expect(none.status).toBe(200)
    expect(none.body).toMatchObject({ figures: [], mine: [], todo: [], trends: [], team: [] })
    for (const month of ['2026-13', '2026-1', 'nov'])
      expect((await ask(s.agent, `?month=${month}`)).status, month).toBe(400)
    expect((await ask(s.agent, '?groupBy=everyone')).status).toBe(400)
    expect((await s.h.call('GET', '/dashboard')).status).toBe(401)
  })
})
