import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EntitySchema, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing-database.js'
import { RECORD_COLUMNS_SQL, recordColumns, type RecordBase } from '../records/columns.js'
import { KitRecordTables1763800000000 } from '../records/kit-migration.js'
import { KitDirectoryTables1763900000200 } from '../records/directory-migration.js'
import { KitDeptReplica1764400000000, upsertDeptReplica } from '../records/dept-replica.js'
import { upsertUserReplica } from '../records/user-replica.js'
import { KitUserAuthVersion1764200000100 } from '../replica/auth-migration.js'
import { RecordStore } from '../records/record-store.js'
import { addTeamMember } from '../records/team.js'
import { listedRows, listPage, liveRows } from '../records/list.js'
import {
  countTodo,
  dashboardLink,
  lastInstantBefore,
  dashboardPeriod,
  dayRange,
  instantRange,
  monthlySeries,
  monthWindow,
  seriesFigure,
  seriesTrend,
  shiftMonth,
  teamRows,
  teamSeries,
  teamTotal,
} from './index.js'

const ZONE = 'Asia/Shanghai'

describe('month windows in the business time zone', () => {
  it('starts and ends at local midnight, and knows each month’s last day', () => {
    const dec = monthWindow('2026-12', ZONE)
    expect(dec.from.toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(dec.to.toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect([dec.firstDay, dec.lastDay]).toEqual(['2026-12-01', '2026-12-31'])
    expect(monthWindow('2028-02', ZONE).lastDay).toBe('2028-02-29')
    expect(monthWindow('2026-03', 'Europe/Berlin').to.toISOString()).toBe('2026-03-31T22:00:00.000Z')
  })

  it('moves across years both ways', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-05', -12)).toBe('2025-05')
    expect(() => shiftMonth('2026-13', 1)).toThrow(RangeError)
  })

  it('defaults to the current local month and gives the previous month and twelve trend months', () => {
    // 17:00 UTC on 31 Dec is already 1 Jan in Shanghai.
    const period = dashboardPeriod(undefined, ZONE, new Date('2026-12-31T17:00:00Z'))
    expect(period.current.month).toBe('2027-01')
    expect(period.previous.month).toBe('2026-12')
    expect(period.today).toBe('2027-01-01')
    expect(period.trend.map((w) => w.month)).toEqual([
      ...['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'],
      ...['2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01'],
    ])
    expect(dashboardPeriod('2026-03', ZONE).current.month).toBe('2026-03')
  })

  it('builds links with only the filters that are set, and inclusive ranges', () => {
    const dec = monthWindow('2026-12', ZONE)
    expect(
      dashboardLink('/sales/customers', { ...instantRange(dec), ownerId: undefined, view: 'mine' }),
    ).toEqual({
      path: '/sales/customers',
      query: {
        createdFrom: '2026-11-30T16:00:00.000Z',
        createdTo: '2026-12-31T15:59:59.999999Z',
        view: 'mine',
      },
    })
    expect(dayRange(dec, ['dueFrom', 'dueTo'])).toEqual({ dueFrom: '2026-12-01', dueTo: '2026-12-31' })
    expect(lastInstantBefore(new Date('2026-12-05T16:00:00Z'))).toBe('2026-12-05T15:59:59.999999Z')
  })
})

interface DealRow extends RecordBase {
  title: string
  ownerId: string | null
  deptId: string | null
  amount: string
  closeDay: string | null
}
const DealEntity = new EntitySchema<DealRow>({
  name: 'DashDeal',
  tableName: 'deal',
  columns: {
    ...recordColumns(),
    title: { type: 'varchar', length: 100 },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    deptId: { type: 'uuid', name: 'dept_id', nullable: true },
    amount: { type: 'numeric', precision: 14, scale: 2 },
    closeDay: { type: 'date', name: 'close_day', nullable: true },
  },
})
class CreateDeal1764900000000 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE deal (${RECORD_COLUMNS_SQL}, title varchar(100) NOT NULL, owner_id uuid NULL,
      dept_id uuid NULL, amount numeric(14,2) NOT NULL, close_day date NULL)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE deal')
  }
}
const deals = new RecordStore<DealRow>({
  entityType: 'deal',
  entity: DealEntity,
  title: (d) => d.title,
  scope: { owner: 'ownerId', dept: 'deptId' },
  systemFields: ['ownerId', 'deptId'],
  team: true,
})

const SALES = randomUUID()
const SUPPORT = randomUUID()
function principal(name: string, over: Partial<Principal> = {}): Principal {
  return {
    userId: randomUUID(),
    username: name,
    displayName: name,
    deptId: null,
    roles: [],
    permissions: [],
    dataScope: 'self',
    kind: 'staff',
    ...over,
  }
}

describe('figures, trends and the team view over a scoped list', () => {
  let testDb: TestDatabase
  let db: Database
  const rep = principal('Rita Rep', { deptId: SALES, scopeDeptIds: [SALES] })
  const colleague = principal('Carl Colleague', { deptId: SALES, scopeDeptIds: [SALES] })
  const outsider = principal('Olga Outsider', { deptId: SUPPORT, scopeDeptIds: [SUPPORT] })
  const manager = principal('Mona Manager', { dataScope: 'dept', deptId: SALES, scopeDeptIds: [SALES] })
  const admin = principal('Ada Admin', { dataScope: 'all' })
  const period = dashboardPeriod('2026-12', ZONE)
  const tx = <T>(work: (m: EntityManager) => Promise<T>) => db.transaction(work)

  async function deal(owner: Principal, createdAt: string, amount: string, closeDay: string | null = null) {
    const ctx = { actor: { id: owner.userId, name: owner.displayName! }, principal: owner }
    const row = await tx((m) =>
      deals.create(m, ctx, {
        title: `${owner.displayName} ${createdAt}`,
        ownerId: owner.userId,
        deptId: owner.deptId,
        amount,
        closeDay,
      }),
    )
    await tx((m) => m.query('UPDATE deal SET created_at = $2 WHERE id = $1', [row.id, createdAt]))
    return row
  }

  type Query = { createdFrom?: string; createdTo?: string; limit?: number }
  const spec = (p: Principal) => ({
    scope: deals.scopeWhere(p, 'd'),
    ranges: { created_at: ['createdFrom', 'createdTo'] as ['createdFrom', 'createdTo'] },
    present: (r: DealRow[]) => r,
  })
  const rows = (m: EntityManager, p: Principal, query: Query = {}) =>
    listedRows(liveRows(deals, m, 'd'), query, spec(p))

  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({
      url: testDb.url,
      entities: [DealEntity],
      migrations: [
        KitRecordTables1763800000000,
        KitDirectoryTables1763900000200,
        KitUserAuthVersion1764200000100,
        KitDeptReplica1764400000000,
        CreateDeal1764900000000,
      ],
    })
    await tx(async (m) => {
      for (const p of [rep, colleague, outsider, manager]) {
        const user = { id: p.userId, username: p.username, displayName: p.displayName!, deptId: p.deptId }
        await upsertUserReplica(m, { ...user, enabled: true, version: 1 })
      }
      await upsertDeptReplica(m, {
        id: SALES,
        name: 'Sales East',
        parentId: null,
        version: 1,
        deleted: false,
      })
      await upsertDeptReplica(m, { id: SUPPORT, name: 'Support', parentId: null, version: 1, deleted: false })
    })
    // 23:30 local on 31 Dec (Shanghai) is December; 00:00 local on 1 Jan is not.
    await deal(rep, '2026-12-31T15:30:00Z', '100.10', '2026-12-31')
    await deal(rep, '2026-12-31T15:59:59.999999Z', '0.01')
    await deal(rep, '2026-12-31T16:00:00Z', '7.00', '2027-01-01')
    await deal(rep, '2026-11-30T15:59:00Z', '5.50') // 23:59 local on 30 Nov
    await deal(colleague, '2026-12-10T08:00:00Z', '20.00')
    await deal(colleague, '2026-11-15T08:00:00Z', '30.00')
    await deal(colleague, '2025-12-20T08:00:00Z', '1.00') // twelve months back: outside the trend
    const shared = await deal(outsider, '2026-12-05T08:00:00Z', '40.00')
    await deal(outsider, '2026-12-06T08:00:00Z', '50.00')
    const ctx = { actor: { id: outsider.userId, name: 'Olga' }, principal: outsider }
    await tx((m) =>
      addTeamMember(m, ctx, deals, shared.id, { userId: rep.userId, userName: 'Rita Rep', access: 'read' }),
    )
  })
  afterAll(async () => {
    await db?.close()
    await testDb?.drop()
  })

  it('counts and sums per local month, the last instant of the month included', async () => {
    const counts = await tx((m) => monthlySeries(rows(m, admin), { at: 'd.created_at' }, period.trend, ZONE))
    expect([...counts.keys()]).toHaveLength(12)
    expect(counts.get('2026-12')).toBe('5')
    expect(counts.get('2026-11')).toBe('2')
    expect(counts.get('2026-01')).toBe('0')
    const sums = await tx((m) =>
      monthlySeries(rows(m, admin), { at: 'd.created_at', sum: 'd.amount' }, period.trend, ZONE),
    )
    expect(sums.get('2026-12')).toBe('210.11')
    const byDay = await tx((m) =>
      monthlySeries(rows(m, admin), { at: 'd.close_day', atType: 'day' }, period.trend, ZONE),
    )
    expect(byDay.get('2026-12')).toBe('1')
    const figure = seriesFigure('t.deals', 'count', counts, period)
    expect([figure.value, figure.previous]).toEqual(['5', '2'])
    expect(seriesTrend('t.deals', 'count', counts).points.at(-1)).toEqual({ month: '2026-12', value: '5' })
  })

  it('equals the total of the list filtered by the figure’s link, for every scope', async () => {
    for (const p of [rep, colleague, outsider, manager, admin]) {
      const link = dashboardLink('/t/deals', instantRange(period.current))
      const series = await tx((m) => monthlySeries(rows(m, p), { at: 'd.created_at' }, period.trend, ZONE))
      const page = await tx((m) =>
        listPage(liveRows(deals, m, 'd'), { ...link.query, limit: 1 } as Query, spec(p)),
      )
      expect(String(page.total), p.displayName).toBe(series.get('2026-12'))
    }
    // The rep: two own December deals and the one shared with them.
    const mine = await tx((m) => monthlySeries(rows(m, rep), { at: 'd.created_at' }, period.trend, ZONE))
    expect(mine.get('2026-12')).toBe('3')
  })

  it('counts a to-do line over the rows of its list', async () => {
    const link = dashboardLink('/t/deals', { createdTo: lastInstantBefore(period.current.from) })
    const todo = await tx((m) => countTodo('t.older', rows(m, manager, link.query), link))
    // The manager's department before December: the rep's 30 November deal and the colleague's two.
    expect(todo).toEqual({ key: 't.older', count: 3, link })
  })

  it('groups by member and department, naming only what the caller’s own scope reaches', async () => {
    const measure = { at: 'd.created_at' }
    const columns = { owner: 'd.owner_id', dept: 'd.dept_id' }
    for (const [p, total] of [
      [rep, '3'],
      [manager, '3'],
      [admin, '5'],
    ] as const) {
      for (const groupBy of ['member', 'dept'] as const) {
        const team = await tx(async (m) =>
          teamRows(m, groupBy, {
            'test.deals': await teamSeries(rows(m, p), groupBy, columns, measure, period.current, p),
          }),
        )
        expect(teamTotal(team, 'test.deals'), `${p.displayName} by ${groupBy}`).toBe(total)
        const names = team.map((r) => r.name)
        if (p !== admin) expect(names.join()).not.toMatch(/Olga|Support/)
        if (p === rep) {
          const own = groupBy === 'member' ? 'Rita Rep' : 'Sales East'
          expect(team).toEqual([
            { id: groupBy === 'member' ? rep.userId : SALES, name: own, figures: { 'test.deals': '2' } },
            { id: null, name: '', figures: { 'test.deals': '1' } },
          ])
        }
      }
    }
    const byMember = await tx(async (m) =>
      teamRows(m, 'member', {
        a: await teamSeries(rows(m, manager), 'member', columns, measure, period.current, manager),
        b: await teamSeries(
          rows(m, manager),
          'member',
          columns,
          { ...measure, sum: 'd.amount' },
          period.current,
          manager,
        ),
      }),
    )
    expect(byMember.map((r) => [r.name, r.figures])).toEqual([
      ['Rita Rep', { a: '2', b: '100.11' }],
      ['Carl Colleague', { a: '1', b: '20.00' }],
    ])
  })
})
