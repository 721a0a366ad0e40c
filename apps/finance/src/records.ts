import { finance } from '@mosaic/schemas'
import { field, registerRecordTypes, type RecordTypeSpec } from '@mosaic/ui/records'
import { DICT } from './constants'

/**
 * Finance record types as every history view shows them (the drawers' 操作记录, admin's audit search):
 * each field once with its label and kind; derived names, links and bookkeeping are left out.
 */
const optionsOf = (prefix: string, values: readonly string[]) =>
  Object.fromEntries(values.map((v) => [v, `${prefix}.${v}`]))
const owner = { ownerId: field.user('finance.common.owner', 'ownerName'), deptId: field.hidden }

export const financeRecordTypes: Record<string, RecordTypeSpec> = {
  receivable: {
    service: 'finance',
    label: 'finance.entityTypes.receivable',
    link: (id) => `/finance/receivables?open=${id}`,
    fields: {
      ...owner,
      contractNumber: field.text('finance.receivable.contractNumber'),
      customerName: field.text('finance.receivable.customer'),
      status: field.enum(
        'finance.common.status',
        optionsOf('finance.receivable.statuses', finance.RECEIVABLE_STATUSES),
      ),
      total: field.money('finance.receivable.total'),
      received: field.money('finance.receivable.received'),
      outstanding: field.money('finance.receivable.outstanding'),
      invoiced: field.money('finance.receivable.invoiced'),
      prepayStatus: field.enum(
        'finance.receivable.prepay',
        optionsOf('finance.receivable.prepayStatuses', finance.PREPAY_STATUSES),
      ),
      retentionStatus: field.enum(
        'finance.receivable.retention',
        optionsOf('finance.receivable.retentionStatuses', finance.RETENTION_STATUSES),
      ),
      signDate: field.date('finance.receivable.signDate'),
    },
  },
  payment: {
    service: 'finance',
    label: 'finance.entityTypes.payment',
    link: (id) => `/finance/payments?open=${id}`,
    fields: {
      ...owner,
      number: field.text('finance.payment.number'),
      contractNumber: field.text('finance.payment.contract'),
      customerName: field.text('finance.payment.customer'),
      amount: field.money('finance.payment.amount'),
      paidOn: field.date('finance.payment.paidOn'),
      method: field.dict(DICT.paymentMethod, 'finance.payment.method'),
      payer: field.text('finance.payment.payer'),
      reference: field.text('finance.payment.reference'),
      note: field.text('finance.payment.note'),
      status: field.enum(
        'finance.payment.status',
        optionsOf('finance.payment.statuses', finance.PAYMENT_STATUSES),
      ),
      matched: field.money('finance.payment.matched'),
      commissionSettled: field.boolean('finance.payment.settled'),
      decisionComment: field.text('finance.payment.decisionComment'),
    },
  },
  invoice: {
    service: 'finance',
    label: 'finance.entityTypes.invoice',
    link: (id) => `/finance/invoices?open=${id}`,
    fields: {
      ...owner,
      contractNumber: field.text('finance.invoice.contract'),
      customerName: field.text('finance.invoice.customer'),
      type: field.dict(DICT.invoiceType, 'finance.invoice.type'),
      title: field.text('finance.invoice.titleField'),
      taxNumber: field.text('finance.invoice.taxNumber'),
      amount: field.money('finance.invoice.amount'),
      status: field.enum(
        'finance.invoice.status',
        optionsOf('finance.invoice.statuses', finance.INVOICE_STATUSES),
      ),
      invoiceNumber: field.text('finance.invoice.invoiceNumber'),
      issueDate: field.date('finance.invoice.issueDate'),
      courier: field.dict(DICT.courier, 'finance.invoice.courier'),
      trackingNumber: field.text('finance.invoice.trackingNumber'),
      mailedOn: field.date('finance.invoice.mailedOn'),
      remark: field.text('finance.invoice.remark'),
      voidReason: field.text('finance.invoice.voidReason'),
    },
  },
}

registerRecordTypes(financeRecordTypes)
