import { canonicalDecimal, lineAmount as amountOf, roundMoney, sumMoney } from '@mosaic/money'
import type { sales } from '@mosaic/schemas'

/** One line's amount, by the project's one rounding rule (see @mosaic/money). */
export function lineAmount(line: Pick<sales.OpportunityLine, 'quantity' | 'unitPrice'>): string {
  return amountOf(line.quantity, line.unitPrice)
}

export function productsTotal(lines: readonly sales.OpportunityLine[]): string {
  return sumMoney(lines.map(lineAmount))
}

/** Lines as stored: normalised decimals (no "1.50" vs "1.5" diffs), product id explicit. */
export function normaliseLines(lines: readonly sales.OpportunityLine[]): sales.OpportunityLine[] {
  return lines.map((l) => ({
    productId: l.productId ?? null,
    productName: l.productName,
    quantity: canonicalDecimal(l.quantity),
    unitPrice: roundMoney(l.unitPrice),
  }))
}

export function presentLines(lines: readonly sales.OpportunityLine[]) {
  return lines.map((l) => ({ ...l, amount: lineAmount(l) }))
}
