import { problem, RecordStore } from '@mosaic/service-kit'
import { InvoiceEntity, type InvoiceRow } from './invoices.entity.js'

/**
 * Invoices (发票): scoped like the receivable they bill (its owner and department, copied when
 * requested). Everything but the editable request fields moves only by the service's actions, and
 * an amount never comes back by a version restore (it would skip the uninvoiced limit).
 */
export const invoices = new RecordStore<InvoiceRow>({
  entityType: 'invoice',
  entity: InvoiceEntity,
  title: (v) => `${v.contractNumber} ${v.title} ${v.amount}`,
  systemFields: [
    'receivableId',
    'contractId',
    'contractNumber',
    'contractName',
    'customerId',
    'customerName',
    'ownerId',
    'ownerName',
    'deptId',
    'instalmentId',
    'amount',
    'status',
    'invoiceNumber',
    'issueDate',
    'courier',
    'trackingNumber',
    'mailedOn',
    'voidReason',
  ],
  scope: { owner: 'ownerId', dept: 'deptId' },
  // An issued invoice is printed: its request fields stay as they were issued.
  checkRestore: async (m, _ctx, _patch, id) => {
    const row = await invoices.find(m, id)
    if (row && row.status !== 'requested') throw problem(409, 'finance.invoice.not_editable')
  },
})
