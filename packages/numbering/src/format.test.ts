import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { datePartsIn, exampleNumber, formatNumber, periodKey } from './index.js'

describe('number formatting', () => {
  const rule = { prefix: 'KH', datePattern: 'yyyyMMdd' as const, width: 4 }
  const d = { year: 2026, month: 11, day: 2 }

  test('prefix + date + zero-padded sequence, for every pattern', () => {
    expect(formatNumber(rule, 1, d)).toBe('KH202611020001')
    expect(formatNumber({ ...rule, datePattern: 'yyMMdd' }, 12, d)).toBe('KH2611020012')
    expect(formatNumber({ ...rule, datePattern: 'yyyyMM' }, 3, d)).toBe('KH2026110003')
    expect(formatNumber({ ...rule, datePattern: 'yyyy' }, 3, d)).toBe('KH20260003')
    expect(formatNumber({ ...rule, datePattern: 'none', prefix: '' }, 3, d)).toBe('0003')
  })

  test('a sequence longer than the width is printed in full, never truncated', () => {
    expect(formatNumber(rule, 123456, d)).toBe('KH20261102123456')
    expect(formatNumber(rule, '9007199254740993', d)).toBe('KH202611029007199254740993')
  })

  test('dates and periods follow the business time zone, not the server', () => {
    const lateJan31Utc = new Date('2026-01-31T16:30:00Z') // 00:30 on 1 Feb in Shanghai
    expect(datePartsIn(lateJan31Utc, 'Asia/Shanghai')).toEqual({ year: 2026, month: 2, day: 1 })
    expect(datePartsIn(lateJan31Utc, 'UTC')).toEqual({ year: 2026, month: 1, day: 31 })
    expect(periodKey({ resetPeriod: 'monthly' }, lateJan31Utc)).toBe('2026-02')
    expect(periodKey({ resetPeriod: 'monthly' }, lateJan31Utc, 'UTC')).toBe('2026-01')
    expect(periodKey({ resetPeriod: 'daily' }, lateJan31Utc)).toBe('2026-02-01')
    expect(periodKey({ resetPeriod: 'never' }, lateJan31Utc)).toBe('all')
    const newYearShanghai = new Date('2026-12-31T17:00:00Z')
    expect(periodKey({ resetPeriod: 'yearly' }, newYearShanghai)).toBe('2027')
    expect(periodKey({ resetPeriod: 'yearly' }, newYearShanghai, 'UTC')).toBe('2026')
    expect(exampleNumber(rule, newYearShanghai)).toBe('KH202701010001')
  })

  test('an unknown time zone fails instead of printing a number', () => {
    expect(() => datePartsIn(new Date(), 'Mars/Olympus')).toThrow(RangeError)
  })
})

/** The runtime's own time zone database, read field by field: an oracle independent of the date library. */
const oracles = new Map<string, Intl.DateTimeFormat>()
function intlDateParts(at: Date, timeZone: string) {
  if (!oracles.has(timeZone))
    oracles.set(
      timeZone,
      new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }),
    )
  const parts = oracles.get(timeZone)!.formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  return { year: get('year'), month: get('month'), day: get('day') }
}

const ZONES = [
  'Asia/Shanghai',
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'America/Santiago',
]
const instant = (from: string, to: string) =>
  fc.integer({ min: Date.parse(from), max: Date.parse(to) }).map((ms) => new Date(ms))

describe('the date part in the business time zone', () => {
  test('is the calendar date the time zone database gives, anywhere and any time', () => {
    fc.assert(
      fc.property(instant('1970-01-01', '2100-01-01'), fc.constantFrom(...ZONES), (at, zone) => {
        expect(datePartsIn(at, zone)).toEqual(intlDateParts(at, zone))
      }),
      { numRuns: 2000 },
    )
  })

  test('around midnight in Shanghai the number carries the Shanghai date, not the UTC one', () => {
    // 16:00 UTC is midnight in Shanghai (UTC+8, no daylight saving since 1991).
    const minute = 60_000
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2060-01-01') }),
        fc.integer({ min: -minute, max: minute - 1 }),
        (anyDay, offset) => {
          const midnight = Math.floor(anyDay / 86_400_000) * 86_400_000 + 16 * 3_600_000
          const at = new Date(midnight + offset)
          const rule = { prefix: '', datePattern: 'yyyyMMdd' as const, width: 1 }
          const shanghai = exampleNumber(rule, at, 'Asia/Shanghai')
          const utc = exampleNumber(rule, at, 'UTC')
          const utcDate = at.toISOString().slice(0, 10).replaceAll('-', '')
          const nextUtcDate = new Date(+at + 86_400_000).toISOString().slice(0, 10).replaceAll('-', '')
          expect(utc).toBe(`${utcDate}1`)
          expect(shanghai).toBe(offset < 0 ? `${utcDate}1` : `${nextUtcDate}1`)
        },
      ),
    )
  })
})
