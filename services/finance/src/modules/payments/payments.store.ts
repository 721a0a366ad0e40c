import { RecordStore } from '@mosaic/service-kit'
import { PaymentEntity, type PaymentRow } from './payments.entity.js'

/**
 * Payments (回款): scoped by the receivable's owner and department as recorded (a rep sees the
 * payments of their own contracts, a manager their department's, finance all). Amount, status,
 * the party snapshot and the matched sum move only by the service's own actions.
 */
export const payments = new RecordStore<PaymentRow>({
  entityType: 'payment',
  entity: PaymentEntity,
  title: (p) => `${p.number} ${p.customerName}`,
  systemFields: [
    'number',
    'receivableId',
    'contractId',
    'contractNumber',
    'customerId',
    'customerName',
    'ownerId',
    'ownerName',
    'deptId',
    'amount',
    'status',
    'decisionComment',
  ],
  internalFields: ['approvalRequestId', 'matched'],
  scope: { owner: 'ownerId', dept: 'deptId' },
})
