import type { EntityManager } from 'typeorm'
import {
  documentTotals,
  documentTotalsTaxIncluded,
  priceWithTax,
  roundMoney,
  QUANTITY_DECIMALS,
} from '@mosaic/money'
import { fieldError, validationFailed } from '@mosaic/service-kit'
import type { orders } from '@mosaic/schemas'
import { products } from '../products/products.service.js'

/** How a document's unit prices are meant: a quote's exclude tax, a contract's (and order's) include it. */
export type PriceBasis = 'tax-excluded' | 'tax-included'

/** A document's priced lines and totals, as quotes and contracts store them. */
export interface PricedLines {
  lines: orders.QuoteLine[]
  subtotal: string
  taxTotal: string
  total: string
}

/**
 * The lines with their products' snapshots and figures, computed on the server (quotes, contracts).
 * A product that is unknown, in the recycle bin or off sale is an error on `lines.N.productId`;
 * price and tax rate default to the product's (its reference price excludes tax: with the tax
 * added when the document's prices include it).
 */
export async function priceLines(
  m: EntityManager,
  inputs: orders.QuoteLineInput[],
  basis: PriceBasis = 'tax-excluded',
): Promise<PricedLines> {
  const ids = [...new Set(inputs.map((l) => l.productId))]
  const found = await products
    .repo(m)
    .createQueryBuilder('p')
    .withDeleted()
    .where('p.id IN (:...ids)', { ids })
    .getMany()
  const byId = new Map(found.map((p) => [p.id, p]))
  const errors: ReturnType<typeof fieldError>[] = []
  const priced = inputs.map((input, i) => {
    const product = byId.get(input.productId)
    const field = `lines.${i}.productId`
    if (!product || product.deletedAt) errors.push(fieldError(field, 'orders.quote.product_unknown'))
    else if (!product.onSale)
      errors.push(fieldError(field, 'orders.quote.product_off_sale', { name: product.name }))
    const taxRate = roundMoney(input.taxRate ?? product?.taxRate ?? '0')
    const reference = product?.referencePrice ?? '0'
    const defaultPrice = basis === 'tax-included' ? priceWithTax(reference, taxRate) : reference
    return {
      productId: input.productId,
      productCode: product?.code ?? '',
      productName: product?.name ?? '',
      unit: product?.unit ?? null,
      quantity: roundMoney(input.quantity, QUANTITY_DECIMALS),
      unitPrice: roundMoney(input.unitPrice ?? defaultPrice),
      discountPercent: roundMoney(input.discountPercent ?? '0'),
      taxRate,
    }
  })
  if (errors.length) throw validationFailed(errors)
  return figureLines(priced, basis)
}

/** A line before its figures: the product snapshot and its price terms. */
export type UnfiguredLine = Omit<orders.QuoteLine, 'net' | 'tax' | 'total'>

/**
 * The figures of lines already priced (a sales order's lines take the contract's prices): net, tax
 * and total per line and for the document, by the basis's function of `@mosaic/money`.
 */
export function figureLines<L extends UnfiguredLine>(
  priced: readonly L[],
  basis: PriceBasis,
): {
  lines: (L & { net: string; tax: string; total: string })[]
  subtotal: string
  taxTotal: string
  total: string
} {
  const totals = basis === 'tax-included' ? documentTotalsTaxIncluded(priced) : documentTotals(priced)
  const lines = priced.map((l, i) => ({ ...l, ...totals.lines[i]! }))
  return { lines, subtotal: totals.subtotal, taxTotal: totals.tax, total: totals.total }
}
