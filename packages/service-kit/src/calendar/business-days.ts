import { TZDate } from '@date-fns/tz'

/**
 * Calendar days in the business time zone. Business rules (pool recycling, follow-up reminders,
 * later SLA clocks) speak of "days" as a user reads them on a calendar: a customer taken at 23:50
 * has had one day without a follow-up at 00:00 the next morning. A day is numbered as days since
 * 1970-01-01 (of the local calendar). The zone arithmetic is @date-fns/tz (date-fns v4's TZDate), the one
 * date library of the workspace (docs/decisions.md).
 */

const DAY_MS = 86_400_000
const DAYS_PER_400_YEARS = 146_097

/** Whether the runtime's time zone database knows `value` (an IANA name such as Asia/Shanghai). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

/** Throws early on a misconfigured zone instead of failing on the first customer. */
export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`Invalid time zone: ${timeZone}`)
}

/** `at` as a wall clock in `timeZone`; an unknown zone fails rather than yielding NaN days. */
function zoned(at: Date | number, timeZone: string): TZDate {
  const local = new TZDate(+at, timeZone)
  if (Number.isNaN(local.getFullYear())) assertTimeZone(timeZone)
  return local
}

/** Day number of a calendar date (setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are). */
function dayOfDate(year: number, monthIndex: number, day: number): number {
  const utcMidnight = new Date(0)
  utcMidnight.setUTCFullYear(year, monthIndex, day)
  return utcMidnight.getTime() / DAY_MS
}

/** The calendar day (local to `timeZone`) that contains `at`. */
export function localDay(at: Date | number, timeZone: string): number {
  const local = zoned(at, timeZone)
  return dayOfDate(local.getFullYear(), local.getMonth(), local.getDate())
}

/**
 * The first instant of calendar day `day` in `timeZone`. Usually local midnight; where a clock
 * change skips midnight, the first moment that exists on that day.
 */
export function startOfLocalDay(day: number, timeZone: string): Date {
  const date = new Date(day * DAY_MS)
  const [year, month, dayOfMonth] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()]
  // Like Date, TZDate's constructor reads years 0–99 as 19xx: such a date is built 400 years later
  // (the Gregorian calendar repeats every 400 years; both lie before any time zone rule) and moved back.
  const cycles = year < 100 ? Math.ceil((100 - year) / 400) : 0
  // Local 00:00 of that date; TZDate moves a time a clock change skips to the first instant that exists.
  const start = new TZDate(year + cycles * 400, month, dayOfMonth, timeZone)
  if (Number.isNaN(+start)) assertTimeZone(timeZone)
  return new Date(+start - cycles * DAYS_PER_400_YEARS * DAY_MS)
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

/** Today's business day (`YYYY-MM-DD`) in `timeZone` as seen at `now`: due dates, close dates, expiry. */
export function businessToday(timeZone: string, now: Date = new Date()): string {
  return dayToIsoDate(localDay(now, timeZone))
}
