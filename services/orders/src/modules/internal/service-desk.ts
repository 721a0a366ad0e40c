import type { EntityManager } from 'typeorm'
import { liveRows } from '@mosaic/service-kit'
import type { orders, tickets } from '@mosaic/schemas'
import { contracts } from '../contracts/contracts.store.js'
import type { SalesOrderRow } from '../sales-orders/sales-orders.entity.js'
import { salesOrders } from '../sales-orders/sales-orders.store.js'

/**
 * What the service desk (tickets) and its portal read of a customer's documents (decision 100).
 * Only what was agreed with the customer: a contract from the moment it came into force (a draft,
 * one waiting for approval or rejected never reached the customer), voided and terminated ones
 * included since a ticket may well be about them; an order once confirmed (pending and cancelled
 * orders may still be deleted: the customer never follows them).
 */
export const CUSTOMER_CONTRACT_STATUSES = [
  'approved',
  'closing',
  'completed',
  'closed',
  'terminated',
  'voided',
] as const satisfies readonly orders.ContractStatus[]
export const CUSTOMER_ORDER_STATUSES = [
  'confirmed',
  'partially_shipped',
  'shipped',
  'closing',
  'completed',
] as const satisfies readonly orders.SalesOrderStatus[]

/** The newest this many of each kind: a long-standing customer's history stays a bounded answer. */
export const CUSTOMER_DOCUMENTS_MAX = 200

/** The customer's contracts and orders a ticket may be about, newest first. */
export async function customerDocumentOptions(
  m: EntityManager,
  customerId: string,
): Promise<tickets.CustomerDocumentOptions> {
  const contractRows = await liveRows(contracts, m, 'c')
    .andWhere('c.customer_id = :customerId AND c.status IN (:...statuses)', {
      customerId,
      statuses: CUSTOMER_CONTRACT_STATUSES,
    })
    .orderBy('c.created_at', 'DESC')
    .addOrderBy('c.id', 'DESC')
    .limit(CUSTOMER_DOCUMENTS_MAX)
    .getMany()
  const orderRows = await customerOrders(m, customerId)
  return {
    contracts: contractRows.map((c) => ({ id: c.id, number: c.number, name: c.name })),
    orders: orderRows.map((o) => ({ id: o.id, number: o.number, contractId: o.contractId })),
  }
}

function customerOrders(m: EntityManager, customerId: string): Promise<SalesOrderRow[]> {
  return liveRows(salesOrders, m, 'o')
    .andWhere('o.customer_id = :customerId AND o.status IN (:...statuses)', {
      customerId,
      statuses: CUSTOMER_ORDER_STATUSES,
    })
    .orderBy('o.created_at', 'DESC')
    .addOrderBy('o.id', 'DESC')
    .limit(CUSTOMER_DOCUMENTS_MAX)
    .getMany()
}

interface ShipmentRow {
  id: string
  orderId: string
  status: string
  courier: string
  trackingNumber: string
  shippedDate: string
  deliveredAt: Date | null
  items: orders.ShipmentItem[]
}

/** The live shipments (in transit or delivered) of these orders, oldest first, in one query. */
async function liveShipments(m: EntityManager, orderIds: string[]): Promise<Map<string, ShipmentRow[]>> {
  const byOrder = new Map<string, ShipmentRow[]>()
  if (!orderIds.length) return byOrder
  const rows = (await m.query(
    `SELECT id, order_id AS "orderId", status, courier, tracking_number AS "trackingNumber",
            shipped_date::text AS "shippedDate", delivered_at AS "deliveredAt", items
       FROM shipment WHERE order_id = ANY($1::uuid[]) AND status <> 'cancelled'
      ORDER BY shipped_date, created_at, id`,
    [orderIds],
  )) as ShipmentRow[]
  for (const r of rows) byOrder.set(r.orderId, [...(byOrder.get(r.orderId) ?? []), r])
  return byOrder
}

const presentShipment = (s: ShipmentRow): tickets.PortalShipment => ({
  id: s.id,
  status: s.status,
  courier: s.courier,
  trackingNumber: s.trackingNumber,
  shippedDate: s.shippedDate,
  deliveredAt: s.deliveredAt?.toISOString() ?? null,
  items: s.items.map((i) => ({ productName: i.productName, unit: i.unit, quantity: i.quantity })),
})

/** The customer's orders as its portal shows them: newest first, with lines and live shipments. */
export async function portalOrders(m: EntityManager, customerId: string): Promise<tickets.PortalOrderList> {
  const rows = await customerOrders(m, customerId)
  const shipments = await liveShipments(
    m,
    rows.map((r) => r.id),
  )
  return {
    items: rows.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      contractNumber: o.contractNumber,
      contractName: o.contractName,
      createdAt: o.createdAt.toISOString(),
      deliveryDate: o.deliveryDate,
      total: o.total,
      shippedPercent: o.shippedPercent,
      lines: o.lines.map((l) => ({
        productName: l.productName,
        unit: l.unit,
        quantity: l.quantity,
        shippedQuantity: l.shippedQuantity,
      })),
      shipments: (shipments.get(o.id) ?? []).map(presentShipment),
    })),
  }
}
