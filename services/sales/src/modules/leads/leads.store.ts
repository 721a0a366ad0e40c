import { RecordStore } from '@mosaic/service-kit'
import { LeadEntity, type LeadRow } from './leads.entity.js'
import { presentLead } from './leads.present.js'

export const leads = new RecordStore<LeadRow>({
  entityType: 'lead',
  entity: LeadEntity,
  title: (l) => `${l.name} (${l.number})`,
  // Status moves only through advance / invalidate / convert, owners through assign / transfer.
  systemFields: [
    'number',
    'status',
    'ownerId',
    'ownerName',
    'deptId',
    'lastFollowUpAt',
    'invalidReason',
    'convertedAt',
    'convertedCustomerId',
    'convertedContactId',
    'convertedOpportunityId',
  ],
  scope: { owner: 'ownerId', dept: 'deptId' },
  present: async (_m, row) => presentLead(row),
})
