import type { Attachment, orders } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'
import type { ClosableRow, PendingClosure } from '../closure/closure.js'

export interface ContractRow extends RecordBase, ClosableRow {
  number: string
  status: orders.ContractStatus
  /** 0 until first approved; +1 with each approved change. */
  revision: number
  /** The submission the contract waits on while `pending` (the approval kit's guard). */
  approvalRequestId: string | null
  name: string
  customerId: string
  customerName: string
  contactId: string | null
  contactName: string | null
  contactPhone: string | null
  quoteId: string | null
  quoteNumber: string | null
  paymentMethod: string | null
  /** numeric(5,2): read back as text. */
  prepayRatio: string | null
  retentionRatio: string | null
  warrantyMonths: number | null
  invoiceType: string | null
  invoiceTitle: string | null
  invoiceTaxNumber: string | null
  invoiceAddressPhone: string | null
  invoiceBank: string | null
  invoiceAccount: string | null
  /** date columns: read back as YYYY-MM-DD. */
  deliveryDate: string | null
  consignee: string | null
  consigneePhone: string | null
  deliveryAddress: string | null
  signDate: string | null
  startDate: string | null
  endDate: string | null
  remark: string | null
  attachments: Attachment[]
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
  lines: orders.ContractLine[]
  /** numeric(18,2): read back as text. */
  subtotal: string
  taxTotal: string
  total: string
  endReason: string | null
  closedAt: Date | null
  closedBy: string | null
  closeNote: string | null
  closeDate: string | null
  /** Closed under a rule that locks. */
  locked: boolean
  /** The close waiting for approval while `closing`. */
  pendingClosure: PendingClosure | null
}

const text = (length: number, name?: string) =>
  ({ type: 'varchar', length, nullable: true, ...(name ? { name } : {}) }) as const

export const ContractEntity = recordEntity<ContractRow>('Contract', 'contract', {
  number: { type: 'varchar', length: 40 },
  status: { type: 'varchar', length: 20 },
  revision: { type: 'int' },
  approvalRequestId: { type: 'uuid', name: 'approval_request_id', nullable: true },
  name: { type: 'varchar', length: 200 },
  customerId: { type: 'uuid', name: 'customer_id' },
  customerName: { type: 'varchar', length: 200, name: 'customer_name' },
  contactId: { type: 'uuid', name: 'contact_id', nullable: true },
  contactName: text(100, 'contact_name'),
  contactPhone: text(40, 'contact_phone'),
  quoteId: { type: 'uuid', name: 'quote_id', nullable: true },
  quoteNumber: text(40, 'quote_number'),
  paymentMethod: text(40, 'payment_method'),
  prepayRatio: { type: 'numeric', precision: 5, scale: 2, name: 'prepay_ratio', nullable: true },
  retentionRatio: { type: 'numeric', precision: 5, scale: 2, name: 'retention_ratio', nullable: true },
  warrantyMonths: { type: 'int', name: 'warranty_months', nullable: true },
  invoiceType: text(40, 'invoice_type'),
  invoiceTitle: text(200, 'invoice_title'),
  invoiceTaxNumber: text(40, 'invoice_tax_number'),
  invoiceAddressPhone: text(300, 'invoice_address_phone'),
  invoiceBank: text(200, 'invoice_bank'),
  invoiceAccount: text(60, 'invoice_account'),
  deliveryDate: { type: 'date', name: 'delivery_date', nullable: true },
  consignee: text(100),
  consigneePhone: text(40, 'consignee_phone'),
  deliveryAddress: text(300, 'delivery_address'),
  signDate: { type: 'date', name: 'sign_date', nullable: true },
  startDate: { type: 'date', name: 'start_date', nullable: true },
  endDate: { type: 'date', name: 'end_date', nullable: true },
  remark: { type: 'text', nullable: true },
  attachments: { type: 'jsonb' },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
  ownerName: text(100, 'owner_name'),
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
  lines: { type: 'jsonb' },
  subtotal: { type: 'numeric', precision: 18, scale: 2 },
  taxTotal: { type: 'numeric', precision: 18, scale: 2, name: 'tax_total' },
  total: { type: 'numeric', precision: 18, scale: 2 },
  endReason: { type: 'text', name: 'end_reason', nullable: true },
  closedAt: { type: 'timestamptz', name: 'closed_at', nullable: true },
  closedBy: text(100, 'closed_by'),
  closeNote: { type: 'text', name: 'close_note', nullable: true },
  closeDate: { type: 'date', name: 'close_date', nullable: true },
  locked: { type: 'boolean', default: false },
  pendingClosure: { type: 'jsonb', name: 'pending_closure', nullable: true },
})
