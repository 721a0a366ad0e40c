import { orders } from '@mosaic/schemas'
import { attachmentPolicy, problem, RecordStore } from '@mosaic/service-kit'
import { ContractEntity, type ContractRow } from './contracts.entity.js'

/**
 * Sales contracts (销售合同): owner-scoped like quotes (a rep sees their own, a manager their
 * department, an admin all). Status, number, revision and owner move only by the service's actions.
 */
export const contracts = new RecordStore<ContractRow>({
  entityType: 'contract',
  entity: ContractEntity,
  title: (c) => `${c.number} ${c.name}`,
  systemFields: [
    'number',
    'status',
    'revision',
    'ownerId',
    'ownerName',
    'deptId',
    'endReason',
    'closedAt',
    'closedBy',
    'closeNote',
    'closeDate',
    'locked',
  ],
  internalFields: ['approvalRequestId', 'pendingClosure'],
  scope: { owner: 'ownerId', dept: 'deptId' },
  // An earlier version comes back only where an edit could bring it: in force, values change by approval.
  checkRestore: async (m, _ctx, _patch, id) => {
    const row = await contracts.find(m, id)
    if (row && !(orders.CONTRACT_EDITABLE_STATUSES as readonly string[]).includes(row.status))
      throw problem(409, 'orders.contract.not_editable')
  },
})

/** Contract scans: as visible as the contracts carrying them; PDF or images only. */
export const contractScans = attachmentPolicy([{ store: contracts }])
export const CONTRACT_SCAN_MEDIA_TYPES = Object.keys(orders.CONTRACT_SCAN_TYPES)
