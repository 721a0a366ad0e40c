import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { compareDecimal, leftOf } from '@mosaic/money'
import { fieldError, isUuid, validationFailed } from '@mosaic/service-kit'
import { lockVisibleReceivable, type ReceivableParty } from '../receivables/receivables.party.js'

/**
 * Locks receivable `id` for the rest of the transaction and reads it: the lock orders every
 * invoice write of one contract, so two requests that together exceed the total cannot both pass.
 * One the caller may not see is "unknown" on the field, as one that does not exist (never a leak).
 */
export async function lockBilledReceivable(
  m: EntityManager,
  principal: Principal | undefined,
  id: string,
): Promise<ReceivableParty> {
  const row = await lockVisibleReceivable(m, principal, id)
  if (!row) throw validationFailed([fieldError('receivableId', 'finance.invoice.receivable_unknown')])
  return row
}

/** Left to invoice: the total less every live, non-voided invoice (but `exceptId`), never below zero. */
export async function uninvoicedOf(m: EntityManager, r: ReceivableParty, exceptId?: string): Promise<string> {
  const [{ invoiced }] = await m.query(
    `SELECT coalesce(sum(amount), 0)::text AS invoiced FROM invoice
      WHERE receivable_id = $1 AND deleted_at IS NULL AND status <> 'voided' AND id IS DISTINCT FROM $2`,
    [r.id, exceptId ?? null],
  )
  return leftOf(r.total, invoiced)
}

/** A 400 field error `finance.invoice.exceeds_uninvoiced` {uninvoiced} on `amount` when `amount` is more than is left. */
export async function assertWithinUninvoiced(
  m: EntityManager,
  r: ReceivableParty,
  amount: string,
  exceptId?: string,
) {
  const uninvoiced = await uninvoicedOf(m, r, exceptId)
  if (compareDecimal(amount, uninvoiced) > 0)
    throw validationFailed([fieldError('amount', 'finance.invoice.exceeds_uninvoiced', { uninvoiced })])
}

/** An instalment of the receivable's plan that is not cancelled (null: the invoice bills none). */
export async function assertInstalment(m: EntityManager, receivableId: string, instalmentId: string | null) {
  if (!instalmentId) return
  const rows = isUuid(instalmentId)
    ? await m.query('SELECT 1 FROM instalment WHERE id = $1 AND receivable_id = $2 AND NOT cancelled', [
        instalmentId,
        receivableId,
      ])
    : []
  if (!rows.length) throw validationFailed([fieldError('instalmentId', 'finance.invoice.instalment_unknown')])
}

/** The seq of each instalment, by id, for the invoices' presentation (one query for a page). */
export async function instalmentSeqs(m: EntityManager, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map()
  const rows: Array<{ id: string; seq: number }> = await m.query(
    'SELECT id, seq FROM instalment WHERE id = ANY($1::uuid[])',
    [ids],
  )
  return new Map(rows.map((r) => [r.id, Number(r.seq)]))
}
