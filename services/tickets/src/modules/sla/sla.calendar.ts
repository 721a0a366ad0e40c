import { TZDate } from '@date-fns/tz'
import { dayToIsoDate, localDay, startOfLocalDay } from '@mosaic/service-kit'

/**
 * Business time for SLA clocks (SPEC §3.1), pure. Business hours are `dayStart`–`dayEnd` (wall clock in
 * `timeZone`) on working days: a `workdays` weekday (1 = Monday … 7 = Sunday) or one of `workingDates` (调休),
 * never one of `holidays` (a holiday wins over both).
 *
 * A day's window runs from the instant its clock shows `dayStart` to the instant it shows `dayEnd`, and a
 * business minute is a real minute inside a window. So on a day whose clock changes inside the window the
 * window is that much shorter or longer (09:00–18:00 is 8 real hours on a spring-forward day): the customer
 * waits real time, and the office is open from its opening to its closing whatever the clock did. A start
 * time the clock skips moves to the first instant after the gap (@date-fns/tz).
 */
export interface BusinessCalendar {
  timeZone: string
  workdays: readonly number[]
  /** `HH:MM`. */
  dayStart: string
  /** `HH:MM`, up to `24:00`. */
  dayEnd: string
  /** `YYYY-MM-DD`. */
  holidays: readonly string[]
  /** `YYYY-MM-DD`. */
  workingDates: readonly string[]
}

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000
/** A calendar without a working day in ten years is a misconfiguration, not a wait. */
const MAX_IDLE_DAYS = 3660

/** ISO weekday of day number `day` (day 0, 1970-01-01, was a Thursday). */
export const isoWeekday = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1

/** Whether calendar day `day` has business hours. */
export function isWorkingDay(day: number, cal: BusinessCalendar): boolean {
  const iso = dayToIsoDate(day)
  if (cal.holidays.includes(iso)) return false
  return cal.workingDates.includes(iso) || cal.workdays.includes(isoWeekday(day))
}

function wallClock(day: number, clock: string, timeZone: string): number {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number]
  if (hours === 24) return +startOfLocalDay(day + 1, timeZone)
  const date = new Date(day * DAY_MS)
  return +new TZDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hours, minutes, timeZone)
}

/** The business window of day `day` as epoch ms `[start, end]`, or null on a day off; always inside the day. */
export function windowOf(day: number, cal: BusinessCalendar): [number, number] | null {
  if (!isWorkingDay(day, cal)) return null
  const dayStart = +startOfLocalDay(day, cal.timeZone)
  const nextDay = +startOfLocalDay(day + 1, cal.timeZone)
  const start = Math.min(Math.max(wallClock(day, cal.dayStart, cal.timeZone), dayStart), nextDay)
  const end = Math.min(Math.max(wallClock(day, cal.dayEnd, cal.timeZone), start), nextDay)
  return end > start ? [start, end] : null
}

/**
 * The instant `minutes` business minutes after `start`. Outside hours the count starts at the next opening;
 * a due time that uses up a window exactly is that window's end (not the next opening), so
 * `add(add(s, a), b) = add(s, a + b)`. Zero minutes is `start` itself.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar): Date {
  if (!(minutes > 0)) return new Date(+start)
  let remaining = minutes * MINUTE_MS
  let at = +start
  let idle = 0
  for (let day = localDay(at, cal.timeZone); ; day++) {
    const window = windowOf(day, cal)
    if (window && at < window[1]) {
      idle = 0
      const from = Math.max(at, window[0])
      if (remaining <= window[1] - from) return new Date(from + remaining)
      remaining -= window[1] - from
    } else if (++idle > MAX_IDLE_DAYS) throw new RangeError('The business calendar has no working day')
    at = Math.max(at, +startOfLocalDay(day + 1, cal.timeZone))
  }
}

/** Business minutes from `a` to `b` (negative when `b` is earlier); fractions when they fall between minutes. */
export function businessMinutesBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  if (+b < +a) return -businessMinutesBetween(b, a, cal)
  let total = 0
  const last = localDay(b, cal.timeZone)
  for (let day = localDay(a, cal.timeZone); day <= last; day++) {
    const window = windowOf(day, cal)
    if (!window) continue
    const overlap = Math.min(+b, window[1]) - Math.max(+a, window[0])
    if (overlap > 0) total += overlap
  }
  return total / MINUTE_MS
}

/** Whether `at` lies inside business hours, or exactly at a window's end. */
export function inBusinessHours(at: Date, cal: BusinessCalendar): boolean {
  const day = localDay(at, cal.timeZone)
  const inside = (w: [number, number] | null) => w !== null && +at > w[0] && +at <= w[1]
  // A window ending at 24:00 ends at the next day's first instant.
  return inside(windowOf(day, cal)) || inside(windowOf(day - 1, cal))
}
