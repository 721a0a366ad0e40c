import { z } from 'zod'
import { AuditEntry, pageOf, RecycleBinItem } from '../common.js'
import * as finance from '../finance/index.js'
import { BulkResult } from '../sales/common.js'
import { defineRoutes } from './contract.js'
import { bulkRoutesOf, dashboardRouteOf, exchangeRoutesOf, prefixed } from './workbench.js'

/**
 * The finance service's routes the apps call (`/api/finance/*`), by client method. Receivables are
 * made by finance from contract events, never created by a caller. `createPayment` requires the
 * `Idempotency-Key` header (`finance.IDEMPOTENCY_KEY_HEADER`).
 */
export const financeRoutes = defineRoutes({
  listReceivables: {
    method: 'get',
    path: '/api/finance/receivables',
    query: finance.ReceivableListQuery,
    response: pageOf(finance.Receivable),
  },
  getReceivable: { method: 'get', path: '/api/finance/receivables/:id', response: finance.Receivable },
  getReceivablePlan: {
    method: 'get',
    path: '/api/finance/receivables/:id/plan',
    response: finance.ReceivablePlan,
  },
  updateReceivablePlan: {
    method: 'put',
    path: '/api/finance/receivables/:id/plan',
    body: finance.PlanUpdate,
    response: finance.ReceivablePlan,
  },
  receivableAudit: {
    method: 'get',
    path: '/api/finance/receivables/:id/audit',
    response: pageOf(AuditEntry),
  },

  listPayments: {
    method: 'get',
    path: '/api/finance/payments',
    query: finance.PaymentListQuery,
    response: pageOf(finance.Payment),
  },
  getPayment: { method: 'get', path: '/api/finance/payments/:id', response: finance.Payment },
  createPayment: {
    method: 'post',
    path: '/api/finance/payments',
    body: finance.PaymentCreate,
    response: finance.Payment,
  },
  updatePayment: {
    method: 'patch',
    path: '/api/finance/payments/:id',
    body: finance.PaymentUpdate,
    response: finance.Payment,
  },
  deletePayment: { method: 'delete', path: '/api/finance/payments/:id' },
  restorePayment: { method: 'post', path: '/api/finance/payments/:id/restore' },
  paymentAudit: { method: 'get', path: '/api/finance/payments/:id/audit', response: pageOf(AuditEntry) },
  bulkUpdatePayments: {
    method: 'post',
    path: '/api/finance/payments/bulk-update',
    body: finance.PaymentBulkUpdate,
    response: BulkResult,
  },
  listWriteoffs: {
    method: 'get',
    path: '/api/finance/writeoffs',
    query: finance.WriteoffListQuery,
    response: z.array(finance.Writeoff),
  },
  writeOffPayment: {
    method: 'post',
    path: '/api/finance/payments/:id/writeoffs',
    body: finance.WriteoffCreate,
    response: z.array(finance.Writeoff),
  },
  reverseWriteoff: {
    method: 'post',
    path: '/api/finance/writeoffs/:id/reverse',
    response: finance.Writeoff,
  },

  listInvoices: {
    method: 'get',
    path: '/api/finance/invoices',
    query: finance.InvoiceListQuery,
    response: pageOf(finance.Invoice),
  },
  getInvoice: { method: 'get', path: '/api/finance/invoices/:id', response: finance.Invoice },
  createInvoice: {
    method: 'post',
    path: '/api/finance/invoices',
    body: finance.InvoiceCreate,
    response: finance.Invoice,
  },
  updateInvoice: {
    method: 'patch',
    path: '/api/finance/invoices/:id',
    body: finance.InvoiceUpdate,
    response: finance.Invoice,
  },
  deleteInvoice: { method: 'delete', path: '/api/finance/invoices/:id' },
  restoreInvoice: { method: 'post', path: '/api/finance/invoices/:id/restore' },
  issueInvoice: {
    method: 'post',
    path: '/api/finance/invoices/:id/issue',
    body: finance.InvoiceIssue,
    response: finance.Invoice,
  },
  mailInvoice: {
    method: 'post',
    path: '/api/finance/invoices/:id/mail',
    body: finance.InvoiceMail,
    response: finance.Invoice,
  },
  voidInvoice: {
    method: 'post',
    path: '/api/finance/invoices/:id/void',
    body: finance.InvoiceVoid,
    response: finance.Invoice,
  },
  invoiceAudit: { method: 'get', path: '/api/finance/invoices/:id/audit', response: pageOf(AuditEntry) },

  /** A customer's reconciliation statement as the portal shows it, and the portal's answers to them. */
  getStatement: {
    method: 'get',
    path: '/api/finance/statements',
    query: finance.StaffStatementQuery,
    response: finance.Statement,
  },
  listStatementResponses: {
    method: 'get',
    path: '/api/finance/statement-responses',
    query: finance.StatementResponseListQuery,
    response: pageOf(finance.StatementResponseListItem),
  },
  audit: { method: 'get', path: '/api/finance/audit', response: pageOf(AuditEntry) },
  recycleBin: { method: 'get', path: '/api/finance/recycle-bin', response: pageOf(RecycleBinItem) },
  purge: { method: 'delete', path: '/api/finance/recycle-bin/:entityType/:id' },

  // 8/8: import/export, bulk and the dashboard (contracts/workbench.ts); payments' bulk edit is bulkUpdatePayments
  ...prefixed('payments', exchangeRoutesOf('/api/finance/payments')),
  paymentsBulkDelete: bulkRoutesOf('/api/finance/payments').BulkDelete,
  ...prefixed('invoices', bulkRoutesOf('/api/finance/invoices', finance.InvoiceBulkEdit)),
  ...dashboardRouteOf('finance'),
})
