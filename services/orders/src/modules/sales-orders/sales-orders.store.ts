import { problem, RecordStore } from '@mosaic/service-kit'
import { assertWithinContract } from './sales-orders.quantities.js'
import { SalesOrderEntity, type SalesOrderRow } from './sales-orders.entity.js'

/**
 * Sales orders (销售订单): owner-scoped like contracts (a rep sees their own, a manager their
 * department, an admin all). Lines, figures, status, shipping progress and closure move only by
 * the service's actions, so a version restore brings back delivery details and the remark only.
 */
export const salesOrders = new RecordStore<SalesOrderRow>({
  entityType: 'sales_order',
  entity: SalesOrderEntity,
  title: (o) => `${o.number} ${o.customerName}`,
  systemFields: [
    'number',
    'status',
    'contractId',
    'contractNumber',
    'contractName',
    'customerId',
    'customerName',
    'ownerId',
    'ownerName',
    'deptId',
    'lines',
    'subtotal',
    'taxTotal',
    'total',
    'shippedPercent',
    'cancelReason',
    'closedAt',
    'closedBy',
    'closeNote',
    'closeDate',
    'locked',
  ],
  internalFields: ['pendingClosure', 'approvalRequestId'],
  scope: { owner: 'ownerId', dept: 'deptId' },
  // A cancelled or closed order keeps its details as they were.
  checkRestore: async (m, _ctx, _patch, id) => {
    const row = await salesOrders.find(m, id)
    if (row?.status === 'closing') throw problem(409, 'record.awaiting_approval')
    if (row && (row.status === 'cancelled' || row.status === 'completed'))
      throw problem(409, 'orders.order.not_editable')
  },
  // Out of the recycle bin, a live order counts against its contract again: the cap must still hold.
  onChange: async (m, row, action) => {
    if (action !== 'restore' || row.status === 'cancelled') return
    await assertWithinContract(m, row)
  },
})
