import { localDay, startOfLocalDay, dayToIsoDate } from '../calendar/business-days.js'

/**
 * A calendar month of the business time zone (SPEC §6: "this month", "last month"): `from` is its
 * first instant, `to` the first instant of the next month (exclusive). A record created at 23:30
 * local time on the month's last day is inside it, whatever the server's or the viewer's zone.
 */
export interface MonthWindow {
  /** `YYYY-MM` */
  month: string
  from: Date
  to: Date
  /** `YYYY-MM-01` and the month's last day, for columns that hold a calendar day. */
  firstDay: string
  lastDay: string
}

/** The month shown, the month before it (month-on-month) and the twelve months up to it (trends). */
export interface DashboardPeriod {
  current: MonthWindow
  previous: MonthWindow
  /** Twelve months, oldest first, ending with `current`. */
  trend: MonthWindow[]
  /** Today's business day (`YYYY-MM-DD`): to-do lines such as "follow-ups due today". */
  today: string
}

export const TREND_MONTHS = 12

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** `YYYY-MM` of the month containing `now` in `timeZone`. */
export function monthOf(now: Date, timeZone: string): string {
  return dayToIsoDate(localDay(now, timeZone)).slice(0, 7)
}

/** The month `by` months after `month` (negative: before). */
export function shiftMonth(month: string, by: number): string {
  const [year, index] = parseMonth(month)
  const total = year * 12 + index + by
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`
}

/** The window of `month` (`YYYY-MM`) in `timeZone`. */
export function monthWindow(month: string, timeZone: string): MonthWindow {
  const next = shiftMonth(month, 1)
  const firstDayNumber = dayNumber(`${month}-01`)
  const nextFirstDayNumber = dayNumber(`${next}-01`)
  return {
    month,
    from: startOfLocalDay(firstDayNumber, timeZone),
    to: startOfLocalDay(nextFirstDayNumber, timeZone),
    firstDay: `${month}-01`,
    lastDay: dayToIsoDate(nextFirstDayNumber - 1),
  }
}

/**
 * The period a dashboard request shows: `month` as asked (already validated as `YYYY-MM` by the
 * query schema) or the current business month at `now`.
 */
export function dashboardPeriod(
  month: string | undefined,
  timeZone: string,
  now = new Date(),
): DashboardPeriod {
  const shown = month ?? monthOf(now, timeZone)
  const trend = Array.from({ length: TREND_MONTHS }, (_, i) =>
    monthWindow(shiftMonth(shown, i - TREND_MONTHS + 1), timeZone),
  )
  return {
    current: trend[TREND_MONTHS - 1]!,
    previous: trend[TREND_MONTHS - 2]!,
    trend,
    today: dayToIsoDate(localDay(now, timeZone)),
  }
}

/**
 * The last instant a timestamp column can hold inside the window (Postgres keeps microseconds),
 * as ISO text: list filters bound ranges inclusively, so `createdTo` set to this and `createdFrom`
 * to `from` select exactly the window.
 */
export function lastInstantOf(window: MonthWindow): string {
  return lastInstantBefore(window.to)
}

/** The last instant Postgres can store before `instant` (ISO text, microseconds): an inclusive upper bound. */
export function lastInstantBefore(instant: Date): string {
  return new Date(+instant - 1).toISOString().replace(/Z$/, '999Z')
}

function parseMonth(month: string): [year: number, index: number] {
  const match = MONTH.exec(month)
  if (!match) throw new RangeError(`Not a month (YYYY-MM): ${month}`)
  return [Number(match[1]), Number(match[2]) - 1]
}

function dayNumber(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  const midnight = new Date(0)
  midnight.setUTCFullYear(year, month - 1, day)
  return midnight.getTime() / 86_400_000
}
