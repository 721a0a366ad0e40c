import type { finance } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'
import { partyColumns, type PartyRow } from '../receivables/receivables.party.js'

/** The party (and contract name) is the receivable's as it was when the invoice was requested. */
export interface InvoiceRow extends RecordBase, PartyRow {
  receivableId: string
  contractName: string
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
  ...partyColumns,
  receivableId: { type: 'uuid', name: 'receivable_id' },
  contractName: { type: 'varchar', length: 200, name: 'contract_name' },
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
