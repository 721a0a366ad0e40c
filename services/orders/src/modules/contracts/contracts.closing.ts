import type { EntityManager } from 'typeorm'
import { compareDecimal } from '@mosaic/money'
import { can } from '@mosaic/permissions'
import type { orders } from '@mosaic/schemas'
import {
  assertNotAwaitingApproval,
  fieldError,
  problem,
  publishEvent,
  validationFailed,
  type AggregateContext,
  type ApprovalDecisionHandler,
  type ClosurePrecondition,
  type DomainDeps,
} from '@mosaic/service-kit'
import { closeRecord, closureDecision, CLOSING, reopenRecord, type Closable } from '../closure/closure.js'
import { receivableOf } from '../receivables/receivables.js'
import { openTicketNumbers } from '../tickets/contract-tickets.js'
import type { ContractRow } from './contracts.entity.js'
import { contracts } from './contracts.store.js'

const ZERO = '0.00'
const IN_FORCE = 'approved'
/** How many open ticket numbers the refusal names (the count says how many there are in all). */
const TICKET_NUMBERS_SHOWN = 10

/**
 * What must hold before a contract closes (结单), each in words when it does not: collected in
 * full and invoiced in full, by finance's latest figures (none yet: nothing collected or
 * invoiced); and no open ticket about it, by the tickets service's latest reports (decision 101).
 */
export async function contractPreconditions(
  m: EntityManager,
  row: ContractRow,
): Promise<ClosurePrecondition[]> {
  const money = await receivableOf(m, row.id)
  const received = money?.received ?? ZERO
  const invoiced = money?.invoiced ?? ZERO
  return [
    {
      ok: compareDecimal(received, row.total) >= 0,
      code: 'orders.contract.not_fully_collected',
      params: { received, total: row.total },
    },
    {
      ok: compareDecimal(invoiced, row.total) >= 0,
      code: 'orders.contract.not_fully_invoiced',
      params: { invoiced, total: row.total },
    },
    ticketsClosed(await openTicketNumbers(m, row.id)),
  ]
}

/** "No open tickets": unmet while any is open, naming how many and (the first few of) their numbers. */
function ticketsClosed(numbers: string[]): ClosurePrecondition {
  const shown = numbers.slice(0, TICKET_NUMBERS_SHOWN).join(', ')
  return {
    ok: numbers.length === 0,
    code: 'orders.contract.tickets_open',
    params: { count: numbers.length, numbers: numbers.length > TICKET_NUMBERS_SHOWN ? `${shown}, …` : shown },
  }
}

/** A contract's close under the `contract` rule (decision 86): from in force to `closed`. */
export const contractClosable: Closable<ContractRow> = {
  rule: 'contract',
  store: contracts,
  closedStatus: 'closed',
  openStatus: IN_FORCE,
  submission: (row) => ({
    docNumber: row.number,
    docTitle: `${row.name} (${row.customerName})`,
    amount: row.total,
    link: `/sales/contracts?open=${row.id}`,
    ownerId: row.ownerId,
    deptId: row.deptId,
  }),
  preconditions: contractPreconditions,
  published: async (m, ctx, closed, closure) => {
    await publishEvent(m, {
      topic: 'orders.contract.closed',
      actorId: ctx.actor.id,
      payload: {
        id: closed.id,
        number: closed.number,
        name: closed.name,
        customerId: closed.customerId,
        customerName: closed.customerName,
        ownerId: closed.ownerId,
        ownerName: closed.ownerName,
        deptId: closed.deptId,
        total: closed.total,
        closeDate: closed.closeDate!,
        closeNote: closed.closeNote,
        overrideReason: closure.overrideReason ?? null,
      },
    })
  },
}

/**
 * 结单: a contract in force closes under the `contract` closure rule — required fields, the
 * preconditions (or a forced close's reason, through `closure-override`), approval when the rule
 * asks for it.
 */
export async function closeContract(
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  id: string,
  version: number,
  input: orders.ContractClose,
) {
  const row = await contracts.get(m, id, ctx, { access: 'write', lock: true })
  assertNotAwaitingApproval(row, 'pending')
  assertNotAwaitingApproval(row, CLOSING)
  if (row.status === 'closed') throw problem(409, 'orders.contract.already_closed')
  if (row.status !== IN_FORCE) throw problem(409, 'orders.contract.not_closable')
  return closeRecord(m, ctx, contractClosable, row, version, input, deps.timeZone)
}

/** The contract's `closure` / `closure-override` decision. */
export const contractClosureDecision: ApprovalDecisionHandler = closureDecision(contractClosable)

/** Reopening a closed contract: orders.contract.reopen, the rule's roles and window, a reason. */
export async function reopenContract(
  m: EntityManager,
  ctx: AggregateContext,
  id: string,
  version: number,
  body: orders.ContractReopen,
) {
  const row = await contracts.get(m, id, ctx, { access: 'write', lock: true })
  if (row.status !== 'closed' || !row.closedAt) throw problem(409, 'orders.contract.not_closed')
  const allowed = can(ctx.principal, 'orders.contract.reopen')
  return reopenRecord(m, ctx, contractClosable, row, version, body.reason, allowed)
}

/**
 * A change may not bring the total below what finance has received (400 on `lines`, which carry
 * the total: the house answers per-field refusals with 400, decision §71).
 */
export async function assertCoversReceived(m: EntityManager, contractId: string, total: string) {
  const money = await receivableOf(m, contractId)
  if (money && compareDecimal(total, money.received) < 0)
    throw validationFailed([
      fieldError('lines', 'orders.contract.below_received', { received: money.received }),
    ])
}
