import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { Id, PageQuery, RecordMeta } from '../common.js'
import { CreatedRange, DateOnly, OwnerFields, dictValue, optionalText } from '../sales/common.js'
import { CONTRACT_LINES_MAX } from './contracts.js'
import { Quantity, QuoteLine } from './quotes.js'

/**
 * A sales order's life (SPEC 2.4): `pending` → `confirmed` → `partially_shipped` → `shipped` →
 * `completed` (结单, only through the closure rule); `cancelled` from pending or confirmed while
 * nothing is shipped. The shipping statuses follow the order's shipments, never set by hand.
 */
export const SALES_ORDER_STATUSES = [
  'pending',
  'confirmed',
  'partially_shipped',
  'shipped',
  /** A close (结单) waiting for approval (the order rule's approvalRequired): locked meanwhile. */
  'closing',
  'completed',
  'cancelled',
] as const
export const SalesOrderStatus = z.enum(SALES_ORDER_STATUSES)
export type SalesOrderStatus = z.infer<typeof SalesOrderStatus>

/** The statuses in which shipments may be recorded. */
export const SHIPPABLE_ORDER_STATUSES = ['confirmed', 'partially_shipped'] as const
/** The statuses in which an order's lines may change (nothing shipped yet). */
export const ORDER_LINES_EDITABLE_STATUSES = ['pending', 'confirmed'] as const
/** The statuses from which an order may be cancelled or deleted. */
export const ORDER_CANCELLABLE_STATUSES = ['pending', 'confirmed'] as const
export const ORDER_DELETABLE_STATUSES = ['pending', 'cancelled'] as const

/**
 * An order line as sent: a product of the contract and how much of it. Price, discount and tax rate
 * are the contract's (decision §71); a product appears once per order.
 */
export const SalesOrderLineInput = z.strictObject({ productId: Id, quantity: Quantity })
export type SalesOrderLineInput = z.input<typeof SalesOrderLineInput>

/** A stored line: the contract line's product and tax-included price, the figures, and what has shipped. */
export const SalesOrderLine = QuoteLine.extend({
  /** The quantity on live shipments (in transit or delivered). */
  shippedQuantity: z.string(),
})
export type SalesOrderLine = z.infer<typeof SalesOrderLine>

export const SalesOrder = z.object({
  ...RecordMeta,
  number: z.string(),
  status: SalesOrderStatus,
  contractId: Id,
  contractNumber: z.string(),
  contractName: z.string(),
  customerId: Id,
  customerName: z.string(),
  ...OwnerFields,
  deliveryDate: z.string().nullable(),
  consignee: z.string().nullable(),
  consigneePhone: z.string().nullable(),
  deliveryAddress: z.string().nullable(),
  remark: z.string().nullable(),
  lines: z.array(SalesOrderLine),
  subtotal: z.string(),
  taxTotal: z.string(),
  /** The order amount: the lines' tax-included totals. */
  total: z.string(),
  /** Shipped against ordered quantity over all lines, a whole percent (100 only when all shipped). */
  shippedPercent: z.number().int(),
  cancelReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string().nullable(),
  closeDate: z.string().nullable(),
  /** Closed under a rule that locks: edits need the rule's roles. */
  locked: z.boolean(),
})
export type SalesOrder = z.infer<typeof SalesOrder>

const OrderFields = {
  deliveryDate: DateOnly.nullable().optional(),
  consignee: optionalText(100),
  consigneePhone: optionalText(40),
  deliveryAddress: optionalText(300),
  remark: optionalText(2000),
  lines: z.array(SalesOrderLineInput).min(1).max(CONTRACT_LINES_MAX),
}

/**
 * A new order from an approved contract: the customer and contract are copied; consignee and
 * delivery default to the contract's; lines default to what is left of each contract line.
 */
export const SalesOrderCreate = z.strictObject({
  ...OrderFields,
  contractId: Id,
  lines: OrderFields.lines.optional(),
})
export type SalesOrderCreate = z.input<typeof SalesOrderCreate>

/** An edit; lines (pending or confirmed orders only) replace all of them. */
export const SalesOrderUpdate = z.strictObject({ ...OrderFields, lines: OrderFields.lines.optional() })
export type SalesOrderUpdate = z.input<typeof SalesOrderUpdate>

/** 批量修改 of sales orders: the delivery date, through the order's edit rule. */
export const SalesOrderBulkEdit = bulkEditOf(SalesOrderUpdate.pick({ deliveryDate: true }))
export type SalesOrderBulkEdit = z.input<typeof SalesOrderBulkEdit>

export const SalesOrderCancel = z.strictObject({ reason: z.string().trim().min(1).max(500) })
export type SalesOrderCancel = z.input<typeof SalesOrderCancel>

/**
 * 结单: the closing inputs the closure rule may require (`order`: closeNote, closeDate), and the
 * reason for closing although a precondition is unmet (强制结单, through `closure-override` approval).
 */
export const SalesOrderClose = z.strictObject({
  closeNote: optionalText(1000),
  closeDate: DateOnly.nullable().optional(),
  overrideReason: optionalText(500),
})
export type SalesOrderClose = z.input<typeof SalesOrderClose>

export const SalesOrderReopen = z.strictObject({ reason: z.string().trim().min(1).max(500) })
export type SalesOrderReopen = z.input<typeof SalesOrderReopen>

export const SalesOrderListQuery = PageQuery.extend({
  /** Number from its start, or any part of the customer's or the contract's name. */
  q: optionalText(100),
  status: SalesOrderStatus.optional(),
  customerId: Id.optional(),
  contractId: Id.optional(),
  ownerId: Id.optional(),
  ...CreatedRange,
})
export type SalesOrderListQuery = z.infer<typeof SalesOrderListQuery>

/** What is left to order of each product of a contract (its quantity less its live orders'). */
export const ContractRemaining = z.object({
  contractId: Id,
  lines: z.array(
    z.object({
      productId: Id,
      productName: z.string(),
      unit: z.string().nullable(),
      contracted: z.string(),
      ordered: z.string(),
      remaining: z.string(),
    }),
  ),
})
export type ContractRemaining = z.infer<typeof ContractRemaining>

// ── Shipments (物流单) ─────────────────────────────────────────────────────────────────────

/**
 * `in_transit` when recorded, `delivered` when the customer has it; `cancelled` (a wrong record)
 * gives its quantities back to the order. Only in-transit shipments may be cancelled.
 */
export const SHIPMENT_STATUSES = ['in_transit', 'delivered', 'cancelled'] as const
export const ShipmentStatus = z.enum(SHIPMENT_STATUSES)
export type ShipmentStatus = z.infer<typeof ShipmentStatus>

export const ShipmentItemInput = z.strictObject({ productId: Id, quantity: Quantity })
export const ShipmentItem = z.object({
  productId: Id,
  productName: z.string(),
  unit: z.string().nullable(),
  quantity: z.string(),
})
export type ShipmentItem = z.infer<typeof ShipmentItem>

export const ShipmentCreate = z.strictObject({
  /** Dictionary `courier_company`. */
  courier: dictValue,
  trackingNumber: z.string().trim().min(1).max(60),
  shippedDate: DateOnly,
  items: z.array(ShipmentItemInput).min(1).max(CONTRACT_LINES_MAX),
  remark: optionalText(500),
})
export type ShipmentCreate = z.input<typeof ShipmentCreate>

export const Shipment = z.object({
  id: Id,
  orderId: Id,
  status: ShipmentStatus,
  courier: z.string(),
  trackingNumber: z.string(),
  shippedDate: z.string(),
  items: z.array(ShipmentItem),
  remark: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
})
export type Shipment = z.infer<typeof Shipment>

export const ShipmentParams = z.object({ id: Id, shipmentId: Id })
