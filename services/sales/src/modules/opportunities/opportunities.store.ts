import { RecordStore } from '@mosaic/service-kit'
import { OpportunityEntity, type OpportunityRow } from './opportunities.entity.js'
import { assertModifiable } from './opportunities.lock.js'
import { presentOpportunity } from './opportunities.present.js'

/** What an open opportunity holds of a close: nothing (created open, or reopened). */
export const NOT_CLOSED = {
  closedAt: null,
  closedBy: null,
  closeNote: null,
  closeDate: null,
  lostReason: null,
  locked: false,
  pendingClosure: null,
  approvalRequestId: null,
} as const

export const opportunities = new RecordStore<OpportunityRow>({
  entityType: 'opportunity',
  entity: OpportunityEntity,
  title: (o) => `${o.name} (${o.customerName})`,
  // Closing, reopening, transfers and follow-ups have their own audited actions; a version restore
  // brings back what an edit may change, never an outcome or an owner.
  systemFields: [
    'customerId',
    'customerName',
    'ownerId',
    'ownerName',
    'deptId',
    'status',
    'closedAt',
    'closedBy',
    'closeNote',
    'closeDate',
    'lostReason',
    'locked',
    'lastFollowUpAt',
    'leadId',
  ],
  // The close waiting for approval is shown by the status and the submit's audit note.
  internalFields: ['pendingClosure', 'approvalRequestId'],
  scope: { owner: 'ownerId', dept: 'deptId' },
  team: true,
  // Bringing back an earlier version is an edit: a closed, locked opportunity refuses it the same way.
  checkRestore: async (m, ctx, _patch, id) =>
    assertModifiable(m, ctx, await m.getRepository(OpportunityEntity).findOneByOrFail({ id })),
  present: async (_m, row) => presentOpportunity(row),
})
