import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalDecimal, isDecimalText, lineAmount, roundMoney, sumMoney } from './index.js'

/** Reference arithmetic on scaled integers, independent of the decimal library. */
const units = (text: string, scale: number) => {
  const [whole, frac = ''] = text.split('.')
  return BigInt(whole + frac.padEnd(scale, '0'))
}
const fromUnits = (u: bigint, scale: number) => {
  const s = u.toString().padStart(scale + 1, '0')
  return `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`
}
const decimalText = (maxWhole: number, scale: number) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: BigInt(maxWhole) }), fc.integer({ min: 0, max: 10 ** scale - 1 }))
    .map(([whole, frac]) => (scale ? `${whole}.${String(frac).padStart(scale, '0')}` : String(whole)))

describe('money', () => {
  it('a line is quantity × price rounded half-up to cents, exactly, at any size', () => {
    fc.assert(
      fc.property(decimalText(10 ** 9, 4), decimalText(10 ** 12, 2), (q, p) => {
        const exact = units(q, 4) * units(p, 2) // 6 decimals
        expect(lineAmount(q, p)).toBe(fromUnits((exact + 5000n) / 10000n, 2))
      }),
    )
  })

  it('sums exactly, to the cent, however many amounts', () => {
    fc.assert(
      fc.property(fc.array(decimalText(10 ** 13, 2), { maxLength: 200 }), (amounts) => {
        const exact = amounts.reduce((sum, a) => sum + units(a, 2), 0n)
        expect(sumMoney(amounts)).toBe(fromUnits(exact, 2))
      }),
    )
  })

  it('rounds half-up, never shows minus zero, and keeps a sign otherwise', () => {
    expect(roundMoney('2.345')).toBe('2.35')
    expect(roundMoney('2.344999')).toBe('2.34')
    expect(roundMoney('-2.345')).toBe('-2.35')
    expect(roundMoney('-0.004')).toBe('0.00')
    expect(roundMoney('12345678901234567.995')).toBe('12345678901234568.00')
    expect(roundMoney('7', 0)).toBe('7')
  })

  it('accepts plain decimal text within a scale, and canonicalises stored decimals', () => {
    expect(isDecimalText('12.3456', 4)).toBe(true)
    expect(isDecimalText('12.34567', 4)).toBe(false)
    expect(isDecimalText('1e3', 4)).toBe(false)
    expect(isDecimalText('-1', 4)).toBe(false)
    expect(isDecimalText('12.', 2)).toBe(true)
    expect(canonicalDecimal('1.5000')).toBe('1.5')
    expect(canonicalDecimal('0010')).toBe('10')
  })
})
