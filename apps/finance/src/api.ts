import { finance, type Page, type RecycleBinItem } from '@mosaic/schemas'
import { financeRoutes as routes } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'
import type { ListParams } from '@mosaic/ui'

/** The finance service's calls the finance screens make; no URL is written here. */
export const call = contractCaller(api)

export type Versioned = { id: string; version: number }
export const byId = (id: string) => ({ params: { id } })
export const versioned = (r: Versioned) => ({ params: { id: r.id }, ifMatch: r.version })

/** A finance record's URL, which its audit trail and versions hang off. */
export const financeRecordPath = (resource: 'receivables' | 'payments' | 'invoices', id: string) =>
  `/api/finance/${resource}/${id}`

/**
 * Records a payment under `idempotencyKey`: the dialog makes one key when it opens and sends it
 * with every attempt, so a retry after a lost answer returns the first payment instead of a second.
 */
export const createPayment = (body: finance.PaymentCreate, idempotencyKey: string) =>
  call(routes.createPayment, { body, headers: { [finance.IDEMPOTENCY_KEY_HEADER]: idempotencyKey } })

/** The recycle bin's resource of each deleted finance record type. */
export const FINANCE_RESTORE_PATHS: Record<string, string> = { payment: 'payments', invoice: 'invoices' }

type Filters<Q> = ListParams & Partial<Omit<Q, 'limit' | 'page' | 'cursor'>>

export const financeApi = {
  listReceivables: (q: Filters<finance.ReceivableListQuery>) => call(routes.listReceivables, { query: q }),
  getReceivable: (id: string) => call(routes.getReceivable, byId(id)),
  plan: (id: string) => call(routes.getReceivablePlan, byId(id)),
  /** The whole plan, with If-Match on the receivable's version. */
  savePlan: (r: Versioned, body: finance.PlanUpdate) =>
    call(routes.updateReceivablePlan, { ...versioned(r), body }),

  listPayments: (q: Filters<finance.PaymentListQuery>) => call(routes.listPayments, { query: q }),
  getPayment: (id: string) => call(routes.getPayment, byId(id)),
  createPayment,
  updatePayment: (p: Versioned, body: finance.PaymentUpdate) =>
    call(routes.updatePayment, { ...versioned(p), body }),
  deletePayment: (p: Versioned) => call(routes.deletePayment, versioned(p)),
  bulkUpdatePayments: (body: finance.PaymentBulkUpdate) => call(routes.bulkUpdatePayments, { body }),
  writeoffs: (q: finance.WriteoffListQuery) => call(routes.listWriteoffs, { query: q }),
  writeOff: (p: Versioned, body: finance.WriteoffCreate) =>
    call(routes.writeOffPayment, { ...versioned(p), body }),
  reverseWriteoff: (id: string) => call(routes.reverseWriteoff, byId(id)),

  listInvoices: (q: Filters<finance.InvoiceListQuery>) => call(routes.listInvoices, { query: q }),
  getInvoice: (id: string) => call(routes.getInvoice, byId(id)),
  createInvoice: (body: finance.InvoiceCreate) => call(routes.createInvoice, { body }),
  updateInvoice: (i: Versioned, body: finance.InvoiceUpdate) =>
    call(routes.updateInvoice, { ...versioned(i), body }),
  deleteInvoice: (i: Versioned) => call(routes.deleteInvoice, versioned(i)),
  issueInvoice: (i: Versioned, body: finance.InvoiceIssue) =>
    call(routes.issueInvoice, { ...versioned(i), body }),
  mailInvoice: (i: Versioned, body: finance.InvoiceMail) =>
    call(routes.mailInvoice, { ...versioned(i), body }),
  voidInvoice: (i: Versioned, body: finance.InvoiceVoid) =>
    call(routes.voidInvoice, { ...versioned(i), body }),

  listStatementResponses: (q: Filters<finance.StatementResponseListQuery>) =>
    call(routes.listStatementResponses, { query: q }),
  /** A customer's statement for a period, as the portal shows it. */
  getStatement: (q: finance.StaffStatementQuery) => call(routes.getStatement, { query: q }),

  // The recycle bin page's calls (RecycleBinPage).
  recycleBin: (q: ListParams): Promise<Page<RecycleBinItem>> => call(routes.recycleBin, { query: q }),
  restore: (resource: string, id: string): Promise<unknown> => {
    if (resource === 'payments') return call(routes.restorePayment, byId(id))
    if (resource === 'invoices') return call(routes.restoreInvoice, byId(id))
    return Promise.reject(new Error(`finance: cannot restore "${resource}"`))
  },
  purge: (item: RecycleBinItem) =>
    call(routes.purge, { params: { entityType: item.entityType, id: item.id } }),
}

export { routes }
