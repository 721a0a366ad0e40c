import { problem, RecordStore } from '@mosaic/service-kit'
import { ReceivableEntity, type ReceivableRow } from './receivables.entity.js'

/**
 * Receivables, owner-scoped like contracts (a rep sees their own, a manager their department, an
 * admin all). Finance makes and moves them from contract events and payments; no caller edits one.
 */
export const receivables = new RecordStore<ReceivableRow>({
  entityType: 'receivable',
  entity: ReceivableEntity,
  title: (r) => `${r.contractNumber} ${r.customerName}`,
  // The contract's snapshot: in the history (a contract change shows), changed only by its events.
  systemFields: [
    'contractId',
    'contractNumber',
    'contractName',
    'contractRevision',
    'customerId',
    'customerName',
    'ownerId',
    'ownerName',
    'deptId',
    'signDate',
    'startDate',
    'endDate',
    'status',
    'total',
    'prepayRatio',
    'retentionRatio',
    'warrantyMonths',
    'invoiceType',
    'invoiceTitle',
    'invoiceTaxNumber',
  ],
  // Figures `refreshReceivable` recomputes from the rows beneath: not the record's own state.
  internalFields: [
    'received',
    'invoiced',
    'prepayAmount',
    'prepayDueDate',
    'prepayStatus',
    'retentionAmount',
    'retentionReleaseDate',
    'retentionStatus',
    'instalmentsPaid',
    'instalmentCount',
    'overdue',
    'overdueAmount',
    'paymentCount',
    'invoiceCount',
    'progressedAt',
  ],
  scope: { owner: 'ownerId', dept: 'deptId' },
  // Its values come from the contract: an earlier version would contradict the contract and the money.
  checkRestore: async () => {
    throw problem(409, 'finance.receivable.system_managed')
  },
})
