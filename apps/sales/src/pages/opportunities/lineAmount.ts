/**
 * The product-line editor's preview: the same arithmetic the service stores (@mosaic/money),
 * on the strings as typed, with null while a value is not a valid number yet.
 */
import {
  MONEY_DECIMALS,
  QUANTITY_DECIMALS,
  isDecimalText,
  lineAmount as amountOf,
  sumMoney,
} from '@mosaic/money'

/**
 * A product line as the editor holds it (figures as typed). A line read from before products were
 * picked has no product id, only its free-text name: the user picks a product for it.
 */
export interface LineDraft {
  productId: string | null
  productName: string
  quantity: string
  unitPrice: string
}

/** Quantity (≤ 4 decimals) × unit price (≤ 2 decimals); null while either is not a valid number. */
export function lineAmount(quantity: string, unitPrice: string): string | null {
  if (!isDecimalText(quantity, QUANTITY_DECIMALS) || !isDecimalText(unitPrice, MONEY_DECIMALS)) return null
  return amountOf(quantity.trim(), unitPrice.trim())
}

/** Sum of 2-decimal amounts, skipping the ones that are not computable yet. */
export function sumAmounts(amounts: ReadonlyArray<string | null>): string {
  return sumMoney(amounts.filter((a): a is string => a !== null && isDecimalText(a, MONEY_DECIMALS)))
}
