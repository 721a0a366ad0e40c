import { RecordStore } from '@mosaic/service-kit'
import { FollowUpEntity, type FollowUpRow } from './followups.entity.js'
import { presentFollowUp } from './followups.present.js'

/** A follow-up is seen by whoever sees its target: same owner and department, and the target's team. */
export const followups = new RecordStore<FollowUpRow>({
  entityType: 'followup',
  entity: FollowUpEntity,
  title: (f) => `${f.subject} (${f.targetName})`,
  systemFields: [
    'targetType',
    'targetId',
    'targetName',
    'customerId',
    'customerName',
    'ownerId',
    'ownerName',
    'deptId',
    'createdByName',
  ],
  scope: { owner: 'ownerId', dept: 'deptId' },
  team: { typeField: 'targetType', idField: 'targetId' },
  present: async (_m, row) => presentFollowUp(row),
})
