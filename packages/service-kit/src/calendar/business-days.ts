/**
 * Calendar days in the business time zone. Business rules (pool recycling, follow-up reminders,
 * later SLA clocks) speak of "days" as a user reads them on a calendar: a customer taken at 23:50
 * has had one day without a follow-up at 00:00 the next morning. A day is numbered as days since
 * 1970-01-01 (of the local calendar).
 */

const DAY_MS = 86_400_000
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The wall-clock time of `at` in `timeZone`, as if that wall clock were UTC (ms). */
function wallClock(at: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = +p.value
  const year = parts.year!
  const utc = Date.UTC(2000, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
  // Date.UTC maps years 0..99 to 19xx: set the year separately.
  const d = new Date(utc)
  d.setUTCFullYear(year)
  return d.getTime() + (at - Math.floor(at / 1000) * 1000)
}

/** Throws early on a misconfigured zone instead of failing on the first customer. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone)
}

/** The calendar day (local to `timeZone`) that contains `at`. */
export function localDay(at: Date | number, timeZone: string): number {
  return Math.floor(wallClock(+at, timeZone) / DAY_MS)
}

/**
 * The first instant of calendar day `day` in `timeZone`. Usually local midnight; where a clock
 * change skips midnight, the first moment that exists on that day.
 */
export function startOfLocalDay(day: number, timeZone: string): Date {
  const midnight = day * DAY_MS
  let t = midnight - (wallClock(midnight, timeZone) - midnight)
  t = midnight - (wallClock(t, timeZone) - t)
  if (localDay(t, timeZone) === day && localDay(t - 1, timeZone) < day) return new Date(t)
  // Offsets stay within ±18 h: the answer lies in this window, where the local day never decreases.
  let lo = midnight - 20 * 3_600_000
  let hi = midnight + 20 * 3_600_000
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2)
    if (localDay(mid, timeZone) >= day) hi = mid
    else lo = mid + 1
  }
  return new Date(lo)
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  return localDay(to, timeZone) - localDay(from, timeZone)
}

/** The start of the day `days` calendar days after the day containing `from`. */
export function addCalendarDays(from: Date, days: number, timeZone: string): Date {
  return startOfLocalDay(localDay(from, timeZone) + days, timeZone)
}

/** The start of today (in `timeZone`) as seen at `now`. */
export function startOfToday(now: Date, timeZone: string): Date {
  return startOfLocalDay(localDay(now, timeZone), timeZone)
}

/** `YYYY-MM-DD` of calendar day `day`. */
export function dayToIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}
