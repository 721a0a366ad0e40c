import type { EntityManager } from 'typeorm'
import { compareDecimal, minusDecimal, MONEY_DECIMALS } from '@mosaic/money'
import type { ClosurePrecondition } from '@mosaic/service-kit'
import { receivableOf } from '../receivables/receivables.js'
import type { SalesOrderRow } from './sales-orders.entity.js'

const ZERO = '0.00'
const minMoney = (a: string, b: string) => (compareDecimal(a, b) <= 0 ? a : b)
const maxMoney = (a: string, b: string) => (compareDecimal(a, b) >= 0 ? a : b)

/**
 * What of the contract's received money pays this order (decision 85): received money pays the
 * contract's orders in the order they were created, so this one gets what is left after the
 * totals of the earlier live, non-cancelled orders, up to its own total.
 */
export async function paidOf(m: EntityManager, row: SalesOrderRow): Promise<string> {
  const receivable = await receivableOf(m, row.contractId)
  if (!receivable) return ZERO
  const [{ earlier }] = (await m.query(
    `SELECT coalesce(sum(o.total), 0)::text AS earlier FROM sales_order o
      WHERE o.contract_id = $1 AND o.deleted_at IS NULL AND o.status <> 'cancelled' AND o.id <> $2
        AND (o.created_at, o.id) < (SELECT created_at, id FROM sales_order WHERE id = $2)`,
    [row.contractId, row.id],
  )) as [{ earlier: string }]
  const left = maxMoney(minusDecimal(receivable.received, earlier, MONEY_DECIMALS), ZERO)
  return minMoney(left, row.total)
}

/**
 * What must hold before an order closes (结单), each in words when it does not (decision §72):
 * fully shipped, and fully paid by the contract's received money (decision 85).
 */
export async function closePreconditions(
  m: EntityManager,
  row: SalesOrderRow,
): Promise<ClosurePrecondition[]> {
  const shipped = row.lines.every((l) => compareDecimal(l.shippedQuantity, l.quantity) >= 0)
  const paid = await paidOf(m, row)
  return [
    {
      ok: shipped && row.status === 'shipped',
      code: 'orders.order.not_fully_shipped',
      params: { percent: row.shippedPercent },
    },
    {
      ok: compareDecimal(paid, row.total) >= 0,
      code: 'orders.order.not_fully_paid',
      params: { paid, total: row.total },
    },
  ]
}
