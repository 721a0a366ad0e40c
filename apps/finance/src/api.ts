import { finance } from '@mosaic/schemas'
import { financeRoutes as routes } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'

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

export { routes }
