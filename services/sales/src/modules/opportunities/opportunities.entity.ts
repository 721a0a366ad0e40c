import type { sales } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

/** A close as requested, applied as it is once approved. */
export interface PendingClosure {
  outcome: 'won' | 'lost' | 'invalid'
  lostReason: string | null
  closeNote: string | null
  closeDate: string
  requestedById: string | null
  requestedByName: string | null
}

export interface OpportunityRow extends RecordBase {
  name: string
  customerId: string
  customerName: string
  contactId: string | null
  contactName: string | null
  stage: string
  probability: number
  source: string | null
  type: string | null
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
  /** numeric(18,2): the pg driver returns a string, never a float. */
  expectedAmount: string | null
  /** A calendar date, YYYY-MM-DD. */
  expectedCloseDate: string | null
  products: sales.OpportunityLine[]
  remark: string | null
  status: sales.OpportunityStatus
  closedAt: Date | null
  closedBy: string | null
  closeNote: string | null
  closeDate: string | null
  lostReason: string | null
  locked: boolean
  /** While `closing`: the close waiting for approval (decision 64). */
  pendingClosure: PendingClosure | null
  /** The approval submission the opportunity waits on while `closing`. */
  approvalRequestId: string | null
  lastFollowUpAt: Date | null
  nextFollowUpAt: Date | null
  leadId: string | null
}

export const OpportunityEntity = recordEntity<OpportunityRow>('Opportunity', 'opportunity', {
  name: { type: 'varchar', length: 100 },
  customerId: { type: 'uuid', name: 'customer_id' },
  customerName: { type: 'varchar', length: 100, name: 'customer_name' },
  contactId: { type: 'uuid', name: 'contact_id', nullable: true },
  contactName: { type: 'varchar', length: 60, name: 'contact_name', nullable: true },
  stage: { type: 'varchar', length: 40 },
  probability: { type: 'int' },
  source: { type: 'varchar', length: 40, nullable: true },
  type: { type: 'varchar', length: 40, nullable: true },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
  ownerName: { type: 'varchar', length: 100, name: 'owner_name', nullable: true },
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
  expectedAmount: { type: 'numeric', precision: 18, scale: 2, name: 'expected_amount', nullable: true },
  expectedCloseDate: { type: 'date', name: 'expected_close_date', nullable: true },
  products: { type: 'jsonb' },
  remark: { type: 'text', nullable: true },
  status: { type: 'varchar', length: 10 },
  closedAt: { type: 'timestamptz', name: 'closed_at', nullable: true },
  closedBy: { type: 'varchar', length: 100, name: 'closed_by', nullable: true },
  closeNote: { type: 'text', name: 'close_note', nullable: true },
  closeDate: { type: 'date', name: 'close_date', nullable: true },
  lostReason: { type: 'varchar', length: 40, name: 'lost_reason', nullable: true },
  locked: { type: 'boolean' },
  pendingClosure: { type: 'jsonb', name: 'pending_closure', nullable: true },
  approvalRequestId: { type: 'uuid', name: 'approval_request_id', nullable: true },
  lastFollowUpAt: { type: 'timestamptz', name: 'last_followup_at', nullable: true },
  nextFollowUpAt: { type: 'timestamptz', name: 'next_followup_at', nullable: true },
  leadId: { type: 'uuid', name: 'lead_id', nullable: true },
})
