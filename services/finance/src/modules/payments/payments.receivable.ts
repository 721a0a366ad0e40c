import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { dayToIsoDate, inScope, localDay } from '@mosaic/service-kit'
import { lockReceivable, refreshReceivable } from '../receivables/receivables.figures.js'

/**
 * What payments read of a receivable (the receivables module owns the table and its store): the
 * party and owner a payment copies, its status and total, and how much is still open to record.
 */
export interface ReceivableParty {
  id: string
  status: string
  total: string
  contractId: string
  contractNumber: string
  customerId: string
  customerName: string
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
}

/** The business day (YYYY-MM-DD) in the service's time zone: what decides overdue instalments. */
export const businessToday = (timeZone: string, now = new Date()) => dayToIsoDate(localDay(now, timeZone))

/** The receivable; null when there is none or it is outside the caller's scope. */
export async function visibleReceivable(
  m: EntityManager,
  principal: Principal | undefined,
  id: string,
): Promise<ReceivableParty | null> {
  const [row] = (await m.query(
    `SELECT id, status, total::text, contract_id AS "contractId", contract_number AS "contractNumber",
            customer_id AS "customerId", customer_name AS "customerName", owner_id AS "ownerId",
            owner_name AS "ownerName", dept_id AS "deptId"
       FROM receivable WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  )) as ReceivableParty[]
  if (!row || (principal && !inScope(principal, row, { owner: 'ownerId', dept: 'deptId' }))) return null
  return row
}

/** Locks the receivable, then reads it as `visibleReceivable` does. */
export async function lockVisibleReceivable(m: EntityManager, principal: Principal | undefined, id: string) {
  return (await lockReceivable(m, id)) ? visibleReceivable(m, principal, id) : null
}

/**
 * What may still be recorded against a receivable: total − confirmed − pending payments (a
 * payment waiting for approval holds its share), computed by Postgres in numeric, never below 0.
 * `except` leaves one payment out (the one being restored).
 */
export async function recordableOf(m: EntityManager, receivableId: string, except?: string): Promise<string> {
  const [row] = (await m.query(
    `SELECT greatest(r.total - coalesce((SELECT sum(p.amount) FROM payment p
         WHERE p.receivable_id = r.id AND p.deleted_at IS NULL AND p.status IN ('pending', 'confirmed')
           AND p.id IS DISTINCT FROM $2::uuid), 0), 0)::numeric(18,2)::text AS open
       FROM receivable r WHERE r.id = $1`,
    [receivableId, except ?? null],
  )) as Array<{ open: string }>
  return row?.open ?? '0.00'
}

/**
 * Runs `work` with the receivable locked, then recomputes its figures (decision 76): the
 * pattern of every write beneath a receivable. The lock comes first, before any payment row,
 * so concurrent writes on one receivable queue in the same order and never deadlock.
 */
export async function underReceivable<T>(
  m: EntityManager,
  receivableId: string,
  timeZone: string,
  work: () => Promise<T>,
): Promise<T> {
  await lockReceivable(m, receivableId)
  const result = await work()
  await refreshReceivable(m, receivableId, businessToday(timeZone))
  return result
}
