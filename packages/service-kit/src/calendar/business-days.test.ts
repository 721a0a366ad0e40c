import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  businessToday,
  addCalendarDays,
  assertTimeZone,
  calendarDaysBetween,
  dayToIsoDate,
  isTimeZone,
  localDay,
  startOfLocalDay,
  startOfToday,
} from './business-days.js'

describe('calendar days in a time zone', () => {
  it('a day starts at local midnight: 23:50 and 00:10 in Shanghai are one day apart', () => {
    const lateEvening = new Date('2026-03-01T15:50:00Z') // 23:50 in Asia/Shanghai
    const nextMorning = new Date('2026-03-01T16:10:00Z') // 00:10 the next day
    expect(calendarDaysBetween(lateEvening, nextMorning, 'Asia/Shanghai')).toBe(1)
    expect(calendarDaysBetween(lateEvening, nextMorning, 'UTC')).toBe(0)
    expect(dayToIsoDate(localDay(nextMorning, 'Asia/Shanghai'))).toBe('2026-03-02')
    expect(startOfToday(nextMorning, 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:00:00.000Z')
  })

  it('where a clock change skips midnight, the day starts at its first existing moment', () => {
    // Santiago skips 00:00–01:00 on 2026-09-06: the day begins at 01:00 local (04:00 UTC).
    const day = localDay(new Date('2026-09-06T12:00:00Z'), 'America/Santiago')
    expect(startOfLocalDay(day, 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z')
  })

  it('adding days lands on the start of that day, across a daylight-saving change', () => {
    const before = new Date('2026-03-28T10:00:00Z') // Saturday in Berlin, clocks change on Sunday
    expect(addCalendarDays(before, 2, 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z')
    expect(addCalendarDays(before, -1, 'Europe/Berlin').toISOString()).toBe('2026-03-26T23:00:00.000Z')
  })

  it('years before 100 stay themselves (Date and TZDate constructors read them as 19xx)', () => {
    for (const iso of ['0050-06-01', '0000-01-01', '0099-12-31']) {
      const day = localDay(new Date(`${iso}T12:00:00Z`), 'Asia/Shanghai')
      expect(dayToIsoDate(day)).toBe(iso)
      const start = startOfLocalDay(day, 'Asia/Shanghai')
      expect([localDay(start, 'Asia/Shanghai'), localDay(+start - 1, 'Asia/Shanghai')]).toEqual([
        day,
        day - 1,
      ])
    }
  })

  it('a misconfigured zone fails at once', () => {
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(RangeError)
  })
})

describe('time zone names', () => {
  it('an IANA name the runtime knows is a time zone; anything else is not', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
  })
})

/** Wall-clock fields from the runtime's time zone database: an oracle independent of the date library. */
const oracles = new Map<string, Intl.DateTimeFormat>()
function wallClock(at: Date | number, timeZone: string) {
  if (!oracles.has(timeZone))
    oracles.set(
      timeZone,
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      }),
    )
  const parts = oracles.get(timeZone)!.formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') }
}
const isoDateOf = (w: { year: number; month: number; day: number }) =>
  `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`

const ZONES = [
  'Asia/Shanghai',
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'America/Santiago',
  'Australia/Lord_Howe',
]
const instant = fc
  .integer({ min: Date.parse('1990-01-01'), max: Date.parse('2060-01-01') })
  .map((ms) => new Date(ms))

describe('calendar days agree with the time zone database', () => {
  it('the day of an instant is its local calendar date', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, zone) => {
        expect(dayToIsoDate(localDay(at, zone))).toBe(isoDateOf(wallClock(at, zone)))
      }),
      { numRuns: 1000 },
    )
  })

  it('a day starts at its first instant: local midnight wherever midnight exists', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, zone) => {
        const day = localDay(at, zone)
        const start = startOfLocalDay(day, zone)
        expect(localDay(start, zone)).toBe(day)
        expect(localDay(+start - 1, zone)).toBe(day - 1)
        if (zone !== 'America/Santiago') expect(wallClock(start, zone)).toMatchObject({ hour: 0, minute: 0 })
      }),
      { numRuns: 500 },
    )
  })

  it('business days in New York count calendar days across both clock changes', () => {
    const tz = 'America/New_York'
    // 2026-03-08 02:00 EST → 03:00 EDT (a 23-hour day); 2026-11-01 02:00 EDT → 01:00 EST (a 25-hour day).
    const beforeSpring = new Date('2026-03-07T23:30:00-05:00')
    expect(addCalendarDays(beforeSpring, 1, tz).toISOString()).toBe('2026-03-08T05:00:00.000Z')
    expect(addCalendarDays(beforeSpring, 2, tz).toISOString()).toBe('2026-03-09T04:00:00.000Z')
    const beforeFall = new Date('2026-10-31T12:00:00-04:00')
    expect(addCalendarDays(beforeFall, 1, tz).toISOString()).toBe('2026-11-01T04:00:00.000Z')
    expect(addCalendarDays(beforeFall, 2, tz).toISOString()).toBe('2026-11-02T05:00:00.000Z')
    // 23:59 on the long day and 00:01 the next morning: one day apart, though 25 hours separate their midnights.
    expect(
      calendarDaysBetween(new Date('2026-11-01T23:59:00-05:00'), new Date('2026-11-02T00:01:00-05:00'), tz),
    ).toBe(1)
    expect(
      calendarDaysBetween(new Date('2026-11-01T00:00:00-04:00'), new Date('2026-11-01T23:59:00-05:00'), tz),
    ).toBe(0)
  })

  it('adding n days and counting them back agree, in any zone', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -400, max: 400 }), fc.constantFrom(...ZONES), (at, n, zone) => {
        const later = addCalendarDays(at, n, zone)
        expect(calendarDaysBetween(at, later, zone)).toBe(n)
        expect(+startOfToday(later, zone)).toBe(+later)
      }),
      { numRuns: 500 },
    )
  })
})

describe('businessToday', () => {
  it('is the calendar day in the business time zone, not in UTC', () => {
    const evening = new Date('2026-12-04T17:00:00Z')
    expect(businessToday('Asia/Shanghai', evening)).toBe('2026-12-05')
    expect(businessToday('UTC', evening)).toBe('2026-12-04')
    expect(businessToday('America/New_York', evening)).toBe('2026-12-04')
  })
})
