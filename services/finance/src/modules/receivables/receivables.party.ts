import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { businessToday, inScope, isUuid } from '@mosaic/service-kit'
import { lockReceivable, refreshReceivable } from './receivables.figures.js'

/**
 * The one home of "the receivable a document sits beneath" (decision 89): the party every
 * payment and invoice copies from its receivable, how a write reads and locks that receivable
 * within the caller's scope, and the business day its figures are refreshed for. Each document
 * module keeps its own rules on top (what is recordable, what is left to invoice).
 */

/** The contract and party a receivable, a payment and an invoice each carry (a snapshot on the documents). */
export interface PartyRow {
  contractId: string
  contractNumber: string
  customerId: string
  customerName: string
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
}

/** The entity columns of `PartyRow`, the same on every table that carries a party. */
export const partyColumns = {
  contractId: { type: 'uuid', name: 'contract_id' },
  contractNumber: { type: 'varchar', length: 40, name: 'contract_number' },
  customerId: { type: 'uuid', name: 'customer_id' },
  customerName: { type: 'varchar', length: 200, name: 'customer_name' },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
  ownerName: { type: 'varchar', length: 100, name: 'owner_name', nullable: true },
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
} as const

/** The party of `r` alone: what a document copies of its receivable when it is written. */
export const partyOf = (r: PartyRow): PartyRow => ({
  contractId: r.contractId,
  contractNumber: r.contractNumber,
  customerId: r.customerId,
  customerName: r.customerName,
  ownerId: r.ownerId,
  ownerName: r.ownerName,
  deptId: r.deptId,
})

/** What a document reads of its receivable: the party, the contract's name, its status and total. */
export interface ReceivableParty extends PartyRow {
  id: string
  contractName: string
  status: string
  total: string
}

/** The live receivable `id`; null when there is none (or `id` is no uuid) or it is outside the caller's scope. */
export async function visibleReceivable(
  m: EntityManager,
  principal: Principal | undefined,
  id: string,
): Promise<ReceivableParty | null> {
  if (!isUuid(id)) return null
  const [row] = (await m.query(
    `SELECT id, status, total::text, contract_id AS "contractId", contract_number AS "contractNumber",
            contract_name AS "contractName", customer_id AS "customerId", customer_name AS "customerName",
            owner_id AS "ownerId", owner_name AS "ownerName", dept_id AS "deptId"
       FROM receivable WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  )) as ReceivableParty[]
  if (!row || (principal && !inScope(principal, row, { owner: 'ownerId', dept: 'deptId' }))) return null
  return row
}

/**
 * Locks the receivable for the rest of the transaction, then reads it as `visibleReceivable`
 * does: the lock orders every write beneath one receivable, so two requests that together exceed
 * its total cannot both pass. `principal` undefined: no scope check (a decision, an event).
 */
export async function lockVisibleReceivable(m: EntityManager, principal: Principal | undefined, id: string) {
  return isUuid(id) && (await lockReceivable(m, id)) ? visibleReceivable(m, principal, id) : null
}

/**
 * Runs `work` with the receivable locked, then recomputes its figures (decision 76): the
 * pattern of every write beneath a receivable. The lock comes first, before any document row,
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
