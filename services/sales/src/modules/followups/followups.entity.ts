import type { sales } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface FollowUpRow extends RecordBase {
  targetType: sales.FollowUpTarget
  targetId: string
  targetName: string
  customerId: string | null
  customerName: string
  subject: string
  method: string
  content: string
  contactedAt: Date
  nextFollowUpAt: Date | null
  nextPlan: string | null
  contactId: string | null
  contactName: string | null
  attachments: sales.Attachment[]
  /** Who wrote it (`createdBy` is their id); null for follow-ups written before this was kept. */
  createdByName: string | null
  /** Inherited from the target, so whoever sees the target sees its follow-ups. */
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
}

export const FollowUpEntity = recordEntity<FollowUpRow>('FollowUp', 'followup', {
  targetType: { type: 'varchar', length: 20, name: 'target_type' },
  targetId: { type: 'uuid', name: 'target_id' },
  targetName: { type: 'varchar', length: 100, name: 'target_name' },
  customerId: { type: 'uuid', name: 'customer_id', nullable: true },
  customerName: { type: 'varchar', length: 100, name: 'customer_name' },
  subject: { type: 'varchar', length: 120 },
  method: { type: 'varchar', length: 40 },
  content: { type: 'text' },
  contactedAt: { type: 'timestamptz', name: 'contacted_at' },
  nextFollowUpAt: { type: 'timestamptz', name: 'next_followup_at', nullable: true },
  nextPlan: { type: 'text', name: 'next_plan', nullable: true },
  contactId: { type: 'uuid', name: 'contact_id', nullable: true },
  contactName: { type: 'varchar', length: 60, name: 'contact_name', nullable: true },
  attachments: { type: 'jsonb' },
  createdByName: { type: 'varchar', length: 100, name: 'created_by_name', nullable: true },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
  ownerName: { type: 'varchar', length: 100, name: 'owner_name', nullable: true },
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
})
