import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dayToIsoDate, localDay } from '@mosaic/service-kit'
import {
  addBusinessMinutes,
  businessMinutesBetween,
  inBusinessHours,
  isWorkingDay,
  type BusinessCalendar,
} from './sla.calendar.js'

const ZONES = [
  'Asia/Shanghai',
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kolkata',
]
const FROM = Date.UTC(2024, 0, 1)
const TO = Date.UTC(2029, 0, 1)
const DAY_MS = 86_400_000

const clock = (minutes: number) =>
  minutes === 1440
    ? '24:00'
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** Random calendars: any weekday set (weekends too), hours on the quarter hour, holidays and 调休 days. */
const calendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    workdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    hours: fc
      .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }))
      .filter(([a, b]) => a < b),
    holidays: fc.array(fc.integer({ min: FROM / DAY_MS, max: TO / DAY_MS }), { maxLength: 40 }),
    workingDates: fc.array(fc.integer({ min: FROM / DAY_MS, max: TO / DAY_MS }), { maxLength: 10 }),
  })
  .map((c) => ({
    timeZone: c.timeZone,
    workdays: c.workdays,
    dayStart: clock(c.hours[0] * 15),
    dayEnd: clock(c.hours[1] * 15),
    holidays: c.holidays.map(dayToIsoDate),
    workingDates: c.workingDates.map(dayToIsoDate),
  }))

const instant = fc.integer({ min: FROM, max: TO - 60 * DAY_MS }).map((ms) => new Date(ms))
const minutes = fc.integer({ min: 1, max: 10_000 })
const runs = { numRuns: 120 }
/** Thousands of zoned calendar days per property: generous under a loaded machine. */
const slow = { timeout: 180_000 }

describe('business calendar (properties)', () => {
  it('adds exactly the business minutes it is asked for, never before the start', slow, () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (cal, start, n) => {
        const due = addBusinessMinutes(start, n, cal)
        expect(+due).toBeGreaterThanOrEqual(+start)
        expect(businessMinutesBetween(start, due, cal)).toBe(n)
      }),
      runs,
    )
  })

  it('is monotonic in the minutes and additive', slow, () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, (cal, start, a, b) => {
        const afterA = addBusinessMinutes(start, a, cal)
        expect(+addBusinessMinutes(start, a + b, cal)).toBeGreaterThan(+afterA)
        expect(+addBusinessMinutes(afterA, b, cal)).toBe(+addBusinessMinutes(start, a + b, cal))
      }),
      runs,
    )
  })

  it(
    'puts the due time inside business hours (or at a closing) of a working day that is no holiday',
    slow,
    () => {
      fc.assert(
        fc.property(calendar, instant, minutes, (cal, start, n) => {
          const due = addBusinessMinutes(start, n, cal)
          expect(inBusinessHours(due, cal)).toBe(true)
          // A closing at 24:00 is the next day's first instant: the day it belongs to is the one before.
          const day = localDay(new Date(+due - 1), cal.timeZone)
          expect(isWorkingDay(day, cal)).toBe(true)
          expect(cal.holidays).not.toContain(dayToIsoDate(day))
        }),
        runs,
      )
    },
  )

  it('agrees with a minute-by-minute count on small ranges', slow, () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 2 * 1440 }), (cal, start, span) => {
        const a = new Date(Math.floor(+start / 60_000) * 60_000)
        let counted = 0
        for (let i = 0; i < span; i++) {
          // A minute counts when its middle lies inside a window.
          const mid = new Date(+a + i * 60_000 + 30_000)
          if (inBusinessHours(mid, cal)) counted++
        }
        expect(businessMinutesBetween(a, new Date(+a + span * 60_000), cal)).toBe(counted)
      }),
      { numRuns: 100 },
    )
  })
})

const shanghai: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  workdays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '18:00',
  holidays: [],
  workingDates: [],
}
const at = (iso: string) => new Date(iso)

describe('business calendar (examples)', () => {
  it('carries Friday 17:00 + 2h over the weekend to Monday 10:00 in Shanghai', () => {
    expect(addBusinessMinutes(at('2026-12-04T17:00:00+08:00'), 120, shanghai)).toEqual(
      at('2026-12-07T10:00:00+08:00'),
    )
  })

  it('skips a holiday', () => {
    const cal = { ...shanghai, holidays: ['2026-12-07'] }
    expect(addBusinessMinutes(at('2026-12-04T17:00:00+08:00'), 120, cal)).toEqual(
      at('2026-12-08T10:00:00+08:00'),
    )
  })

  it('counts a 调休 Saturday', () => {
    const cal = { ...shanghai, workingDates: ['2026-12-05'] }
    expect(addBusinessMinutes(at('2026-12-04T17:00:00+08:00'), 120, cal)).toEqual(
      at('2026-12-05T10:00:00+08:00'),
    )
  })

  it('starts counting at the next opening when opened outside hours', () => {
    expect(addBusinessMinutes(at('2026-12-07T20:00:00+08:00'), 60, shanghai)).toEqual(
      at('2026-12-08T10:00:00+08:00'),
    )
  })

  it('counts real minutes on a day the clock springs forward inside the window', () => {
    const berlin = { ...shanghai, timeZone: 'Europe/Berlin', dayStart: '01:00', workdays: [7] }
    // 2026-03-29: 02:00 → 03:00, so 01:00–18:00 is 16 real hours.
    const opening = at('2026-03-29T01:00:00+01:00')
    expect(businessMinutesBetween(opening, at('2026-03-30T00:00:00+02:00'), berlin)).toBe(16 * 60)
  })
})
