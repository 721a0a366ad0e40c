import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Dashboard } from '@mosaic/schemas'
import { monthWindow, teamTotal, upsertDeptReplica } from '@mosaic/service-kit'
import { expectFiguresMatchLists, harnessSuite, type TestUser } from '@mosaic/service-kit/testing'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { startSales } from '../../test-support/harness.js'
import { poolFixtures } from '../../test-support/pool-fixtures.js'
import type { CustomerRow } from '../customers/customers.entity.js'

const EAST = randomUUID()
const WEST = randomUUID()
const DAY_MS = 86_400_000

describe('sales dashboard', () => {
  const s = harnessSuite(() => startSales(), {
    rep: { deptIds: [EAST] },
    colleague: { deptIds: [EAST] },
    outsider: { deptIds: [WEST] },
    manager: { dataScope: 'dept', deptIds: [EAST] },
    admin: { dataScope: 'all' },
    followupReader: { permissions: ['sales.followup.read'], deptIds: [EAST] },
    nobody: { permissions: [] },
  })
  const apiPath = (appPath: string) => appPath.replace(/^\/sales/, '')
  const dashboard = async (u: TestUser, query = 'month=2026-10'): Promise<Dashboard> => {
    const res = await s.h.call('GET', `/dashboard?${query}`, { token: u.token })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }
  const value = (d: Dashboard, key: string) => {
    const figure = [...d.figures, ...d.mine].find((f) => f.key === key)
    return figure && [figure.value, figure.previous]
  }

  let oct: ReturnType<typeof monthWindow>
  beforeAll(async () => {
    const tz = s.h.config.BUSINESS_TIME_ZONE
    oct = monthWindow('2026-10', tz)
    const at = (day: number) => new Date(+oct.from + day * DAY_MS + 10 * 3_600_000)
    const lastLocalEvening = new Date(+oct.to - 30 * 60_000) // 23:30 local on 31 October
    const september = new Date(+oct.from - 10 * DAY_MS)
    const fx = poolFixtures(s.h)
    const db = s.h.service.db
    await db.transaction(async (m) => {
      await upsertDeptReplica(m, { id: EAST, name: 'Dept East', parentId: null, version: 1, deleted: false })
      await upsertDeptReplica(m, { id: WEST, name: 'Dept West', parentId: null, version: 1, deleted: false })
    })
    const a1 = await fx.customer({ owner: s.rep, createdAt: lastLocalEvening })
    await fx.customer({ owner: s.rep, createdAt: oct.to }) // 00:00 local on 1 November
    const a3 = await fx.customer({ owner: s.rep, createdAt: september })
    const b1 = await fx.customer({ owner: s.colleague, createdAt: at(5) })
    const c1 = await fx.customer({ owner: s.outsider, createdAt: at(6) })
    // Quiet for 28 of the 30 days the default rule allows: inside the 3-day warning window.
    const quiet = new Date(Date.now() - 28 * DAY_MS)
    await fx.customer({ owner: s.rep, createdAt: september, ownerSince: quiet })
    await fx.customer({ owner: s.outsider, createdAt: september, ownerSince: quiet })
    const share = await s.h.call('POST', `/customers/${c1.id}/team`, {
      token: s.outsider.token,
      body: { userId: s.rep.id, access: 'read' },
    })
    expect(share.status, JSON.stringify(share.body)).toBe(201)

    const followUp = async (u: TestUser, c: CustomerRow, contactedAt: Date) => {
      const res = await s.h.call('POST', '/followups', {
        token: u.token,
        body: {
          targetType: 'customer',
          targetId: c.id,
          subject: 'Check-in',
          method: 'phone',
          content: 'Talked',
          contactedAt: contactedAt.toISOString(),
        },
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
    }
    await followUp(s.rep, a1, at(14))
    await followUp(s.rep, a1, lastLocalEvening)
    await followUp(s.colleague, b1, at(15))
    await followUp(s.outsider, c1, at(16))

    const opportunity = async (
      c: CustomerRow,
      u: TestUser,
      stage: string,
      amount: string,
      createdAt: Date,
    ) => {
      const o = await fx.opportunity(c, u)
      await fx.query(
        'UPDATE opportunity SET stage = $2, expected_amount = $3, created_at = $4 WHERE id = $1',
        [o.id, stage, amount, createdAt],
      )
      return o
    }
    await opportunity(a1, s.rep, 'needs', '100.00', at(20))
    await opportunity(b1, s.colleague, 'initial', '50.50', at(21))
    await opportunity(c1, s.outsider, 'proposal', '70.00', at(22))
    const won = await opportunity(a3, s.rep, 'initial', '10.00', september)
    await fx.query(`UPDATE opportunity SET status = 'won' WHERE id = $1`, [won.id])

    // Due: the rep's A1 (an hour ago) and the colleague's B1; A3's is a month away.
    const hourAgo = new Date(Date.now() - 3_600_000)
    await fx.query('UPDATE customer SET next_followup_at = $2 WHERE id = ANY($1)', [[a1.id, b1.id], hourAgo])
    await fx.query('UPDATE customer SET next_followup_at = $2 WHERE id = $1', [
      a3.id,
      new Date(Date.now() + 30 * DAY_MS),
    ])
  })

  it('answers 401 without a token and 400 on a bad month or grouping', async () => {
    expectProblem(await s.h.call('GET', '/dashboard'), 401)
    for (const query of ['month=2026-13', 'month=abc', 'month=2026-1', 'groupBy=team', 'view=all']) {
      expectProblem(await s.h.call('GET', `/dashboard?${query}`, { token: s.rep.token }), 400)
    }
  })

  it('counts the month in the business time zone, against the month before', async () => {
    const rep = await dashboard(s.rep)
    expect(rep.month).toBe('2026-10')
    expect([rep.from, rep.to]).toEqual([oct.from.toISOString(), oct.to.toISOString()])
    // Own A1 (23:30 local on the last day) and C1 shared with the rep; September: A3 and the quiet one.
    expect(value(rep, 'sales.newCustomers')).toEqual(['2', '2'])
    expect(value(rep, 'sales.myCustomers')).toEqual(['1', '2'])
    expect(value(await dashboard(s.manager), 'sales.newCustomers')).toEqual(['2', '2'])
    const admin = await dashboard(s.admin)
    expect(value(admin, 'sales.newCustomers')).toEqual(['3', '3'])
    expect(value(admin, 'sales.followups')).toEqual(['4', '0'])
    expect(value(admin, 'sales.newOpportunities')).toEqual(['3', '1'])
    // 00:00 local on 1 November is November's.
    expect(value(await dashboard(s.admin, 'month=2026-11'), 'sales.newCustomers')).toEqual(['1', '3'])
  })

  it('gives every figure and to-do line the list whose total it equals, for a rep, a manager and an admin', async () => {
    for (const u of [s.rep, s.manager, s.admin, s.colleague]) {
      for (const query of ['month=2026-10', 'month=2026-10&view=me', 'month=2026-09', '']) {
        const d = await dashboard(u, query)
        const items = [...d.figures, ...d.mine, ...d.todo]
        expect(items).toHaveLength(3 + 3 + 2)
        await expectFiguresMatchLists({ call: s.h.call, token: u.token, apiPath }, items)
      }
    }
  })

  it('lists the rep’s due follow-ups and the customers about to be recycled in scope', async () => {
    const todo = (d: Dashboard) => Object.fromEntries(d.todo.map((t) => [t.key, t.count]))
    expect(todo(await dashboard(s.rep))).toEqual({
      'sales.followupsDueToday': 1,
      'sales.customersToRecycle': 1,
    })
    expect(todo(await dashboard(s.manager))).toEqual({
      'sales.followupsDueToday': 0,
      'sales.customersToRecycle': 1,
    })
    expect(todo(await dashboard(s.admin))).toEqual({
      'sales.followupsDueToday': 0,
      'sales.customersToRecycle': 2,
    })
    expect((await dashboard(s.rep)).todo.map((t) => t.link.path)).toEqual([
      '/sales/customers',
      '/sales/pool/upcoming',
    ])
  })

  it('draws twelve months of trend, oldest first, ending with the month shown', async () => {
    const d = await dashboard(s.admin)
    expect(d.trends.map((t) => t.key)).toEqual([
      'sales.newCustomers',
      'sales.followups',
      'sales.newOpportunities',
    ])
    for (const trend of d.trends) {
      expect(trend.points).toHaveLength(12)
      expect(trend.points[0]!.month).toBe('2025-11')
      expect(trend.points[11]!.month).toBe('2026-10')
      const figure = d.figures.find((f) => f.key === trend.key)!
      expect([trend.points[11]!.value, trend.points[10]!.value]).toEqual([figure.value, figure.previous])
    }
  })

  it('shows open opportunities by stage in the dictionary’s order, within scope', async () => {
    expect((await dashboard(s.admin)).funnel).toEqual([
      { stage: 'initial', count: 1, amount: '50.50' },
      { stage: 'needs', count: 1, amount: '100.00' },
      { stage: 'proposal', count: 1, amount: '70.00' },
      { stage: 'negotiation', count: 0, amount: '0.00' },
    ])
    const rep = await dashboard(s.rep, 'month=2026-10&view=me')
    expect(rep.funnel.map((f) => [f.stage, f.count])).toEqual([
      ['initial', 0],
      ['needs', 1],
      ['proposal', 0],
      ['negotiation', 0],
    ])
  })

  it('groups the figures by member and by department, adding up to the scope’s totals', async () => {
    for (const u of [s.rep, s.manager, s.admin]) {
      for (const groupBy of ['member', 'dept'] as const) {
        const d = await dashboard(u, `month=2026-10&groupBy=${groupBy}`)
        expect(d.team.length, `${u.name} by ${groupBy}`).toBeGreaterThan(0)
        for (const figure of d.figures) {
          expect(teamTotal(d.team, figure.key), `${u.name} ${figure.key} by ${groupBy}`).toBe(figure.value)
        }
        if (u !== s.admin) {
          expect(d.team.map((r) => r.name)).not.toContain('outsider')
          expect(d.team.map((r) => r.name)).not.toContain('Dept West')
        }
      }
    }
    const byMember = await dashboard(s.manager, 'month=2026-10&groupBy=member')
    expect(byMember.team.map((r) => [r.name, r.figures['sales.newCustomers']]).sort()).toEqual([
      ['colleague', '1'],
      ['rep', '1'],
    ])
    const byDept = await dashboard(s.admin, 'month=2026-10&groupBy=dept')
    expect(byDept.team.map((r) => [r.name, r.figures['sales.newCustomers']])).toEqual([
      ['Dept East', '2'],
      ['Dept West', '1'],
    ])
    // The customer shared with the rep is counted, under no name.
    const rep = await dashboard(s.rep, 'month=2026-10&groupBy=member')
    expect(rep.team.map((r) => [r.id, r.name, r.figures['sales.newCustomers']])).toEqual([
      [s.rep.id, 'rep', '1'],
      [null, '', '1'],
    ])
  })

  it('leaves out what the caller may not read', async () => {
    const reader = await dashboard(s.followupReader)
    expect(reader.figures.map((f) => f.key)).toEqual(['sales.followups'])
    expect(reader.mine.map((f) => f.key)).toEqual(['sales.myFollowups'])
    expect([reader.todo, reader.funnel]).toEqual([[], []])
    const nobody = await dashboard(s.nobody, 'month=2026-10&groupBy=member')
    expect([nobody.figures, nobody.mine, nobody.todo, nobody.trends, nobody.funnel, nobody.team]).toEqual([
      [],
      [],
      [],
      [],
      [],
      [],
    ])
  })
})
