import { MONEY_PATTERN, QUANTITY_PATTERN, orders } from '@mosaic/schemas'
import {
  documentTotals,
  documentTotalsTaxIncluded,
  type DocumentTotals,
  type PricedLine,
} from '@mosaic/money'

/** A quote line as the form edits it: the product (with its name for the picker) and four figures as text. */
export interface QuoteLineDraft {
  productId: string | null
  productName: string | null
  quantity: string
  unitPrice: string
  discountPercent: string
  taxRate: string
}

export const isQuantity = (v: string) => QUANTITY_PATTERN.test(v.trim()) && /[1-9]/.test(v)
export const isMoney = (v: string) => MONEY_PATTERN.test(v.trim())
export const isPercent = orders.isPercentText

/** The line's figures when they are all valid, else null (nothing to preview yet). */
export function pricedLine(l: QuoteLineDraft): PricedLine | null {
  if (
    !isQuantity(l.quantity) ||
    !isMoney(l.unitPrice) ||
    !isPercent(l.discountPercent) ||
    !isPercent(l.taxRate)
  )
    return null
  return {
    quantity: l.quantity.trim(),
    unitPrice: l.unitPrice.trim(),
    discountPercent: l.discountPercent.trim(),
    taxRate: l.taxRate.trim(),
  }
}

/**
 * The preview the service will store: `documentTotals` over the lines (the tax-included variant for
 * contracts, whose unit prices include tax), each line's figures or null while one of its inputs is
 * not valid; the document's totals only when every line is.
 */
export function previewTotals(
  lines: QuoteLineDraft[],
  taxIncluded = false,
): {
  lines: (DocumentTotals['lines'][number] | null)[]
  document: DocumentTotals | null
} {
  const priced = lines.map(pricedLine)
  const valid = priced.filter((p): p is PricedLine => p !== null)
  const totals = (taxIncluded ? documentTotalsTaxIncluded : documentTotals)(valid)
  let k = 0
  return {
    lines: priced.map((p) => (p ? totals.lines[k++]! : null)),
    document: lines.length && valid.length === lines.length ? totals : null,
  }
}
