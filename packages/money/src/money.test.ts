import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  leftOf,
  percentText,
  changePercent,
  canonicalDecimal,
  compareDecimal,
  minusDecimal,
  progressPercent,
  sumDecimal,
  sumExact,
  documentTotals,
  documentTotalsTaxIncluded,
  isDecimalText,
  lineAmount,
  lineTotals,
  lineTotalsTaxIncluded,
  priceWithTax,
  percentOf,
  roundMoney,
  sumMoney,
} from './index.js'

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

  it('compares decimal texts exactly, beyond float precision', () => {
    expect(compareDecimal('1000000.01', '1000000')).toBe(1)
    expect(compareDecimal('1000000.00', '1000000')).toBe(0)
    expect(compareDecimal('999999.99', '1000000')).toBe(-1)
    expect(compareDecimal('9007199254740993.01', '9007199254740993')).toBe(1)
  })

  it("a document's totals are per-line half-up figures summed, equal to scaled-integer arithmetic", () => {
    const line = fc.record({
      quantity: decimalText(10 ** 14 - 1, 4),
      unitPrice: decimalText(10 ** 16 - 1, 2),
      discountPercent: fc.integer({ min: 0, max: 10000 }).map((u) => fromUnits(BigInt(u), 2)),
      taxRate: fc.integer({ min: 0, max: 10000 }).map((u) => fromUnits(BigInt(u), 2)),
    })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 50 }), (lines) => {
        // A second method: integers in units of 10^-10, rounded half-up by integer division.
        const expected = lines.map((l) => {
          const exact = units(l.quantity, 4) * units(l.unitPrice, 2) * (10000n - units(l.discountPercent, 2))
          const net = (exact + 50_000_000n) / 100_000_000n
          const tax = (net * units(l.taxRate, 2) + 5000n) / 10000n
          return { net, tax, total: net + tax }
        })
        const sum = (pick: (l: { net: bigint; tax: bigint; total: bigint }) => bigint) =>
          fromUnits(
            expected.reduce((s, l) => s + pick(l), 0n),
            2,
          )
        const got = documentTotals(lines)
        expect(got.lines).toEqual(
          expected.map((l) => ({
            net: fromUnits(l.net, 2),
            tax: fromUnits(l.tax, 2),
            total: fromUnits(l.total, 2),
          })),
        )
        expect(got.subtotal).toBe(sum((l) => l.net))
        expect(got.tax).toBe(sum((l) => l.tax))
        expect(got.total).toBe(sum((l) => l.total))
      }),
    )
  })

  it('rounds each line before summing (where float arithmetic drifts)', () => {
    // 3 × 0.35 × 0.9 = 0.945 → 0.95 (a float gives 0.9449999…); tax 13 % of 0.95 = 0.1235 → 0.12.
    expect(lineTotals({ quantity: '3', unitPrice: '0.35', discountPercent: '10', taxRate: '13' })).toEqual({
      net: '0.95',
      tax: '0.12',
      total: '1.07',
    })
    const two = { quantity: '1', unitPrice: '0.005', discountPercent: '0', taxRate: '0' }
    expect(documentTotals([two, two])).toMatchObject({ subtotal: '0.02', total: '0.02' })
    expect(documentTotals([])).toEqual({ lines: [], subtotal: '0.00', tax: '0.00', total: '0.00' })
  })
  it('a tax-included document: total per line half-up, the tax inside it half-up, net the rest — as scaled integers', () => {
    const line = fc.record({
      quantity: decimalText(10 ** 14 - 1, 4),
      unitPrice: decimalText(10 ** 16 - 1, 2),
      discountPercent: fc.integer({ min: 0, max: 10000 }).map((u) => fromUnits(BigInt(u), 2)),
      taxRate: fc.integer({ min: 0, max: 10000 }).map((u) => fromUnits(BigInt(u), 2)),
    })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 50 }), (lines) => {
        const expected = lines.map((l) => {
          const exact = units(l.quantity, 4) * units(l.unitPrice, 2) * (10000n - units(l.discountPercent, 2))
          const total = (exact + 50_000_000n) / 100_000_000n
          // tax = total × r / (100 + r), r in hundredths: total × R / (10000 + R), half-up.
          const rate = units(l.taxRate, 2)
          const divisor = 10000n + rate
          const tax = (2n * total * rate + divisor) / (2n * divisor)
          return { net: total - tax, tax, total }
        })
        const sum = (pick: (l: { net: bigint; tax: bigint; total: bigint }) => bigint) =>
          fromUnits(
            expected.reduce((s, l) => s + pick(l), 0n),
            2,
          )
        const got = documentTotalsTaxIncluded(lines)
        expect(got.lines).toEqual(
          expected.map((l) => ({
            net: fromUnits(l.net, 2),
            tax: fromUnits(l.tax, 2),
            total: fromUnits(l.total, 2),
          })),
        )
        expect(got.subtotal).toBe(sum((l) => l.net))
        expect(got.tax).toBe(sum((l) => l.tax))
        expect(got.total).toBe(sum((l) => l.total))
      }),
    )
  })

  it('tax-included: the price already holds the tax (113.00 at 13 % is 100.00 + 13.00)', () => {
    expect(
      lineTotalsTaxIncluded({ quantity: '1', unitPrice: '113', discountPercent: '0', taxRate: '13' }),
    ).toEqual({
      net: '100.00',
      tax: '13.00',
      total: '113.00',
    })
    // 3 × 0.35 × 0.9 = 0.945 → 0.95; tax 0.95 × 13/113 = 0.10929… → 0.11; net 0.84.
    expect(
      lineTotalsTaxIncluded({ quantity: '3', unitPrice: '0.35', discountPercent: '10', taxRate: '13' }),
    ).toEqual({
      net: '0.84',
      tax: '0.11',
      total: '0.95',
    })
    expect(
      lineTotalsTaxIncluded({ quantity: '2', unitPrice: '9.99', discountPercent: '100', taxRate: '6' }),
    ).toEqual({
      net: '0.00',
      tax: '0.00',
      total: '0.00',
    })
  })
  it('a tax-excluded price with its tax added, half-up to cents, as scaled integers', () => {
    fc.assert(
      fc.property(
        decimalText(10 ** 14, 2),
        fc.integer({ min: 0, max: 10000 }).map((u) => fromUnits(BigInt(u), 2)),
        (price, rate) => {
          const exact = units(price, 2) * (10000n + units(rate, 2)) // 10^-6
          expect(priceWithTax(price, rate)).toBe(fromUnits((exact + 5000n) / 10000n, 2))
        },
      ),
    )
    expect(priceWithTax('0.35', '13')).toBe('0.40')
    expect(priceWithTax('1000', '13')).toBe('1130.00')
  })
})

describe('quantity arithmetic', () => {
  it('sums decimals exactly to the shortest text (dashboard figures)', () => {
    expect(sumExact(['0.1', '0.2', '3'])).toBe('3.3')
    expect(sumExact(['1.50', '-2.25'])).toBe('-0.75')
    expect(sumExact(['0.123456789', '1'])).toBe('1.123456789')
    expect(sumExact([])).toBe('0')
  })

  it('compares, sums and subtracts decimal text exactly', () => {
    expect(compareDecimal('2.5', '2.50')).toBe(0)
    expect(compareDecimal('0.0001', '0')).toBe(1)
    expect(compareDecimal('9', '10')).toBe(-1)
    expect(sumDecimal(['0.1', '0.2', '3'])).toBe('3.3000')
    expect(minusDecimal('10', '3.25')).toBe('6.7500')
    expect(minusDecimal('1', '1.5')).toBe('-0.5000')
  })
  it('agrees with scaled integers on sums and differences', () => {
    fc.assert(
      fc.property(decimalText(10 ** 9, 4), decimalText(10 ** 9, 4), (a, b) => {
        expect(sumDecimal([a, b])).toBe(fromUnits(units(a, 4) + units(b, 4), 4))
        const d = units(a, 4) - units(b, 4)
        expect(minusDecimal(a, b)).toBe(d < 0n ? `-${fromUnits(-d, 4)}` : fromUnits(d, 4))
        expect(compareDecimal(a, b)).toBe(d === 0n ? 0 : d < 0n ? -1 : 1)
      }),
    )
  })
  it('shows progress as a whole percent that reaches 100 only when complete', () => {
    expect(progressPercent('0', '0')).toBe(0)
    expect(progressPercent('3', '4')).toBe(75)
    expect(progressPercent('9.9999', '10')).toBe(99)
    expect(progressPercent('10', '10')).toBe(100)
  })
})

describe('percentOf', () => {
  it('amount × percent / 100, half-up to cents, as scaled integers', () => {
    fc.assert(
      fc.property(
        decimalText(10 ** 14, 2),
        fc.integer({ min: 0, max: 10000 }).map((u) => fromUnits(BigInt(u), 2)),
        (amount, percent) => {
          const exact = units(amount, 2) * units(percent, 2) // 10^-4 of a cent, ×100 for the percent
          expect(percentOf(amount, percent)).toBe(fromUnits((exact + 5000n) / 10000n, 2))
        },
      ),
    )
    expect(percentOf('100000.00', '30')).toBe('30000.00')
    expect(percentOf('0.05', '10')).toBe('0.01')
  })
})

describe('percentText', () => {
  it('rounds down to 2 decimals, caps at 100 and reads 0 of 0 as 0', () => {
    expect(percentText('1', '3')).toBe('33.33')
    expect(percentText('99.999', '100')).toBe('99.99')
    expect(percentText('150', '100')).toBe('100.00')
    expect(percentText('0', '0')).toBe('0.00')
    expect(percentText('50', '100')).toBe('50.00')
  })
})

describe('changePercent', () => {
  it('is the signed month-on-month change, 1 decimal half-up, exact on big amounts; none from zero', () => {
    expect(changePercent('120', '100')).toBe('20.0')
    expect(changePercent('80', '100')).toBe('-20.0')
    expect(changePercent('1', '3')).toBe('-66.7')
    expect(changePercent('90071992547409930.01', '90071992547409930.00')).toBe('0.0')
    expect(changePercent('5', '0')).toBeNull()
    expect(changePercent('0', '0')).toBeNull()
  })
})

describe('leftOf', () => {
  it('is the whole less the part in cents, and zero once the part reaches or passes the whole', () => {
    expect(leftOf('10000.00', '3000.5')).toBe('6999.50')
    expect(leftOf('10000.00', '10000')).toBe('0.00')
    expect(leftOf('100.00', '150.00')).toBe('0.00')
    expect(leftOf('0.01', '0')).toBe('0.01')
  })
})
