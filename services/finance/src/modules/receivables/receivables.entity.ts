import type { finance } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'
import { partyColumns, type PartyRow } from './receivables.party.js'

/**
 * A receivable (应收账款): the contract's snapshot as finance keeps it (refreshed by contract
 * events) and the figures `refreshReceivable` caches from the rows beneath it.
 */
export interface ReceivableRow extends RecordBase, PartyRow {
  contractName: string
  contractRevision: number
  /** date columns: read back as YYYY-MM-DD. */
  signDate: string | null
  startDate: string | null
  endDate: string | null
  status: finance.ReceivableStatus
  /** numeric(18,2) and numeric(5,2): read back as text. */
  total: string
  received: string
  invoiced: string
  prepayRatio: string | null
  prepayAmount: string
  prepayDueDate: string | null
  prepayStatus: finance.PrepayStatus
  retentionRatio: string | null
  retentionAmount: string
  retentionReleaseDate: string | null
  retentionStatus: finance.RetentionStatus
  warrantyMonths: number | null
  instalmentsPaid: number
  instalmentCount: number
  overdue: boolean
  overdueAmount: string
  paymentCount: number
  invoiceCount: number
  invoiceType: string | null
  invoiceTitle: string | null
  invoiceTaxNumber: string | null
  progressedAt: Date | null
}

const text = (length: number, name: string) => ({ type: 'varchar', length, name, nullable: true }) as const
const money = (name?: string) =>
  ({ type: 'numeric', precision: 18, scale: 2, ...(name ? { name } : {}) }) as const
const ratio = (name: string) => ({ type: 'numeric', precision: 5, scale: 2, name, nullable: true }) as const
const date = (name: string) => ({ type: 'date', name, nullable: true }) as const
const status = (name: string) => ({ type: 'varchar', length: 20, name }) as const
const count = (name: string) => ({ type: 'int', name }) as const

export const ReceivableEntity = recordEntity<ReceivableRow>('Receivable', 'receivable', {
  ...partyColumns,
  contractName: { type: 'varchar', length: 200, name: 'contract_name' },
  contractRevision: { type: 'int', name: 'contract_revision' },
  signDate: date('sign_date'),
  startDate: date('start_date'),
  endDate: date('end_date'),
  status: status('status'),
  total: money(),
  received: money(),
  invoiced: money(),
  prepayRatio: ratio('prepay_ratio'),
  prepayAmount: money('prepay_amount'),
  prepayDueDate: date('prepay_due_date'),
  prepayStatus: status('prepay_status'),
  retentionRatio: ratio('retention_ratio'),
  retentionAmount: money('retention_amount'),
  retentionReleaseDate: date('retention_release_date'),
  retentionStatus: status('retention_status'),
  warrantyMonths: { type: 'int', name: 'warranty_months', nullable: true },
  instalmentsPaid: count('instalments_paid'),
  instalmentCount: count('instalment_count'),
  overdue: { type: 'boolean' },
  overdueAmount: money('overdue_amount'),
  paymentCount: count('payment_count'),
  invoiceCount: count('invoice_count'),
  invoiceType: text(40, 'invoice_type'),
  invoiceTitle: text(200, 'invoice_title'),
  invoiceTaxNumber: text(40, 'invoice_tax_number'),
  progressedAt: { type: 'timestamptz', name: 'progressed_at', nullable: true },
})
