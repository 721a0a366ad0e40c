/**
 * Display-only arithmetic for opportunity lines, on integers (BigInt) scaled by 10^n so no JS
 * float ever touches money. The service computes the stored amounts with the same rule:
 * quantity × unit price, half-up to 2 decimals per line, then summed.
 */
/** A product line as the editor holds it (strings as typed). */
export interface LineDraft {
  productId?: string | null
  productName: string
  quantity: string
  unitPrice: string
}

const DECIMAL = /^(\d+)(?:\.(\d*))?$/

function toUnits(value: string, scale: number): bigint | null {
  const m = DECIMAL.exec(value.trim())
  if (!m) return null
  const frac = m[2] ?? ''
  if (frac.length > scale) return null
  return BigInt(m[1] + frac.padEnd(scale, '0'))
}

function fromUnits(units: bigint, scale: number): string {
  const s = units.toString().padStart(scale + 1, '0')
  return `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`
}

/** Quantity (≤ 4 decimals) × unit price (≤ 2 decimals); null while either is not a valid number. */
export function lineAmount(quantity: string, unitPrice: string): string | null {
  const q = toUnits(quantity, 4)
  const p = toUnits(unitPrice, 2)
  if (q === null || p === null) return null
  // q × p carries 6 decimals; adding half of the dropped 10^4 before dividing rounds half-up.
  return fromUnits((q * p + 5000n) / 10000n, 2)
}

/** Sum of 2-decimal amounts, skipping the ones that are not computable yet. */
export function sumAmounts(amounts: ReadonlyArray<string | null>): string {
  let total = 0n
  for (const a of amounts) {
    const u = a === null ? null : toUnits(a, 2)
    if (u !== null) total += u
  }
  return fromUnits(total, 2)
}
