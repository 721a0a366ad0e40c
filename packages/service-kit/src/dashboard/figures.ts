import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import type {
  Dashboard,
  DashboardFigure,
  DashboardLink,
  DashboardTodo,
  DashboardTrend,
} from '@mosaic/schemas'
import { lastInstantOf, type DashboardPeriod, type MonthWindow } from './month.js'

type LinkValue = string | number | boolean | null | undefined

/** A service's dashboard answer for `period` with nothing in it yet: each service fills the parts it owns. */
export function emptyDashboard(period: DashboardPeriod): Dashboard {
  return {
    month: period.current.month,
    from: period.current.from.toISOString(),
    to: period.current.to.toISOString(),
    figures: [],
    mine: [],
    todo: [],
    trends: [],
    funnel: [],
    team: [],
  }
}

/** A list link: the app path and its filter; unset values are left out (the list ignores them too). */
export function dashboardLink(path: string, query: Record<string, LinkValue> = {}): DashboardLink {
  const kept = Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')
  return { path, query: Object.fromEntries(kept.map(([k, v]) => [k, String(v)])) }
}

/**
 * The list filter selecting a window on a timestamp column (inclusive bounds, like every list's
 * range filter): `{ createdFrom: <first instant>, createdTo: <last instant> }` by default.
 */
export function instantRange(
  window: MonthWindow,
  keys: [from: string, to: string] = ['createdFrom', 'createdTo'],
) {
  return { [keys[0]]: window.from.toISOString(), [keys[1]]: lastInstantOf(window) }
}

/** The list filter selecting a window on a calendar-day column (inclusive bounds). */
export function dayRange(window: MonthWindow, keys: [from: string, to: string]) {
  return { [keys[0]]: window.firstDay, [keys[1]]: window.lastDay }
}

/** What a series measures of the rows it is given. */
export interface Measure {
  /** The qualified column placing a row in a month (`c.created_at`). */
  at: string
  /** `instant` (timestamptz, placed in the business time zone) or `day` (a date column). Default instant. */
  atType?: 'instant' | 'day'
  /** A qualified numeric column to sum (money); absent: rows are counted. */
  sum?: string
}

/** Month (`YYYY-MM`) → value (decimal text), every month of the period present ('0' when empty). */
export type MonthlySeries = Map<string, string>

/**
 * Counts (or sums) `rows` per month over `months` (consecutive, oldest first), in one aggregate
 * query: the rows are bounded to the months' span, so a range index on `at` serves it, and no row
 * leaves the database. `rows` is a list's filtered query (`listedRows`) under the caller's scope.
 * The months already carry the business time zone (`monthWindow`); the zone argument is kept for callers.
 */
export async function monthlySeries<T extends ObjectLiteral>(
  rows: SelectQueryBuilder<T>,
  measure: Measure,
  months: MonthWindow[],
  _timeZone: string,
): Promise<MonthlySeries> {
  const first = months[0]!
  const last = months[months.length - 1]!
  const q = rows.clone().orderBy().skip().take().offset().limit()
  if (measure.atType === 'day') {
    q.select(`to_char(${measure.at}, 'YYYY-MM')`, 'month').andWhere(
      `${measure.at} >= :dashFirstDay AND ${measure.at} <= :dashLastDay`,
      {
        dashFirstDay: first.firstDay,
        dashLastDay: last.lastDay,
      },
    )
    q.addSelect(valueSql(measure), 'value').groupBy('month')
    const found = new Map<string, string>(
      (await q.getRawMany<{ month: string; value: string }>()).map((r) => [r.month, String(r.value)]),
    )
    return new Map(months.map((w) => [w.month, found.get(w.month) ?? '0']))
  }
  // The month of an instant is found by comparing it with the months' first instants
  // (`width_bucket`, 1 = the first month) rather than formatting it in the time zone: at a
  // million rows `to_char(… AT TIME ZONE …)` costs three to four times the count itself.
  q.select(`width_bucket(${measure.at}, CAST(:dashStarts AS timestamptz[]))`, 'bucket')
    .andWhere(`${measure.at} >= :dashFrom AND ${measure.at} < :dashTo`, {
      dashFrom: first.from,
      dashTo: last.to,
    })
    .setParameter(
      'dashStarts',
      months.map((w) => w.from.toISOString()),
    )
    .addSelect(valueSql(measure), 'value')
    .groupBy('bucket')
  const found = new Map<number, string>(
    (await q.getRawMany<{ bucket: number; value: string }>()).map((r) => [Number(r.bucket), String(r.value)]),
  )

  return new Map(months.map((w, i) => [w.month, found.get(i + 1) ?? '0']))
}

/** SQL of the measure: a count, or a sum as exact decimal text ('0' when there is nothing). */
export function valueSql(measure: Pick<Measure, 'sum'>): string {
  return measure.sum ? `COALESCE(SUM(${measure.sum}), 0)::text` : 'COUNT(*)::text'
}

/** A KPI of the month shown against the month before, read off the series. */
export function seriesFigure(
  key: string,
  unit: DashboardFigure['unit'],
  series: MonthlySeries,
  period: Pick<DashboardPeriod, 'current' | 'previous'>,
  link?: DashboardLink,
): DashboardFigure {
  return {
    key,
    unit,
    value: series.get(period.current.month) ?? '0',
    previous: series.get(period.previous.month) ?? '0',
    ...(link ? { link } : {}),
  }
}

/** The trend chart of a series: its months, oldest first. */
export function seriesTrend(
  key: string,
  unit: DashboardTrend['unit'],
  series: MonthlySeries,
): DashboardTrend {
  return { key, unit, points: [...series].map(([month, value]) => ({ month, value })) }
}

/** A to-do line: how many rows `rows` holds (one COUNT), and the list that shows them. */
export async function countTodo<T extends ObjectLiteral>(
  key: string,
  rows: SelectQueryBuilder<T>,
  link: DashboardLink,
): Promise<DashboardTodo> {
  const count = await rows.clone().orderBy().skip().take().offset().limit().getCount()
  return { key, count, link }
}
