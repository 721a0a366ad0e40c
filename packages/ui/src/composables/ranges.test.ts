import { describe, expect, it } from 'vitest'
import { blankToNull, dayEnd, dayStart, toLocalIso, todayIso, withRanges } from './ranges'

describe('withRanges', () => {
  it('turns day pairs into inclusive instants or dates and drops empty ranges', () => {
    const out = withRanges(
      { limit: 20, created: ['2026-03-01', '2026-03-31'], expected: ['2026-04-01', '2026-04-30'], other: [] },
      {
        created: { from: 'createdFrom', to: 'createdTo' },
        expected: { from: 'expectedFrom', to: 'expectedTo', dateOnly: true },
        other: { from: 'a', to: 'b' },
      },
    )
    expect(out).toEqual({
      limit: 20,
      createdFrom: dayStart('2026-03-01'),
      createdTo: dayEnd('2026-03-31'),
      expectedFrom: '2026-04-01',
      expectedTo: '2026-04-30',
    })
    expect(new Date(out.createdFrom as string).getDate()).toBe(1)
    expect(new Date(out.createdTo as string).getHours()).toBe(23)
  })

  it('maps blanks to null', () => {
    expect([blankToNull(' '), blankToNull(undefined), blankToNull(' a ')]).toEqual([null, null, 'a'])
  })
})

describe('toLocalIso', () => {
  it('keeps the instant while writing local wall time with its offset', () => {
    const iso = toLocalIso('2026-05-01T10:20:30Z')!
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
    expect(new Date(iso).toISOString()).toBe('2026-05-01T10:20:30.000Z')
    expect(toLocalIso(null)).toBeNull()
    expect(toLocalIso('nonsense')).toBeNull()
  })
})

describe('todayIso', () => {
  it('is the local calendar day, zero-padded', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05')
    expect(todayIso(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31')
  })
})
