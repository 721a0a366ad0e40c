import { Decimal } from 'decimal.js'
import type { sales } from '@mosaic/schemas'

/** The project's one rounding rule for money: half-up to 2 decimals per line, then summed. */
export function lineAmount(line: Pick<sales.OpportunityLine, 'quantity' | 'unitPrice'>): Decimal {
  return new Decimal(line.quantity).times(line.unitPrice).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
}

export function productsTotal(lines: readonly sales.OpportunityLine[]): string {
  return lines.reduce((sum, line) => sum.plus(lineAmount(line)), new Decimal(0)).toFixed(2)
}

/** Lines as stored: normalised decimals (no "1.50" vs "1.5" diffs), product id explicit. */
export function normaliseLines(lines: readonly sales.OpportunityLine[]): sales.OpportunityLine[] {
  return lines.map((l) => ({
    productId: l.productId ?? null,
    productName: l.productName,
    quantity: new Decimal(l.quantity).toFixed(),
    unitPrice: new Decimal(l.unitPrice).toFixed(2),
  }))
}

export function presentLines(lines: readonly sales.OpportunityLine[]) {
  return lines.map((l) => ({ ...l, amount: lineAmount(l).toFixed(2) }))
}
