import { describe, expect, it } from 'vitest'
import { lineAmount, sumAmounts } from './lineAmount'

describe('lineAmount', () => {
  it('multiplies exactly and rounds half-up to cents', () => {
    expect(lineAmount('3', '19.99')).toBe('59.97')
    expect(lineAmount('0.125', '0.1')).toBe('0.01') // 0.0125 → 0.01
    expect(lineAmount('0.5', '0.05')).toBe('0.03') // 0.025 → 0.03 (a float would give 0.02)
    expect(lineAmount('1.0005', '10')).toBe('10.01')
    expect(lineAmount('99999999999999', '9999999999999999.99')).toBe('999999999999989999000000000000.01')
  })

  it('answers null for input that is not a valid quantity or price yet', () => {
    expect(lineAmount('', '1')).toBeNull()
    expect(lineAmount('1.23456', '1')).toBeNull()
    expect(lineAmount('2', '1.005')).toBeNull()
    expect(lineAmount('-1', '1')).toBeNull()
  })

  it('sums line amounts, skipping the incomplete ones', () => {
    expect(sumAmounts(['0.10', '0.20', null])).toBe('0.30')
    expect(sumAmounts([])).toBe('0.00')
  })
})
