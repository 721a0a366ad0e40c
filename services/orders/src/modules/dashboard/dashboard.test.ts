import { beforeAll, describe, expect, it } from 'vitest'
import { roundMoney, sumMoney } from '@mosaic/money'
import type { Dashboard, DashboardFigure } from '@mosaic/schemas'
import { teamTotal, upsertDeptReplica } from '@mosaic/service-kit'
import { expectFiguresMatchLists, type Reply, type TestUser } from '@mosaic/service-kit/testing'
import { ACME } from '../../test-support/fake-sales.js'
import { addProduct, EAST, ordersSuite, REPS, WEST } from '../../test-support/suite.js'

const SECRET = 'dashboard-test-secret-0123456789abcdef'

/** A money figure against the list its link opens: every row on the page, their totals summed. */
function listedAmount(figure: DashboardFigure, list: Reply): string {
  const items = list.body.items as Array<{ total: string }>
  expect(items, figure.key).toHaveLength(list.body.total)
  expect(roundMoney(figure.value), figure.key).toBe(sumMoney(items.map((i) => i.total)))
  return figure.value
}

describe('the orders dashboard', () => {
  const s = ordersSuite(SECRET, {
    ...REPS,
    eastMate: { username: 'east-mate', deptIds: [EAST] },
    outsider: { permissions: [] },
  })
  const ask = (user: TestUser, query = '') =>
    s.h.call<Dashboard>('GET', `/dashboard${query}`, { token: user.token })
  const check = (user: TestUser) => ({
    call: s.h.call,
    token: user.token,
    apiPath: (path: string) => path.replace(/^\/sales/, ''),
    moneyOf: listedAmount,
  })
  let productId: string

  /** A contract drafted by `owner` through the API, then dated, priced and moved straight in the table. */
  async function contract(
    owner: TestUser,
    signDate: string | null,
    total: string,
    o: { status?: string; deleted?: boolean } = {},
  ) {
    const res = await s.h.call('POST', '/contracts', {
      token: owner.token,
      body: { name: '设备采购', customerId: ACME.id, lines: [{ productId, quantity: '1' }] },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    await s.h.service.db.dataSource.query(
      'UPDATE contract SET sign_date = $2, total = $3, status = $4, deleted_at = $5 WHERE id = $1',
      [res.body.id, signDate, total, o.status ?? 'approved', o.deleted ? new Date() : null],
    )
  }

  beforeAll(async () => {
    productId = (await addProduct(s, 'D-PUMP', '1000', '13')).id
    await s.h.service.db.transaction(async (m) => {
      await upsertDeptReplica(m, { id: EAST, name: '华东销售部', parentId: null, version: 1, deleted: false })
      await upsertDeptReplica(m, { id: WEST, name: '华西销售部', parentId: null, version: 1, deleted: false })
    })
    // Signed on the last day of November, on the first of December, in October, a year before.
    await contract(s.east, '2026-11-30', '100.10')
    await contract(s.east, '2026-12-01', '0.01')
    await contract(s.east, '2026-10-15', '50.00', { status: 'completed' })
    await contract(s.east, '2025-11-20', '5.00')
    // Terminated early, it was still signed; voided, drafted, waiting, undated or deleted, it was not.
    await contract(s.east, '2026-11-20', '20.00', { status: 'terminated' })
    await contract(s.east, '2026-11-10', '999.00', { status: 'voided' })
    await contract(s.east, '2026-11-11', '7.00', { status: 'draft' })
    await contract(s.east, '2026-11-12', '8.00', { status: 'pending' })
    await contract(s.east, null, '9.00')
    await contract(s.east, '2026-11-25', '11.00', { deleted: true })
    await contract(s.eastMate, '2026-11-06', '40.00', { status: 'closed' })
    await contract(s.west, '2026-11-05', '300.00')
  })

  const figure = (d: Dashboard, key: string) => [...d.figures, ...d.mine].find((f) => f.key === key)

  it('sums and counts the contracts signed per month, each figure equal to its list as that user', async () => {
    const expected = [
      [s.east, { amount: '120.10', previous: '50.00', count: '2', mine: '120.10', myCount: '2' }],
      [s.eastBoss, { amount: '160.10', previous: '50.00', count: '3', mine: '0', myCount: '0' }],
      [s.west, { amount: '300.00', previous: '0', count: '1', mine: '300.00', myCount: '1' }],
      [s.admin, { amount: '460.10', previous: '50.00', count: '4', mine: '0', myCount: '0' }],
    ] as const
    for (const [user, want] of expected) {
      const res = await ask(user, '?month=2026-11')
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      const d = res.body
      expect(figure(d, 'orders.contractAmount'), user.name).toMatchObject({
        unit: 'money',
        value: want.amount,
        previous: want.previous,
        link: {
          path: '/sales/contracts',
          query: { signed: 'true', signFrom: '2026-11-01', signTo: '2026-11-30' },
        },
      })
      expect(figure(d, 'orders.signedContracts')!.value, user.name).toBe(want.count)
      expect(figure(d, 'orders.myContractAmount'), user.name).toMatchObject({
        unit: 'money',
        value: want.mine,
        link: { query: { ownerId: user.id } },
      })
      expect(figure(d, 'orders.myContracts')!.value, user.name).toBe(want.myCount)
      expect(await expectFiguresMatchLists(check(user), [...d.figures, ...d.mine])).toBe(4)
    }
  })

  it('reads the previous month and December from their own sign dates', async () => {
    const october = (await ask(s.east, '?month=2026-10')).body
    expect(figure(october, 'orders.contractAmount')).toMatchObject({ value: '50.00', previous: '0' })
    const december = (await ask(s.east, '?month=2026-12')).body
    expect(figure(december, 'orders.contractAmount')).toMatchObject({ value: '0.01', previous: '120.10' })
    await expectFiguresMatchLists(check(s.east), [...october.figures, ...december.figures])
  })

  it('draws the contract amount over twelve months, oldest first', async () => {
    const [trend] = (await ask(s.admin, '?month=2026-11')).body.trends
    expect(trend!.key).toBe('orders.contractAmount')
    expect(trend!.points).toHaveLength(12)
    expect(trend!.points[0]).toEqual({ month: '2025-12', value: '0' })
    expect(trend!.points.slice(-2)).toEqual([
      { month: '2026-10', value: '50.00' },
      { month: '2026-11', value: '460.10' },
    ])
  })

  it('narrows the month’s figures to the caller’s own contracts in the `me` view', async () => {
    const d = (await ask(s.eastBoss, '?month=2026-11&view=me')).body
    expect(figure(d, 'orders.contractAmount')).toMatchObject({
      value: '0',
      link: { query: { ownerId: s.eastBoss.id } },
    })
    await expectFiguresMatchLists(check(s.eastBoss), d.figures)
  })

  it('groups the month by member and by department within the caller’s scope only', async () => {
    const byMember = (await ask(s.eastBoss, '?month=2026-11&groupBy=member')).body
    expect(byMember.team).toEqual([
      {
        id: s.east.id,
        name: s.east.name,
        figures: { 'orders.contractAmount': '120.10', 'orders.signedContracts': '2' },
      },
      {
        id: s.eastMate.id,
        name: s.eastMate.name,
        figures: { 'orders.contractAmount': '40.00', 'orders.signedContracts': '1' },
      },
    ])
    const own = (await ask(s.east, '?month=2026-11&groupBy=dept')).body
    expect(own.team).toEqual([
      {
        id: EAST,
        name: '华东销售部',
        figures: { 'orders.contractAmount': '120.10', 'orders.signedContracts': '2' },
      },
    ])
    const all = (await ask(s.admin, '?month=2026-11&groupBy=dept')).body
    expect(all.team.map((r) => [r.name, r.figures['orders.contractAmount']])).toEqual([
      ['华西销售部', '300.00'],
      ['华东销售部', '160.10'],
    ])
    for (const d of [byMember, own, all]) {
      expect(roundMoney(teamTotal(d.team, 'orders.contractAmount'))).toBe(
        roundMoney(figure(d, 'orders.contractAmount')!.value),
      )
      expect(teamTotal(d.team, 'orders.signedContracts')).toBe(figure(d, 'orders.signedContracts')!.value)
    }
  })

  it('leaves out what the caller may not read, refuses a bad month and an anonymous caller', async () => {
    const none = await ask(s.outsider)
    expect(none.status).toBe(200)
    expect(none.body).toMatchObject({ figures: [], mine: [], todo: [], trends: [], team: [] })
    for (const month of ['2026-13', '2026/11', ''])
      expect((await ask(s.east, `?month=${month}`)).status, month).toBe(400)
    expect((await s.h.call('GET', '/dashboard')).status).toBe(401)
  })

  it('filters the contracts list by signed and unsigned', async () => {
    const list = (query: string) => s.h.call('GET', `/contracts?${query}`, { token: s.east.token })
    const signed = await list('signed=true&limit=100')
    const unsigned = await list('signed=false&limit=100')
    const every = await list('limit=100')
    expect(signed.body.items.map((c: { status: string }) => c.status).sort()).toEqual([
      'approved',
      'approved',
      'approved',
      'approved',
      'completed',
      'terminated',
    ])
    expect(unsigned.body.items.map((c: { status: string }) => c.status).sort()).toEqual([
      'draft',
      'pending',
      'voided',
    ])
    expect(signed.body.total + unsigned.body.total).toBe(every.body.total)
    expect((await list('signed=yes')).status).toBe(400)
  })
})
