import type { sales } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface LeadRow extends RecordBase {
  number: string
  name: string
  contactName: string | null
  phone: string | null
  email: string | null
  source: string | null
  status: sales.LeadStatus
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
  address: string | null
  industry: string | null
  remark: string | null
  lastFollowUpAt: Date | null
  nextFollowUpAt: Date | null
  invalidReason: string | null
  convertedAt: Date | null
  convertedCustomerId: string | null
  convertedContactId: string | null
  convertedOpportunityId: string | null
}

export const LeadEntity = recordEntity<LeadRow>('Lead', 'lead', {
  number: { type: 'varchar', length: 40 },
  name: { type: 'varchar', length: 100 },
  contactName: { type: 'varchar', length: 60, name: 'contact_name', nullable: true },
  phone: { type: 'varchar', length: 30, nullable: true },
  email: { type: 'varchar', length: 120, nullable: true },
  source: { type: 'varchar', length: 40, nullable: true },
  status: { type: 'varchar', length: 20 },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
  ownerName: { type: 'varchar', length: 100, name: 'owner_name', nullable: true },
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
  address: { type: 'varchar', length: 200, nullable: true },
  industry: { type: 'varchar', length: 40, nullable: true },
  remark: { type: 'text', nullable: true },
  lastFollowUpAt: { type: 'timestamptz', name: 'last_followup_at', nullable: true },
  nextFollowUpAt: { type: 'timestamptz', name: 'next_followup_at', nullable: true },
  invalidReason: { type: 'varchar', length: 500, name: 'invalid_reason', nullable: true },
  convertedAt: { type: 'timestamptz', name: 'converted_at', nullable: true },
  convertedCustomerId: { type: 'uuid', name: 'converted_customer_id', nullable: true },
  convertedContactId: { type: 'uuid', name: 'converted_contact_id', nullable: true },
  convertedOpportunityId: { type: 'uuid', name: 'converted_opportunity_id', nullable: true },
})
