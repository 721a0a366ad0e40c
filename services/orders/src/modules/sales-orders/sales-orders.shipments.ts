import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { compareDecimal, minusDecimal, progressPercent, sumDecimal } from '@mosaic/money'
import type { FieldError, orders } from '@mosaic/schemas'
import {
  assertNotAwaitingApproval,
  fieldError,
  problem,
  publishEvent,
  validationFailed,
  type AggregateContext,
  type CallerContext,
  type DomainDeps,
} from '@mosaic/service-kit'
import type { SalesOrderRow } from './sales-orders.entity.js'
import { displayQuantity } from './sales-orders.quantities.js'
import { eventIdentity } from './sales-orders.service.js'
import { salesOrders } from './sales-orders.store.js'

const SHIPPABLE: readonly string[] = ['confirmed', 'partially_shipped'] satisfies orders.SalesOrderStatus[]
/** The statuses whose shipping status follows the shipments (a closed order's is settled). */
const FOLLOWS_SHIPMENTS: readonly string[] = ['confirmed', 'partially_shipped', 'shipped']

interface ShipmentDbRow {
  id: string
  order_id: string
  status: orders.ShipmentStatus
  courier: string
  tracking_number: string
  shipped_date: string
  items: orders.ShipmentItem[]
  remark: string | null
  created_at: Date
  created_by_name: string | null
  delivered_at: Date | null
  cancelled_at: Date | null
}

const presentShipment = (r: ShipmentDbRow): orders.Shipment => ({
  id: r.id,
  orderId: r.order_id,
  status: r.status,
  courier: r.courier,
  trackingNumber: r.tracking_number,
  shippedDate: r.shipped_date,
  items: r.items,
  remark: r.remark,
  createdAt: r.created_at.toISOString(),
  createdByName: r.created_by_name,
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  cancelledAt: r.cancelled_at?.toISOString() ?? null,
})

/** Shipment rows come back with `shipped_date` as text (no Date parsing of a calendar date). */
const SELECT_SHIPMENT = `SELECT id, order_id, status, courier, tracking_number, shipped_date::text AS shipped_date,
  items, remark, created_at, created_by_name, delivered_at, cancelled_at FROM shipment`

export async function listShipments(m: EntityManager, ctx: CallerContext, orderId: string) {
  await salesOrders.get(m, orderId, ctx)
  const rows = (await m.query(`${SELECT_SHIPMENT} WHERE order_id = $1 ORDER BY created_at, id`, [
    orderId,
  ])) as ShipmentDbRow[]
  return rows.map(presentShipment)
}

/** What the order's live shipments (in transit or delivered) hold of each product. */
async function shippedOf(m: EntityManager, orderId: string): Promise<Map<string, string>> {
  const rows = (await m.query(
    `SELECT i->>'productId' AS product, sum((i->>'quantity')::numeric)::text AS quantity
       FROM shipment s CROSS JOIN LATERAL jsonb_array_elements(s.items) i
      WHERE s.order_id = $1 AND s.status <> 'cancelled' GROUP BY 1`,
    [orderId],
  )) as Array<{ product: string; quantity: string }>
  return new Map(rows.map((r) => [r.product, sumDecimal([r.quantity])]))
}

/**
 * The order's shipped quantities, progress and status brought in line with its live shipments:
 * nothing shipped → confirmed, some → partially shipped, all → shipped (published once reached).
 */
async function followShipments(
  m: EntityManager,
  ctx: AggregateContext,
  row: SalesOrderRow,
  audit: { action: 'ship' | 'update'; note: string },
) {
  const shipped = await shippedOf(m, row.id)
  const lines = row.lines.map((l) => ({ ...l, shippedQuantity: shipped.get(l.productId) ?? '0.0000' }))
  const ordered = sumDecimal(lines.map((l) => l.quantity))
  const out = sumDecimal(lines.map((l) => l.shippedQuantity))
  const all = lines.every((l) => compareDecimal(l.shippedQuantity, l.quantity) >= 0)
  const any = lines.some((l) => compareDecimal(l.shippedQuantity, '0') > 0)
  const status: orders.SalesOrderStatus = FOLLOWS_SHIPMENTS.includes(row.status)
    ? all
      ? 'shipped'
      : any
        ? 'partially_shipped'
        : 'confirmed'
    : row.status
  const after = await salesOrders.update(
    m,
    ctx,
    row.id,
    row.version,
    { lines, status, shippedPercent: all ? 100 : Math.min(99, progressPercent(out, ordered)) },
    audit,
  )
  if (status === 'shipped' && row.status !== 'shipped')
    await publishEvent(m, {
      topic: 'orders.order.shipped',
      actorId: ctx.actor.id,
      payload: eventIdentity(after),
    })
  return after
}

/**
 * 发货: a shipment of a confirmed or partially shipped order. The order row is locked, so two
 * shipments recorded at once cannot together exceed what is left (`items.N.quantity` says how much).
 */
export async function createShipment(
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  orderId: string,
  body: orders.ShipmentCreate,
) {
  const row = await salesOrders.get(m, orderId, ctx, { access: 'write', lock: true })
  assertNotAwaitingApproval(row, 'closing')
  if (!SHIPPABLE.includes(row.status)) throw problem(409, 'orders.order.not_shippable')
  await deps.dicts.assert([{ field: 'courier', type: 'courier_company', value: body.courier }])
  const byProduct = new Map(row.lines.map((l) => [l.productId, l]))
  const shipped = await shippedOf(m, row.id)
  const errors: FieldError[] = []
  const seen = new Set<string>()
  const items: orders.ShipmentItem[] = []
  body.items.forEach((item, i) => {
    const line = byProduct.get(item.productId)
    if (!line) return void errors.push(fieldError(`items.${i}.productId`, 'orders.shipment.line_unknown'))
    if (seen.has(item.productId))
      return void errors.push(fieldError(`items.${i}.productId`, 'orders.order.product_repeated'))
    seen.add(item.productId)
    const quantity = sumDecimal([item.quantity])
    const left = minusDecimal(line.quantity, shipped.get(item.productId) ?? '0')
    if (compareDecimal(quantity, left) > 0)
      errors.push(
        fieldError(`items.${i}.quantity`, 'orders.shipment.exceeds', {
          product: line.productName,
          remaining: displayQuantity(left),
        }),
      )
    items.push({ productId: line.productId, productName: line.productName, unit: line.unit, quantity })
  })
  if (errors.length) throw validationFailed(errors)
  const id = randomUUID()
  await m.query(
    `INSERT INTO shipment (id, order_id, courier, tracking_number, shipped_date, items, remark, created_by,
       created_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      row.id,
      body.courier,
      body.trackingNumber,
      body.shippedDate,
      JSON.stringify(items),
      body.remark ?? null,
      ctx.actor.id,
      ctx.actor.name,
    ],
  )
  await followShipments(m, ctx, row, { action: 'ship', note: body.trackingNumber })
  return shipmentOf(m, id)
}

async function shipmentOf(m: EntityManager, id: string) {
  const [found] = (await m.query(`${SELECT_SHIPMENT} WHERE id = $1`, [id])) as ShipmentDbRow[]
  if (!found) throw problem(404, 'orders.shipment.not_found')
  return presentShipment(found)
}

/**
 * 签收 (delivered) or 取消 (cancelled, the quantities go back to the order) of a shipment in transit.
 * A closed or cancelled order's shipments stay as they are.
 */
export async function settleShipment(
  m: EntityManager,
  ctx: AggregateContext,
  orderId: string,
  shipmentId: string,
  to: 'delivered' | 'cancelled',
) {
  const row = await salesOrders.get(m, orderId, ctx, { access: 'write', lock: true })
  const [shipment] = (await m.query(`${SELECT_SHIPMENT} WHERE id = $1 AND order_id = $2 FOR UPDATE`, [
    shipmentId,
    row.id,
  ])) as ShipmentDbRow[]
  if (!shipment) throw problem(404, 'orders.shipment.not_found')
  if (shipment.status !== 'in_transit') throw problem(409, 'orders.shipment.not_in_transit')
  assertNotAwaitingApproval(row, 'closing')
  if (!FOLLOWS_SHIPMENTS.includes(row.status)) throw problem(409, 'orders.order.not_editable')
  await m.query(
    `UPDATE shipment SET status = $2, ${to === 'delivered' ? 'delivered_at' : 'cancelled_at'} = now() WHERE id = $1`,
    [shipment.id, to],
  )
  // The audit note is the tracking number (language-neutral); the diff shows what moved back.
  if (to === 'cancelled')
    await followShipments(m, ctx, row, { action: 'update', note: shipment.tracking_number })
  return shipmentOf(m, shipment.id)
}
