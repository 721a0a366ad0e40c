import { Decimal } from 'decimal.js'

/**
 * The project's one decimal arithmetic, on both sides: services compute what they store with it
 * and screens preview the same figures with it, so a total on screen matches the service to the
 * cent. Values travel as decimal strings; no JS float ever touches money.
 *
 * The rounding rule: half-up to 2 decimals per line, then summed (documented in docs/decisions.md).
 */
// 64 significant digits: a numeric(18,4) quantity × numeric(18,2) price × a discount factor is exact.
const D = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP })

export const MONEY_DECIMALS = 2
export const QUANTITY_DECIMALS = 4

/** A plain decimal text (no sign, exponent or separators) with at most `decimals` decimals. */
export function isDecimalText(value: string, decimals: number): boolean {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(value.trim())
  return m !== null && (m[2] ?? '').length <= decimals
}

/** Half-up to `decimals` (money: 2), as fixed-point text; never "-0.00". */
export function roundMoney(value: string | number, decimals = MONEY_DECIMALS): string {
  const rounded = new D(value).toDecimalPlaces(decimals)
  return (rounded.isZero() ? rounded.abs() : rounded).toFixed(decimals)
}

/** quantity × unit price, half-up to 2 decimals: one line's amount. */
export function lineAmount(quantity: string, unitPrice: string): string {
  return roundMoney(new D(quantity).times(unitPrice).toFixed())
}

/** The exact sum of money amounts (each already rounded), to 2 decimals. */
export function sumMoney(amounts: Iterable<string>): string {
  let total = new D(0)
  for (const amount of amounts) total = total.plus(amount)
  return roundMoney(total.toFixed())
}

/** A decimal without insignificant zeros ("1.50" → "1.5"), so equal values store equal text. */
export function canonicalDecimal(value: string): string {
  return new D(value).toFixed()
}

/** The exact sum of decimal texts as the shortest decimal text ("0.1" + "0.2" → "0.3", "1.50" + "1" → "2.5"). */
export function sumExact(values: Iterable<string>): string {
  let total = new D(0)
  for (const value of values) total = total.plus(value)
  return total.toFixed()
}

/** -1, 0 or 1 as `a` is below, equal to or above `b` (decimal texts, compared exactly). */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  return new D(a).comparedTo(b) as -1 | 0 | 1
}

/** One priced line: quantity (≤ 4 decimals), unit price (≤ 2), discount % and tax rate % (0–100, ≤ 2). */
export interface PricedLine {
  quantity: string
  unitPrice: string
  discountPercent: string
  taxRate: string
}

export interface LineTotals {
  /** quantity × unit price × (1 − discount/100), half-up to 2 decimals. */
  net: string
  /** net × tax rate/100, half-up to 2 decimals. */
  tax: string
  /** net + tax. */
  total: string
}

export interface DocumentTotals {
  lines: LineTotals[]
  /** Sum of the lines' nets. */
  subtotal: string
  /** Sum of the lines' taxes. */
  tax: string
  /** Sum of the lines' totals (= subtotal + tax). */
  total: string
}

/** One line's net, tax and total: each figure rounded half-up to 2 decimals on its own line. */
export function lineTotals(line: PricedLine): LineTotals {
  const keep = new D(100).minus(line.discountPercent).div(100)
  const net = roundMoney(new D(line.quantity).times(line.unitPrice).times(keep).toFixed())
  const tax = roundMoney(new D(net).times(line.taxRate).div(100).toFixed())
  return { net, tax, total: roundMoney(new D(net).plus(tax).toFixed()) }
}

/**
 * A quote's (contract's, order's) totals: each line rounded on its own, then summed. The service
 * stores these figures and the screens preview them with the same function.
 */
export function documentTotals(lines: readonly PricedLine[]): DocumentTotals {
  const each = lines.map(lineTotals)
  return {
    lines: each,
    subtotal: sumMoney(each.map((l) => l.net)),
    tax: sumMoney(each.map((l) => l.tax)),
    total: sumMoney(each.map((l) => l.total)),
  }
}

/**
 * One line's figures when the unit price INCLUDES tax (contracts and orders, SPEC §2.3):
 * total = quantity × price × (1 − discount/100), half-up to 2 decimals; the tax inside it =
 * total × rate / (100 + rate), half-up to 2 decimals; net = total − tax (exact, so net + tax is
 * always the total the customer was quoted). Decision §69.
 */
export function lineTotalsTaxIncluded(line: PricedLine): LineTotals {
  const keep = new D(100).minus(line.discountPercent).div(100)
  const total = roundMoney(new D(line.quantity).times(line.unitPrice).times(keep).toFixed())
  const rate = new D(line.taxRate)
  const tax = roundMoney(new D(total).times(rate).div(rate.plus(100)).toFixed())
  return { net: roundMoney(new D(total).minus(tax).toFixed()), tax, total }
}

/** A tax-included document's totals: each line rounded on its own (as above), then summed. */
export function documentTotalsTaxIncluded(lines: readonly PricedLine[]): DocumentTotals {
  const each = lines.map(lineTotalsTaxIncluded)
  return {
    lines: each,
    subtotal: sumMoney(each.map((l) => l.net)),
    tax: sumMoney(each.map((l) => l.tax)),
    total: sumMoney(each.map((l) => l.total)),
  }
}

/**
 * A tax-excluded unit price as the price including tax: price × (100 + rate) / 100, half-up to 2
 * decimals. A product's reference price and a quote's prices exclude tax; a contract line's include it.
 */
export function priceWithTax(price: string, taxRate: string): string {
  return roundMoney(new D(price).times(new D(100).plus(taxRate)).div(100).toFixed())
}

/** amount × percent / 100, half-up to cents: a contract's prepayment or retention from its ratio. */
export function percentOf(amount: string, percent: string): string {
  return roundMoney(new D(amount).times(percent).div(100).toFixed())
}

/** The exact sum of decimals, to `decimals` places (quantities: 4). */
export function sumDecimal(values: Iterable<string>, decimals = QUANTITY_DECIMALS): string {
  let total = new D(0)
  for (const value of values) total = total.plus(value)
  return roundMoney(total.toFixed(), decimals)
}

/** a − b to `decimals` places (quantities: 4); may be negative. */
export function minusDecimal(a: string, b: string, decimals = QUANTITY_DECIMALS): string {
  return roundMoney(new D(a).minus(b).toFixed(), decimals)
}

/** part / whole as a whole percent rounded down (never 100 before the part reaches the whole); 0 of 0 is 0. */
export function progressPercent(part: string, whole: string): number {
  const w = new D(whole)
  if (w.isZero()) return 0
  return Math.min(100, new D(part).times(100).div(w).floor().toNumber())
}

/**
 * part / whole as a percentage with 2 decimals, rounded down and capped at "100.00" (so it never
 * reads 100.00 before the part reaches the whole); 0 of 0 is "0.00". Finance's collected %.
 */
export function percentText(part: string, whole: string): string {
  const w = new D(whole)
  if (w.isZero()) return '0.00'
  const percent = D.min(100, new D(part).times(100).div(w))
  return D.max(0, percent).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2)
}

/** What `part` leaves of `whole` in money (whole − part, 2 decimals), never below zero: outstanding, not invoiced. */
export function leftOf(whole: string, part: string): string {
  return compareDecimal(part, whole) >= 0 ? '0.00' : minusDecimal(whole, part, MONEY_DECIMALS)
}

/**
 * The change from `previous` to `current` in percent, 1 decimal, half-up, signed ("12.5", "-3.0"):
 * the dashboard's month-on-month. `null` when `previous` is zero (no base to compare with).
 */
export function changePercent(current: string, previous: string): string | null {
  const base = new D(previous)
  if (base.isZero()) return null
  return new D(current).minus(base).times(100).div(base.abs()).toDecimalPlaces(1).toFixed(1)
}
