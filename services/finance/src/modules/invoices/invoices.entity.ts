import type { finance } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface InvoiceRow extends RecordBase {
  receivableId: string
  /** The receivable's contract and party as they were when the invoice was requested. */
  contractId: string
  contractNumber: string
  contractName: string
  customerId: string
  customerName: string
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
  instalmentId: string | null
  /** Dictionary `invoice_type`. */
  type: string
  title: string
  taxNumber: string | null
  /** numeric(18,2): read back as text. */
  amount: string
  status: finance.InvoiceStatus
  invoiceNumber: string | null
  /** date columns: read back as YYYY-MM-DD. */
  issueDate: string | null
  /** Dictionary `courier_company`. */
  courier: string | null
  trackingNumber: string | null
  mailedOn: string | null
  remark: string | null
  voidReason: string | null
}

const text = (length: number, name?: string) =>
  ({ type: 'varchar', length, nullable: true, ...(name ? { name } : {}) }) as const

export const InvoiceEntity = recordEntity<InvoiceRow>('Invoice', 'invoice', {
  receivableId: { type: 'uuid', name: 'receivable_id' },
  contractId: { type: 'uuid', name: 'contract_id' },
  contractNumber: { type: 'varchar', length: 40, name: 'contract_number' },
  contractName: { type: 'varchar', length: 200, name: 'contract_name' },
  customerId: { type: 'uuid', name: 'customer_id' },
  customerName: { type: 'varchar', length: 200, name: 'customer_name' },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
  ownerName: text(100, 'owner_name'),
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
  instalmentId: { type: 'uuid', name: 'instalment_id', nullable: true },
  type: { type: 'varchar', length: 40 },
  title: { type: 'varchar', length: 200 },
  taxNumber: text(40, 'tax_number'),
  amount: { type: 'numeric', precision: 18, scale: 2 },
  status: { type: 'varchar', length: 20 },
  invoiceNumber: text(40, 'invoice_number'),
  issueDate: { type: 'date', name: 'issue_date', nullable: true },
  courier: text(40),
  trackingNumber: text(60, 'tracking_number'),
  mailedOn: { type: 'date', name: 'mailed_on', nullable: true },
  remark: text(500),
  voidReason: text(500, 'void_reason'),
})
