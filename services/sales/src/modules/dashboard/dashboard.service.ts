import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import { can, type PermissionCode } from '@mosaic/permissions'
import type { Dashboard, DashboardFunnelStage, DashboardQuery, DashboardTodo } from '@mosaic/schemas'
import {
  addCalendarDays,
  dashboardLink,
  dashboardPeriod,
  emptyDashboard,
  instantRange,
  lastInstantBefore,
  listedRows,
  monthlySeries,
  seriesFigure,
  seriesTrend,
  startOfToday,
  teamRows,
  teamSeries,
  type CallerContext,
  type DashboardPeriod,
  type DomainDeps,
  type ListSpec,
  type MonthWindow,
  type TeamSeries,
} from '@mosaic/service-kit'
import { customerList } from '../customers/customers.service.js'
import { followUpList } from '../followups/followups.service.js'
import { opportunityList } from '../opportunities/opportunities.query.js'
import { countUpcomingRecycling } from '../pool/recycling.js'

type Filter = Record<string, string>

/** A list as the dashboard counts it: its rows under the caller's scope and its filters. */
interface CountedList {
  from: SelectQueryBuilder<ObjectLiteral>
  spec: Omit<ListSpec<ObjectLiteral, Filter, unknown>, 'present'>
}

/**
 * One month-on-month KPI of sales: the list it counts (its app path, the column dating a row and
 * that column's range filter), the filter narrowing the list to the caller's own records, and the
 * permission without which it is left out.
 */
interface Measured {
  key: string
  permission: PermissionCode
  path: string
  list: (m: EntityManager, ctx: CallerContext) => CountedList
  alias: string
  at: string
  range: [from: string, to: string]
  mine: (me: string) => Filter
}

const asCounted = (list: { from: unknown; spec: unknown }) => list as CountedList

const customersCreated: Omit<Measured, 'key'> = {
  permission: 'sales.customer.read',
  path: '/sales/customers',
  list: (m, ctx) => asCounted(customerList(m, ctx)),
  alias: 'c',
  at: 'c.created_at',
  range: ['createdFrom', 'createdTo'],
  mine: () => ({ view: 'mine' }),
}
const followUpsMade: Omit<Measured, 'key'> = {
  permission: 'sales.followup.read',
  path: '/sales/followups',
  list: (m, ctx) => asCounted(followUpList(m, ctx.principal)),
  alias: 'f',
  at: 'f.contacted_at',
  range: ['from', 'to'],
  mine: (me) => ({ ownerId: me }),
}
const opportunitiesCreated: Omit<Measured, 'key'> = {
  permission: 'sales.opportunity.read',
  path: '/sales/opportunities',
  list: (m, ctx) => asCounted(opportunityList(m, ctx)),
  alias: 'o',
  at: 'o.created_at',
  range: ['createdFrom', 'createdTo'],
  mine: (me) => ({ ownerId: me }),
}

/** The KPI cards, trends and team columns (in the dashboard's `view`). */
const FIGURES: Measured[] = [
  { key: 'sales.newCustomers', ...customersCreated },
  { key: 'sales.followups', ...followUpsMade },
  { key: 'sales.newOpportunities', ...opportunitiesCreated },
]
/** "My performance this month": new customers I own, follow-ups I made, opportunities I own. */
const MINE: Measured[] = [
  { key: 'sales.myCustomers', ...customersCreated },
  { key: 'sales.myFollowups', ...followUpsMade },
  { key: 'sales.myOpportunities', ...opportunitiesCreated },
]

/**
 * Sales' part of the home dashboard (SPEC §6): every figure is one aggregate query over the rows
 * of the list its link opens (`listedRows`: the same scope and filters), so it equals that list's
 * total for the same user. Figures whose list the caller may not read are left out.
 */
export async function salesDashboard(
  m: EntityManager,
  ctx: CallerContext,
  deps: DomainDeps,
  query: DashboardQuery,
  now = new Date(),
): Promise<Dashboard> {
  const period = dashboardPeriod(query.month, deps.timeZone, now)
  const readable = (x: Measured) => can(ctx.principal, x.permission)
  const me = ctx.principal.userId
  const viewFilter = (x: Measured) => (query.view === 'me' ? x.mine(me) : {})
  // The statements are independent and `m` is the pool's manager (no transaction), so they run
  // side by side on a server's connections; embedded PGlite's one-connection pool queues them.
  const shown = FIGURES.filter(readable)
  const mineShown = MINE.filter(readable)
  const [series, mineSeries, todo, pipeline, teamView] = await Promise.all([
    Promise.all(shown.map((x) => seriesOf(m, ctx, deps, x, viewFilter(x), period.trend))),
    Promise.all(
      mineShown.map((x) => seriesOf(m, ctx, deps, x, x.mine(me), [period.previous, period.current])),
    ),
    todos(m, ctx, deps, now),
    can(ctx.principal, 'sales.opportunity.read')
      ? funnel(m, ctx, deps, query.view === 'me' ? { ownerId: me } : {})
      : Promise.resolve([]),
    query.groupBy ? team(m, ctx, query.groupBy, shown, viewFilter, period) : Promise.resolve([]),
  ])
  return {
    ...emptyDashboard(period),
    figures: shown.map((x, i) =>
      seriesFigure(x.key, 'count', series[i]!, period, monthLink(x, viewFilter(x), period.current)),
    ),
    mine: mineShown.map((x, i) =>
      seriesFigure(x.key, 'count', mineSeries[i]!, period, monthLink(x, x.mine(me), period.current)),
    ),
    todo,
    trends: shown.map((x, i) => seriesTrend(x.key, 'count', series[i]!)),
    funnel: pipeline,
    team: teamView,
  }
}

function seriesOf(
  m: EntityManager,
  ctx: CallerContext,
  deps: DomainDeps,
  x: Measured,
  filter: Filter,
  months: MonthWindow[],
) {
  const { from, spec } = x.list(m, ctx)
  return monthlySeries(listedRows(from, filter, spec), { at: x.at }, months, deps.timeZone)
}

/** The list showing what a month's figure counted: the same filter, the month as its date range. */
const monthLink = (x: Measured, filter: Filter, month: MonthWindow) =>
  dashboardLink(x.path, { ...filter, ...instantRange(month, x.range) })

/**
 * The caller's to-do lines. Follow-ups due: customers the caller owns whose next follow-up is
 * planned before tomorrow (today's and overdue ones, as the reminders treat them). About to be
 * recycled: the pool's own "about to enter the pool" list (`/pool/upcoming`), in the caller's scope.
 */
async function todos(
  m: EntityManager,
  ctx: CallerContext,
  deps: DomainDeps,
  now: Date,
): Promise<DashboardTodo[]> {
  if (!can(ctx.principal, 'sales.customer.read')) return []
  const tomorrow = addCalendarDays(startOfToday(now, deps.timeZone), 1, deps.timeZone)
  const due: Filter = { view: 'mine', nextFollowUpTo: lastInstantBefore(tomorrow) }
  const { from, spec } = asCounted(customerList(m, ctx))
  const [dueCount, upcoming] = await Promise.all([
    listedRows(from, due, spec).getCount(),
    countUpcomingRecycling(m, ctx.principal, now, deps.timeZone),
  ])
  return [
    { key: 'sales.followupsDueToday', count: dueCount, link: dashboardLink('/sales/customers', due) },
    { key: 'sales.customersToRecycle', count: upcoming, link: dashboardLink('/sales/pool/upcoming') },
  ]
}

/**
 * The funnel: open opportunities (open, or closing while an approval decides) per stage with
 * their expected amount, in the stage dictionary's order; a disabled or unknown stage only while it
 * holds some. It shows the pipeline as it stands now, whatever month is shown.
 */
async function funnel(
  m: EntityManager,
  ctx: CallerContext,
  deps: DomainDeps,
  filter: Filter,
): Promise<DashboardFunnelStage[]> {
  const { from, spec } = asCounted(opportunityList(m, ctx))
  const sums = await listedRows(from, filter, spec)
    .andWhere(`o.status IN ('open', 'closing')`)
    .select('o.stage', 'stage')
    .addSelect('COUNT(*)::int', 'count')
    .addSelect('COALESCE(SUM(o.expected_amount), 0)::numeric(18,2)::text', 'amount')
    .groupBy('o.stage')
    .orderBy()
    .getRawMany<DashboardFunnelStage>()
  const byStage = new Map(sums.map((s) => [s.stage, s]))
  const stages = (await deps.dicts.entries('opportunity_stage'))
    .filter((e) => !e.extra?.outcome && (e.enabled || byStage.has(e.value)))
    .sort((a, b) => a.sort - b.sort)
    .map((e) => e.value)
  const unknown = sums.map((s) => s.stage).filter((stage) => !stages.includes(stage))
  return [...stages, ...unknown].map((stage) => byStage.get(stage) ?? { stage, count: 0, amount: '0.00' })
}

/** The team view: the month's figures per owner or per department, within the caller's scope. */
async function team(
  m: EntityManager,
  ctx: CallerContext,
  groupBy: 'member' | 'dept',
  measured: Measured[],
  viewFilter: (x: Measured) => Filter,
  period: DashboardPeriod,
) {
  const series = await Promise.all(
    measured.map((x) => {
      const { from, spec } = x.list(m, ctx)
      const columns = { owner: `${x.alias}.owner_id`, dept: `${x.alias}.dept_id` }
      const rows = listedRows(from, viewFilter(x), spec)
      return teamSeries(rows, groupBy, columns, { at: x.at }, period.current, ctx.principal)
    }),
  )
  const figures: Record<string, TeamSeries> = Object.fromEntries(measured.map((x, i) => [x.key, series[i]!]))
  return teamRows(m, groupBy, figures)
}
