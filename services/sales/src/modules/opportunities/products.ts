import { canonicalDecimal, lineAmount as amountOf, roundMoney, sumMoney } from '@mosaic/money'
import type { orders, sales } from '@mosaic/schemas'
import { fieldError, problem, validationFailed, type ServiceClient } from '@mosaic/service-kit'

/** One line's amount, by the project's one rounding rule (see @mosaic/money). */
export function lineAmount(line: Pick<sales.OpportunityLine, 'quantity' | 'unitPrice'>): string {
  return amountOf(line.quantity, line.unitPrice)
}

export function productsTotal(
  lines: readonly Pick<sales.OpportunityLine, 'quantity' | 'unitPrice'>[],
): string {
  return sumMoney(lines.map(lineAmount))
}

/**
 * A stored line as read: lines written before products were picked (free text: a name, maybe a
 * product id, no code or unit) read with null code and unit.
 */
export function storedLine(l: Partial<sales.OpportunityLine>): sales.OpportunityLine {
  return {
    productId: l.productId ?? null,
    productCode: l.productCode ?? null,
    productName: l.productName ?? '',
    unit: l.unit ?? null,
    quantity: l.quantity ?? '0',
    unitPrice: l.unitPrice ?? '0',
  }
}

export function presentLines(lines: readonly Partial<sales.OpportunityLine>[]) {
  return lines.map(storedLine).map((l) => ({ ...l, amount: lineAmount(l) }))
}

/** The orders service's products by id (those that exist, deleted ones included). */
export type ProductLookup = (ids: string[]) => Promise<orders.ProductSnapshot[]>

/** Asks orders (`GET /api/orders/internal/products`); orders not answering is a 503, never a 500. */
export function ordersProducts(client: ServiceClient): ProductLookup {
  return async (ids) => {
    try {
      const res = await client.internalFetch<orders.ProductSnapshots>(
        'orders',
        `/products?ids=${ids.map(encodeURIComponent).join(',')}`,
      )
      return res.items
    } catch {
      throw problem(503, 'sales.orders_unavailable')
    }
  }
}

/**
 * The lines as stored: each product's code, name and unit as orders has them now, the quantity
 * normalised, the unit price the product's reference price unless given. An unknown, deleted or
 * off-sale product is an error on `products.N.productId` — except a product the opportunity
 * already had (`kept`): its line may stay (with its old snapshot) after the product left the shelf.
 */
export async function resolveLines(
  lookup: ProductLookup,
  inputs: readonly sales.OpportunityLineInput[],
  kept: readonly sales.OpportunityLine[] = [],
): Promise<sales.OpportunityLine[]> {
  if (inputs.length === 0) return []
  const found = await lookup([...new Set(inputs.map((l) => l.productId.toLowerCase()))])
  const byId = new Map(found.map((p) => [p.id.toLowerCase(), p]))
  const before = new Map(kept.flatMap((l) => (l.productId ? [[l.productId.toLowerCase(), l]] : [])))
  const errors: ReturnType<typeof fieldError>[] = []
  const lines = inputs.map((input, i) => {
    const id = input.productId.toLowerCase()
    const product = byId.get(id)
    const old = before.get(id)
    const usable = product && !product.deleted && product.onSale
    if (!usable && !old) {
      const field = `products.${i}.productId`
      if (!product || product.deleted) errors.push(fieldError(field, 'sales.opportunity.product_unknown'))
      else errors.push(fieldError(field, 'sales.opportunity.product_off_sale', { name: product.name }))
    }
    const snapshot = usable
      ? { productCode: product.code, productName: product.name, unit: product.unit }
      : {
          productCode: old?.productCode ?? null,
          productName: old?.productName ?? '',
          unit: old?.unit ?? null,
        }
    const price = input.unitPrice ?? (usable ? product.referencePrice : old?.unitPrice) ?? '0'
    return {
      productId: product?.id ?? input.productId,
      ...snapshot,
      quantity: canonicalDecimal(input.quantity),
      unitPrice: roundMoney(price),
    }
  })
  if (errors.length) throw validationFailed(errors)
  return lines
}
