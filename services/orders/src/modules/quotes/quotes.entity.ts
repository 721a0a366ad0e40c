import type { Attachment, orders } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface QuoteRow extends RecordBase {
  number: string
  status: orders.QuoteStatus
  customerId: string
  customerName: string
  contactId: string | null
  contactName: string | null
  contactPhone: string | null
  opportunityId: string | null
  opportunityName: string | null
  /** date: read back as YYYY-MM-DD. */
  validUntil: string | null
  remark: string | null
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
  lines: orders.QuoteLine[]
  attachments: Attachment[]
  /** numeric(18,2): read back as text. */
  subtotal: string
  taxTotal: string
  total: string
  /** The submission the quote waits on while `pending` (its decision is applied only for it). */
  approvalRequestId: string | null
}

export const QuoteEntity = recordEntity<QuoteRow>('Quote', 'quote', {
  number: { type: 'varchar', length: 40 },
  status: { type: 'varchar', length: 20 },
  customerId: { type: 'uuid', name: 'customer_id' },
  customerName: { type: 'varchar', length: 200, name: 'customer_name' },
  contactId: { type: 'uuid', name: 'contact_id', nullable: true },
  contactName: { type: 'varchar', length: 100, name: 'contact_name', nullable: true },
  contactPhone: { type: 'varchar', length: 40, name: 'contact_phone', nullable: true },
  opportunityId: { type: 'uuid', name: 'opportunity_id', nullable: true },
  opportunityName: { type: 'varchar', length: 200, name: 'opportunity_name', nullable: true },
  validUntil: { type: 'date', name: 'valid_until', nullable: true },
  remark: { type: 'text', nullable: true },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
  ownerName: { type: 'varchar', length: 100, name: 'owner_name', nullable: true },
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
  lines: { type: 'jsonb' },
  attachments: { type: 'jsonb' },
  subtotal: { type: 'numeric', precision: 18, scale: 2 },
  taxTotal: { type: 'numeric', precision: 18, scale: 2, name: 'tax_total' },
  total: { type: 'numeric', precision: 18, scale: 2 },
  approvalRequestId: { type: 'uuid', name: 'approval_request_id', nullable: true },
})
