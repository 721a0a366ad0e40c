import { Decimal } from 'decimal.js'

/**
 * The project's one decimal arithmetic, on both sides: services compute what they store with it
 * and screens preview the same figures with it, so a total on screen matches the service to the
 * cent. Values travel as decimal strings; no JS float ever touches money.
 *
 * The rounding rule: half-up to 2 decimals per line, then summed (documented in docs/decisions.md).
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })

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
