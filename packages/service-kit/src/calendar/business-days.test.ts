import { describe, expect, it } from 'vitest'
import {
  addCalendarDays,
  assertTimeZone,
  calendarDaysBetween,
  dayToIsoDate,
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

  it('a misconfigured zone fails at once', () => {
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(RangeError)
  })
})
