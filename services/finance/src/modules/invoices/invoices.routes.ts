import { finance } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database, type DomainDeps } from '@mosaic/service-kit'
import { invoices } from './invoices.store.js'
import {
  createInvoice,
  issueInvoice,
  listInvoices,
  mailInvoice,
  presentInvoice,
  removeInvoice,
  restoreInvoice,
  updateInvoice,
  voidInvoice,
} from './invoices.service.js'

export function registerInvoiceRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  registerAggregate(api, {
    resource: 'finance.invoice',
    path: '/invoices',
    db,
    store: invoices,
    response: finance.Invoice,
    present: (m, row) => presentInvoice(m, row),
    list: {
      summary:
        'Invoices in the caller’s data scope, newest first (q: customer name, contract or invoice number)',
      query: finance.InvoiceListQuery,
      run: (m, ctx, query) => listInvoices(m, ctx, query),
    },
    create: {
      summary: 'Request an invoice (申请开票) against a receivable, within what is left to invoice',
      body: finance.InvoiceCreate,
      run: (m, ctx, body) => createInvoice(m, ctx, deps, body),
    },
    update: {
      body: finance.InvoiceUpdate,
      apply: (m, ctx, id, version, body) =>
        updateInvoice(m, { ...ctx, principal: ctx.principal! }, deps, id, version, body),
    },
    remove: (m, ctx, id, version) => removeInvoice(m, ctx, deps, id, version),
    bulk: { edit: finance.InvoiceBulkEdit },
    restore: (m, ctx, id) => restoreInvoice(m, ctx, deps, id),
    actions: {
      issue: {
        summary: 'Issue (开具) a requested invoice: the printed number and date',
        access: 'update',
        body: finance.InvoiceIssue,
        run: (m, ctx, id, version, body) => issueInvoice(m, ctx, deps, id, version, body),
      },
      mail: {
        summary: 'Mail (邮寄) an issued invoice: courier and tracking number',
        access: 'update',
        body: finance.InvoiceMail,
        run: (m, ctx, id, version, body) => mailInvoice(m, ctx, deps, id, version, body),
      },
      void: {
        summary: 'Void (作废) an invoice, with a reason; its amount is no longer invoiced',
        body: finance.InvoiceVoid,
        run: (m, ctx, id, version, body) => voidInvoice(m, ctx, deps, id, version, body),
      },
    },
  })
}
