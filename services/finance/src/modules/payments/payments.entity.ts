import type { finance } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface PaymentRow extends RecordBase {
  number: string
  receivableId: string
  /** Snapshot of the receivable's contract, customer and owner when recorded. */
  contractId: string
  contractNumber: string
  customerId: string
  customerName: string
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
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
  number: { type: 'varchar', length: 40 },
  receivableId: { type: 'uuid', name: 'receivable_id' },
  contractId: { type: 'uuid', name: 'contract_id' },
  contractNumber: { type: 'varchar', length: 40, name: 'contract_number' },
  customerId: { type: 'uuid', name: 'customer_id' },
  customerName: { type: 'varchar', length: 200, name: 'customer_name' },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
  ownerName: text(100, 'owner_name'),
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
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
