import { MONEY_PATTERN, type finance } from '@mosaic/schemas'
import { compareDecimal, minusDecimal, sumMoney } from '@mosaic/money'

/** Decimal text with at most two decimals (the service's Money). */
export const isMoney = (v: string) => MONEY_PATTERN.test(v.trim())
/** Money above zero: what a payment, an invoice or a write-off amount must be. */
export const isPositiveMoney = (v: string) => isMoney(v) && compareDecimal(v.trim(), '0') > 0

/** The sum of the valid amounts among `values` (an invalid one counts as nothing until fixed). */
export const sumValid = (values: readonly string[]) => sumMoney(values.filter(isMoney).map((v) => v.trim()))

/** a − b as money (may be negative). */
export const moneyMinus = (a: string, b: string) => minusDecimal(a, b, 2)

/** The smaller of two money texts. */
export const minMoney = (a: string, b: string) => (compareDecimal(a, b) <= 0 ? a : b)

/** One row of the write-off dialog: an instalment still waiting for money and what to match to it. */
export interface Allocation {
  instalmentId: string
  seq: number
  dueDate: string
  remaining: string
  amount: string
}

/**
 * The write-off dialog's starting amounts: the instalments with money remaining, oldest due first,
 * each filled up to its remaining until the payment's unmatched amount runs out (the rest start at 0).
 */
export function prefillAllocations(
  instalments: readonly finance.Instalment[],
  unmatched: string,
): Allocation[] {
  let left = unmatched
  return instalments
    .filter((i) => i.status !== 'cancelled' && compareDecimal(i.remaining, '0') > 0)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.seq - b.seq)
    .map((i) => {
      const amount = compareDecimal(left, '0') > 0 ? minMoney(i.remaining, left) : '0.00'
      left = moneyMinus(left, amount)
      return { instalmentId: i.id, seq: i.seq, dueDate: i.dueDate, remaining: i.remaining, amount }
    })
}
