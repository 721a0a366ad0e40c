import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { roundMoney, sumMoney } from '@mosaic/money'
import type { Dashboard, DashboardFigure } from '@mosaic/schemas'
import { teamTotal, upsertDeptReplica } from '@mosaic/service-kit'
import { expectFiguresMatchLists, harnessSuite, type Reply, type TestUser } from '@mosaic/service-kit/testing'
import { startFinance, type FinanceHarness } from '../../test-support/harness.js'
import { seedReceivable } from '../../test-support/receivables.js'

const EAST = randomUUID()
const WEST = randomUUID()

/** A money figure against the list its link opens: every row on the page, their amounts summed. */
function listedAmount(figure: DashboardFigure, list: Reply): string {
  const items = list.body.items as Array<{ amount: string }>
  expect(items, figure.key).toHaveLength(list.body.total)
  expect(roundMoney(figure.value), figure.key).toBe(sumMoney(items.map((i) => i.amount)))
  return figure.value
}

describe('the finance dashboard', () => {
  const s = harnessSuite(() => startFinance(), {
    rep: { deptIds: [EAST] },
    colleague: { deptIds: [EAST] },
    westRep: { deptIds: [WEST] },
    manager: { dataScope: 'dept', deptIds: [EAST] },
    admin: { dataScope: 'all' },
    cashier: { dataScope: 'all', permissions: ['finance.payment.read'] },
    outsider: { permissions: [] },
  })
  const ask = (user: TestUser, query = '') =>
    s.h.call<Dashboard>('GET', `/dashboard${query}`, { token: user.token })
  const check = (user: TestUser) => ({
    call: s.h.call,
    token: user.token,
    apiPath: (path: string) => `${path.replace(/^\/finance/, '')}`,
    moneyOf: listedAmount,
  })
  const receivableOf = new Map<string, string>()

  /** A receivable of `owner`, overdue or not, written straight into the tables. */
  async function receivable(h: FinanceHarness, owner: TestUser, overdue: boolean) {
    const r = await seedReceivable(h, { owner: { id: owner.id, name: owner.name, deptId: owner.deptId } })
    await h.service.db.dataSource.query('UPDATE receivable SET overdue = $2 WHERE id = $1', [r.id, overdue])
    receivableOf.set(owner.id, r.id)
  }

  /** A payment on `owner`'s receivable as the payments module records it, then moved as the test needs. */
  async function payment(
    h: FinanceHarness,
    owner: TestUser,
    amount: string,
    paidOn: string,
    o: { status?: string; deleted?: boolean } = {},
  ) {
    const id = randomUUID()
    await h.service.db.dataSource.query(
      `INSERT INTO payment (id, receivable_id, contract_id, contract_number, customer_id, customer_name,
         owner_id, owner_name, dept_id, number, amount, paid_on, method, payer, status, matched, deleted_at)
       SELECT $1, r.id, r.contract_id, r.contract_number, r.customer_id, r.customer_name, r.owner_id,
         r.owner_name, r.dept_id, $3, $4, $5, 'transfer', r.customer_name, $6, 0, $7
       FROM receivable r WHERE r.id = $2`,
      [
        id,
        receivableOf.get(owner.id),
        `HK${id.slice(0, 8)}`,
        amount,
        paidOn,
        o.status ?? 'confirmed',
        o.deleted ? new Date() : null,
      ],
    )
  }

  beforeAll(async () => {
    await s.h.service.db.transaction(async (m) => {
      await upsertDeptReplica(m, { id: EAST, name: '华东销售部', parentId: null, version: 1, deleted: false })
      await upsertDeptReplica(m, { id: WEST, name: '华西销售部', parentId: null, version: 1, deleted: false })
    })
    await receivable(s.h, s.rep, true)
    await receivable(s.h, s.colleague, true)
    await receivable(s.h, s.westRep, true)
    await seedReceivable(s.h, { owner: { id: s.rep.id, deptId: EAST } })
    // The last day of November counts in November, the first of December does not.
    await payment(s.h, s.rep, '100.10', '2026-11-30')
    await payment(s.h, s.rep, '0.01', '2026-12-01')
    await payment(s.h, s.rep, '50.00', '2026-10-15')
    await payment(s.h, s.rep, '5.00', '2025-11-20')
    // Not received: waiting for approval, rejected, or in the recycle bin.
    await payment(s.h, s.rep, '999.00', '2026-11-10', { status: 'pending' })
    await payment(s.h, s.rep, '7.00', '2026-11-12', { status: 'rejected' })
    await payment(s.h, s.rep, '20.00', '2026-11-20', { deleted: true })
    await payment(s.h, s.colleague, '40.00', '2026-11-06')
    await payment(s.h, s.westRep, '300.00', '2026-11-05')
  })

  const figure = (d: Dashboard, key: string) => [...d.figures, ...d.mine].find((f) => f.key === key)
  const overdue = (d: Dashboard) => d.todo.find((t) => t.key === 'finance.overdueReceivables')

  it('sums confirmed payments per month and counts overdue receivables, each equal to its list as that user', async () => {
    const expected = [
      [s.rep, { value: '100.10', previous: '50.00', mine: '100.10', overdue: 1 }],
      [s.manager, { value: '140.10', previous: '50.00', mine: '0', overdue: 2 }],
      [s.westRep, { value: '300.00', previous: '0', mine: '300.00', overdue: 1 }],
      [s.admin, { value: '440.10', previous: '50.00', mine: '0', overdue: 3 }],
    ] as const
    for (const [user, want] of expected) {
      const res = await ask(user, '?month=2026-11')
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      const d = res.body
      expect(figure(d, 'finance.receivedAmount'), user.name).toMatchObject({
        unit: 'money',
        value: want.value,
        previous: want.previous,
        link: {
          path: '/finance/payments',
          query: { status: 'confirmed', paidFrom: '2026-11-01', paidTo: '2026-11-30' },
        },
      })
      expect(figure(d, 'finance.myReceived'), user.name).toMatchObject({
        value: want.mine,
        link: { query: { ownerId: user.id } },
      })
      expect(overdue(d), user.name).toMatchObject({
        count: want.overdue,
        link: { path: '/finance/receivables', query: { overdue: 'true' } },
      })
      expect(await expectFiguresMatchLists(check(user), [...d.figures, ...d.mine, ...d.todo])).toBe(3)
    }
  })

  it('reads the previous month and December from their own calendar days', async () => {
    const october = (await ask(s.rep, '?month=2026-10')).body
    expect(figure(october, 'finance.receivedAmount')).toMatchObject({ value: '50.00', previous: '0' })
    const december = (await ask(s.rep, '?month=2026-12')).body
    expect(figure(december, 'finance.receivedAmount')).toMatchObject({ value: '0.01', previous: '100.10' })
    await expectFiguresMatchLists(check(s.rep), [...october.figures, ...december.figures])
  })

  it('draws the amount received over twelve months, oldest first', async () => {
    const [trend] = (await ask(s.admin, '?month=2026-11')).body.trends
    expect(trend!.key).toBe('finance.receivedAmount')
    expect(trend!.points.map((p) => p.month)).toHaveLength(12)
    expect(trend!.points[0]).toEqual({ month: '2025-12', value: '0' })
    expect(trend!.points.slice(-2)).toEqual([
      { month: '2026-10', value: '50.00' },
      { month: '2026-11', value: '440.10' },
    ])
  })

  it('narrows every figure to the caller’s own receivables in the `me` view', async () => {
    const d = (await ask(s.manager, '?month=2026-11&view=me')).body
    expect(figure(d, 'finance.receivedAmount')!.value).toBe('0')
    expect(overdue(d)).toMatchObject({ count: 0, link: { query: { ownerId: s.manager.id } } })
    await expectFiguresMatchLists(check(s.manager), [...d.figures, ...d.todo])
  })

  it('groups the month by member and by department within the caller’s scope only', async () => {
    const byMember = (await ask(s.manager, '?month=2026-11&groupBy=member')).body
    expect(byMember.team).toEqual([
      { id: s.rep.id, name: s.rep.name, figures: { 'finance.receivedAmount': '100.10' } },
      { id: s.colleague.id, name: s.colleague.name, figures: { 'finance.receivedAmount': '40.00' } },
    ])
    const mine = (await ask(s.rep, '?month=2026-11&groupBy=dept')).body
    expect(mine.team).toEqual([
      { id: EAST, name: '华东销售部', figures: { 'finance.receivedAmount': '100.10' } },
    ])
    const all = (await ask(s.admin, '?month=2026-11&groupBy=dept')).body
    expect(all.team.map((r) => [r.name, r.figures['finance.receivedAmount']])).toEqual([
      ['华西销售部', '300.00'],
      ['华东销售部', '140.10'],
    ])
    for (const d of [byMember, mine, all])
      expect(roundMoney(teamTotal(d.team, 'finance.receivedAmount'))).toBe(
        roundMoney(figure(d, 'finance.receivedAmount')!.value),
      )
  })

  it('leaves out what the caller may not read, refuses a bad month and an anonymous caller', async () => {
    const cashier = (await ask(s.cashier, '?month=2026-11')).body
    expect(cashier.figures.map((f) => f.key)).toEqual(['finance.receivedAmount'])
    expect(cashier.todo).toEqual([])
    const none = await ask(s.outsider)
    expect(none.status).toBe(200)
    expect(none.body).toMatchObject({ figures: [], mine: [], todo: [], trends: [], team: [] })
    for (const month of ['2026-00', '26-11', '2026-11-01'])
      expect((await ask(s.rep, `?month=${month}`)).status, month).toBe(400)
    expect((await ask(s.rep, '?view=all')).status).toBe(400)
    expect((await s.h.call('GET', '/dashboard')).status).toBe(401)
  })
})
