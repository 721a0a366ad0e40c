import type { EntityManager } from 'typeorm'
import { compareDecimal, minusDecimal, sumDecimal } from '@mosaic/money'
import type { FieldError, orders } from '@mosaic/schemas'
import { fieldError, problem, validationFailed } from '@mosaic/service-kit'
import type { ContractRow } from '../contracts/contracts.entity.js'
import { contracts } from '../contracts/contracts.store.js'
import { figureLines, type UnfiguredLine } from '../lines/lines.js'
import type { SalesOrderRow } from './sales-orders.entity.js'

/** A contract's product: the quantity over all its lines and the first line's price terms. */
export interface ContractProduct {
  line: orders.ContractLine
  contracted: string
}

/** The contract's products in line order (a product on several lines: quantities summed, first line's price). */
export function contractProducts(contract: ContractRow): Map<string, ContractProduct> {
  const out = new Map<string, ContractProduct>()
  for (const line of contract.lines) {
    const seen = out.get(line.productId)
    if (seen) seen.contracted = sumDecimal([seen.contracted, line.quantity])
    else out.set(line.productId, { line, contracted: sumDecimal([line.quantity]) })
  }
  return out
}

/**
 * What the contract's live orders (neither cancelled nor in the recycle bin) hold of each product,
 * `exceptOrderId` left out (the order being edited). Read after the contract row is locked, so two
 * transactions creating orders for one contract count one after the other (decision §71).
 */
export async function orderedOf(
  m: EntityManager,
  contractId: string,
  exceptOrderId: string | null = null,
): Promise<Map<string, string>> {
  const rows = (await m.query(
    `SELECT l->>'productId' AS product, sum((l->>'quantity')::numeric)::text AS quantity
       FROM sales_order o CROSS JOIN LATERAL jsonb_array_elements(o.lines) l
      WHERE o.contract_id = $1 AND o.deleted_at IS NULL AND o.status <> 'cancelled'
        AND ($2::uuid IS NULL OR o.id <> $2::uuid)
      GROUP BY 1`,
    [contractId, exceptOrderId],
  )) as Array<{ product: string; quantity: string }>
  return new Map(rows.map((r) => [r.product, sumDecimal([r.quantity])]))
}

/** SELECT … FOR UPDATE of the contract: every order creation or quantity edit for it queues here. */
export function lockContract(m: EntityManager, contractId: string) {
  return contracts.find(m, contractId, undefined, { lock: true })
}

/** Per product of the contract: contracted, ordered by live orders (but `exceptOrderId`) and what is left. */
export async function remainingOf(
  m: EntityManager,
  contract: ContractRow,
  exceptOrderId: string | null = null,
) {
  const ordered = await orderedOf(m, contract.id, exceptOrderId)
  return [...contractProducts(contract).values()].map(({ line, contracted }) => {
    const taken = ordered.get(line.productId) ?? '0.0000'
    return {
      productId: line.productId,
      productName: line.productName,
      unit: line.unit,
      contracted,
      ordered: taken,
      remaining: minusDecimal(contracted, taken),
    }
  })
}

/**
 * The order's lines from `inputs`: each a product of the contract, once, at most what is left of it
 * (`lines.N.quantity` names how much); price, discount and tax rate are the contract line's, the
 * figures by the tax-included function shared with contracts. Shipped quantities start at zero.
 */
export async function orderLinesFrom(
  m: EntityManager,
  contract: ContractRow,
  inputs: readonly orders.SalesOrderLineInput[],
  exceptOrderId: string | null = null,
) {
  const products = contractProducts(contract)
  const left = new Map((await remainingOf(m, contract, exceptOrderId)).map((r) => [r.productId, r]))
  const errors: FieldError[] = []
  const seen = new Set<string>()
  const priced: (UnfiguredLine & { shippedQuantity: string })[] = []
  inputs.forEach((input, i) => {
    const product = products.get(input.productId)
    if (!product)
      return void errors.push(fieldError(`lines.${i}.productId`, 'orders.order.product_not_in_contract'))
    if (seen.has(input.productId))
      return void errors.push(fieldError(`lines.${i}.productId`, 'orders.order.product_repeated'))
    seen.add(input.productId)
    const quantity = sumDecimal([input.quantity])
    const remaining = left.get(input.productId)!.remaining
    if (compareDecimal(quantity, remaining) > 0)
      errors.push(
        fieldError(`lines.${i}.quantity`, 'orders.order.quantity_exceeds', {
          product: product.line.productName,
          remaining: displayQuantity(remaining),
        }),
      )
    const { line } = product
    priced.push({
      productId: line.productId,
      productCode: line.productCode,
      productName: line.productName,
      unit: line.unit,
      quantity,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      taxRate: line.taxRate,
      shippedQuantity: '0.0000',
    })
  })
  if (errors.length) throw validationFailed(errors)
  return figureLines(priced, 'tax-included')
}

/** A quantity as people read it: no trailing zeros, never negative. */
export function displayQuantity(value: string): string {
  if (compareDecimal(value, '0') < 0) return '0'
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value
}

/**
 * An order coming back from the recycle bin: its contract locked, its quantities must still fit
 * beside the contract's other live orders (a 409 naming the first product that no longer fits).
 */
export async function assertWithinContract(m: EntityManager, row: SalesOrderRow) {
  const contract = await lockContract(m, row.contractId)
  if (!contract) throw problem(409, 'orders.order.contract_unknown')
  const left = new Map((await remainingOf(m, contract, row.id)).map((r) => [r.productId, r]))
  for (const line of row.lines) {
    const remaining = left.get(line.productId)?.remaining ?? '0'
    if (compareDecimal(line.quantity, remaining) > 0)
      throw problem(409, 'orders.order.quantity_exceeds', {
        product: line.productName,
        remaining: displayQuantity(remaining),
      })
  }
}

/**
 * A contract change must leave at least what the live orders already hold of each product: a 400
 * on the product's first proposed line (or on `lines` when the change drops the product). Called
 * with the contract row locked, so no order slips in between.
 */
export async function assertCoversOrders(
  m: EntityManager,
  contractId: string,
  lines: readonly orders.ContractLine[],
  /** The lines in force now: they name a product the change drops. */
  before: readonly orders.ContractLine[],
) {
  const ordered = await orderedOf(m, contractId)
  const errors: FieldError[] = []
  for (const [productId, taken] of ordered) {
    const index = lines.findIndex((l) => l.productId === productId)
    const contracted = sumDecimal(lines.filter((l) => l.productId === productId).map((l) => l.quantity))
    if (compareDecimal(taken, contracted) <= 0) continue
    const name = [...lines, ...before].find((l) => l.productId === productId)?.productName ?? ''
    const params = { product: name, ordered: displayQuantity(taken) }
    errors.push(
      fieldError(index >= 0 ? `lines.${index}.quantity` : 'lines', 'orders.contract.below_ordered', params),
    )
  }
  if (errors.length) throw validationFailed(errors)
}
