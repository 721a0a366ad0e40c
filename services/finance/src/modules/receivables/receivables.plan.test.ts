import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareDecimal, isDecimalText, sumMoney } from '@mosaic/money'
import { addMonths, planFor, replan, type CurrentInstalment, type PlanTerms } from './receivables.plan.js'

const cents = (max: bigint) =>
  fc.bigInt({ min: 1n, max }).map((u) => `${u / 100n}.${String(u % 100n).padStart(2, '0')}`)
const money = cents(10n ** 14n) // 0.01 … 10^12
const ratio = fc.integer({ min: 0, max: 10000 }).map((u) => (u / 100).toFixed(2))
const day = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const terms: fc.Arbitrary<PlanTerms> = fc.record({
  total: money,
  prepayRatio: fc.option(ratio),
  retentionRatio: fc.option(ratio),
  warrantyMonths: fc.option(fc.integer({ min: 0, max: 120 })),
  signDate: fc.option(day),
  startDate: fc.option(day),
  endDate: fc.option(day),
})

describe('a contract’s payment plan', () => {
  it('sums to the total exactly, no amount negative or past cents, in due-date order', () => {
    fc.assert(
      fc.property(terms, day, (t, today) => {
        const plan = planFor(t, today)
        expect(sumMoney(plan.map((p) => p.amount))).toBe(sumMoney([t.total]))
        for (const p of plan) {
          expect(compareDecimal(p.amount, '0')).toBe(1)
          expect(isDecimalText(p.amount, 2)).toBe(true)
        }
        const dates = plan.map((p) => p.dueDate)
        expect(dates).toEqual([...dates].sort())
      }),
      { numRuns: 500 },
    )
  })

  it('prepayment on the sign date, progress at the end, retention when the warranty ends', () => {
    const plan = planFor(
      {
        total: '100000.00',
        prepayRatio: '30.00',
        retentionRatio: '5.00',
        warrantyMonths: 12,
        signDate: '2026-01-10',
        startDate: '2026-01-15',
        endDate: '2026-12-31',
      },
      '2026-03-01',
    )
    expect(plan).toEqual([
      { kind: 'prepayment', dueDate: '2026-01-10', amount: '30000.00' },
      { kind: 'progress', dueDate: '2026-12-31', amount: '65000.00' },
      { kind: 'retention', dueDate: '2027-01-15', amount: '5000.00' },
    ])
  })

  it('ratios over 100% cut the retention; no dates at all: the day handled; zero amounts left out', () => {
    const none = { signDate: null, startDate: null, endDate: null, warrantyMonths: null }
    expect(
      planFor({ total: '10.00', prepayRatio: '80', retentionRatio: '50', ...none }, '2026-05-05'),
    ).toEqual([
      { kind: 'prepayment', dueDate: '2026-05-05', amount: '8.00' },
      { kind: 'retention', dueDate: '2026-05-05', amount: '2.00' },
    ])
    expect(
      planFor({ total: '0.01', prepayRatio: '30', retentionRatio: null, ...none }, '2026-05-05'),
    ).toEqual([{ kind: 'progress', dueDate: '2026-05-05', amount: '0.01' }])
  })

  it('adds calendar months, a missing day becoming the month’s last', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29')
    expect(addMonths('2026-05-15', 0)).toBe('2026-05-15')
    expect(addMonths('2026-12-01', 12)).toBe('2027-12-01')
  })
})

/** A current plan: the old terms' instalments, some of it written off (matched ≤ amount). */
const written = fc
  .tuple(terms, day, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }))
  .map(([t, today, shares]): CurrentInstalment[] =>
    planFor(t, today).map((p, i) => {
      const amount = BigInt(p.amount.replace('.', ''))
      const matched = (amount * BigInt(shares[i]!)) / 100n
      return {
        ...p,
        id: `00000000-0000-4000-8000-00000000000${i}`,
        seq: i + 1,
        matched: `${matched / 100n}.${String(matched % 100n).padStart(2, '0')}`,
      }
    }),
  )

describe('a changed contract’s plan', () => {
  it('keeps every written-off part and sums to the new total whenever that covers them', () => {
    fc.assert(
      fc.property(written, terms, day, (current, next, today) => {
        const planned = planFor(next, today)
        const plan = replan(current, planned)
        const matchedTotal = sumMoney(current.map((c) => c.matched))
        for (const c of current) {
          const row = plan.find((p) => p.id === c.id)!
          expect(compareDecimal(row.amount, c.matched)).toBeGreaterThanOrEqual(0)
        }
        for (const p of plan) expect(compareDecimal(p.amount, '0')).toBeGreaterThanOrEqual(0)
        const sum = sumMoney(plan.map((p) => p.amount))
        if (compareDecimal(next.total, matchedTotal) >= 0) expect(sum).toBe(sumMoney([next.total]))
        else expect(sum).toBe(matchedTotal)
      }),
      { numRuns: 500 },
    )
  })

  it('a paid prepayment stays; the rest follows the new terms', () => {
    const current: CurrentInstalment[] = [
      { id: 'a', seq: 1, kind: 'prepayment', dueDate: '2026-01-10', amount: '30000.00', matched: '30000.00' },
      { id: 'b', seq: 2, kind: 'progress', dueDate: '2026-12-31', amount: '65000.00', matched: '0.00' },
      { id: 'c', seq: 3, kind: 'retention', dueDate: '2027-01-15', amount: '5000.00', matched: '0.00' },
    ]
    const planned = planFor(
      {
        total: '80000.00',
        prepayRatio: '30.00',
        retentionRatio: '5.00',
        warrantyMonths: 6,
        signDate: '2026-01-10',
        startDate: '2026-01-15',
        endDate: '2026-10-31',
      },
      '2026-03-01',
    )
    // Prepayment would be 24,000 but 30,000 is paid: the 6,000 over comes out of progress.
    expect(replan(current, planned)).toEqual([
      { id: 'a', kind: 'prepayment', dueDate: '2026-01-10', amount: '30000.00' },
      { id: 'b', kind: 'progress', dueDate: '2026-10-31', amount: '46000.00' },
      { id: 'c', kind: 'retention', dueDate: '2026-07-15', amount: '4000.00' },
    ])
  })
})
