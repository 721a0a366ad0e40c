import type { orders } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'
import type { PendingClosure } from '../closure/closure.js'

/** A close waiting for approval (decision 73; forced closes, decision 86): the closure module's. */
export type PendingOrderClosure = PendingClosure

export interface SalesOrderRow extends RecordBase {
  number: string
  status: orders.SalesOrderStatus
  contractId: string
  contractNumber: string
  contractName: string
  customerId: string
  customerName: string
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
  /** date columns: read back as YYYY-MM-DD. */
  deliveryDate: string | null
  consignee: string | null
  consigneePhone: string | null
  deliveryAddress: string | null
  remark: string | null
  lines: orders.SalesOrderLine[]
  /** numeric(18,2): read back as text. */
  subtotal: string
  taxTotal: string
  total: string
  shippedPercent: number
  cancelReason: string | null
  closedAt: Date | null
  closedBy: string | null
  closeNote: string | null
  closeDate: string | null
  locked: boolean
  /** While `closing`: the close waiting for approval (decision 73). */
  pendingClosure: PendingOrderClosure | null
  /** The approval submission the order waits on while `closing`. */
  approvalRequestId: string | null
}

const text = (length: number, name?: string) =>
  ({ type: 'varchar', length, nullable: true, ...(name ? { name } : {}) }) as const

export const SalesOrderEntity = recordEntity<SalesOrderRow>('SalesOrder', 'sales_order', {
  number: { type: 'varchar', length: 40 },
  status: { type: 'varchar', length: 20 },
  contractId: { type: 'uuid', name: 'contract_id' },
  contractNumber: { type: 'varchar', length: 40, name: 'contract_number' },
  contractName: { type: 'varchar', length: 200, name: 'contract_name' },
  customerId: { type: 'uuid', name: 'customer_id' },
  customerName: { type: 'varchar', length: 200, name: 'customer_name' },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
  ownerName: text(100, 'owner_name'),
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
  deliveryDate: { type: 'date', name: 'delivery_date', nullable: true },
  consignee: text(100),
  consigneePhone: text(40, 'consignee_phone'),
  deliveryAddress: text(300, 'delivery_address'),
  remark: { type: 'text', nullable: true },
  lines: { type: 'jsonb' },
  subtotal: { type: 'numeric', precision: 18, scale: 2 },
  taxTotal: { type: 'numeric', precision: 18, scale: 2, name: 'tax_total' },
  total: { type: 'numeric', precision: 18, scale: 2 },
  shippedPercent: { type: 'int', name: 'shipped_percent' },
  cancelReason: { type: 'text', name: 'cancel_reason', nullable: true },
  closedAt: { type: 'timestamptz', name: 'closed_at', nullable: true },
  closedBy: text(100, 'closed_by'),
  closeNote: { type: 'text', name: 'close_note', nullable: true },
  closeDate: { type: 'date', name: 'close_date', nullable: true },
  locked: { type: 'boolean' },
  pendingClosure: { type: 'jsonb', name: 'pending_closure', nullable: true },
  approvalRequestId: { type: 'uuid', name: 'approval_request_id', nullable: true },
})
