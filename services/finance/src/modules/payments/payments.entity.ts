import type { finance } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'
import { partyColumns, type PartyRow } from '../receivables/receivables.party.js'

/** The party is a snapshot of the receivable's contract, customer and owner when recorded. */
export interface PaymentRow extends RecordBase, PartyRow {
  number: string
  receivableId: string
  /** numeric(18,2): read back as text. */
  amount: string
  /** date: read back as YYYY-MM-DD. */
  paidOn: string
  method: string
  payer: string
  reference: string | null
  note: string | null
  status: finance.PaymentStatus
  /** Sum of the live write-offs, kept by refreshReceivable. */
  matched: string
  commissionSettled: boolean
  /** The submission the payment waits on while `pending` (the approval kit's guard). */
  approvalRequestId: string | null
  decisionComment: string | null
}

const text = (length: number, name?: string) =>
  ({ type: 'varchar', length, nullable: true, ...(name ? { name } : {}) }) as const
const money = (name?: string) =>
  ({ type: 'numeric', precision: 18, scale: 2, ...(name ? { name } : {}) }) as const

export const PaymentEntity = recordEntity<PaymentRow>('Payment', 'payment', {
  ...partyColumns,
  number: { type: 'varchar', length: 40 },
  receivableId: { type: 'uuid', name: 'receivable_id' },
  amount: money(),
  paidOn: { type: 'date', name: 'paid_on' },
  method: { type: 'varchar', length: 40 },
  payer: { type: 'varchar', length: 200 },
  reference: text(100),
  note: text(500),
  status: { type: 'varchar', length: 20 },
  matched: money(),
  commissionSettled: { type: 'boolean', name: 'commission_settled' },
  approvalRequestId: { type: 'uuid', name: 'approval_request_id', nullable: true },
  decisionComment: text(500, 'decision_comment'),
})
