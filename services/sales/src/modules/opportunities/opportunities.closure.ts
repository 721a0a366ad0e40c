import type { EntityManager } from 'typeorm'
import { can } from '@mosaic/permissions'
import type { admin, sales } from '@mosaic/schemas'
import {
  applyApprovalDecision,
  assertNotAwaitingApproval,
  closureErrors,
  closureRuleFor,
  fieldError,
  forbidden,
  problem,
  publishEvent,
  reopenRefusal,
  requestApproval,
  systemContext,
  validationFailed,
  type ApprovalDecisionHandler,
  type ClosurePrecondition,
  type DomainDeps,
  type RecordContext,
  businessToday,
} from '@mosaic/service-kit'
import { customers } from '../customers/customers.store.js'
import type { OpportunityRow, PendingClosure } from './opportunities.entity.js'
import { NOT_CLOSED, opportunities } from './opportunities.store.js'

/** The business day (YYYY-MM-DD) in the service's time zone: a close date is a calendar date there. */

/**
 * Closing (结单) as won, lost or invalid under the opportunity closure rule: its required fields,
 * plus the service's own precondition that a lost opportunity names its reason. A won one makes
 * its customer a dealt customer. When the rule requires approval, a win or a loss waits for it
 * (`closing`, locked) and is applied as requested once approved (decision 64).
 */
export async function closeOpportunity(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
  input: sales.OpportunityClose,
) {
  const row = await opportunities.get(m, id, ctx, { access: 'write', lock: true })
  assertNotAwaitingApproval(row, 'closing')
  if (row.status !== 'open') {
    throw problem(409, 'sales.opportunity.already_closed', { status: row.status })
  }
  const lost = input.outcome === 'lost'
  if (!lost && input.lostReason) {
    throw validationFailed([fieldError('lostReason', 'sales.opportunity.lost_reason_only_lost')])
  }
  await deps.dicts.assert([{ field: 'lostReason', type: 'lost_reason', value: input.lostReason }])
  const rule = await closureRuleFor(m, 'opportunity')
  // The rule may list lostReason; it only applies to a lost outcome.
  const applicable = {
    ...rule,
    requiredFields: rule.requiredFields.filter((f) => lost || f !== 'lostReason'),
  }
  const preconditions: ClosurePrecondition[] = lost
    ? [
        {
          field: 'lostReason',
          ok: !!input.lostReason,
          code: 'sales.opportunity.lost_reason_required' as const,
        },
      ]
    : []
  const errors = closureErrors(applicable, input, preconditions)
  if (errors.length) throw validationFailed(errors)
  const closure: PendingClosure = {
    outcome: input.outcome,
    lostReason: input.lostReason ?? null,
    closeNote: input.closeNote ?? null,
    closeDate: input.closeDate ?? businessToday(deps.timeZone),
    requestedById: ctx.actor.id,
    requestedByName: ctx.actor.name,
  }
  if (needsApproval(rule, closure)) return requestClosure(m, ctx, row, version, closure)
  return applyClosure(m, ctx, row, version, closure, rule)
}

/** Wins and losses go to approval when the enabled rule says so; marking invalid never waits. */
const needsApproval = (rule: admin.ClosureRuleValues, closure: PendingClosure) =>
  rule.enabled && rule.approvalRequired && closure.outcome !== 'invalid'

/** The opportunity waits as `closing` with the requested close; the closure flow gets the submission. */
async function requestClosure(
  m: EntityManager,
  ctx: RecordContext,
  row: OpportunityRow,
  version: number,
  closure: PendingClosure,
) {
  if (!ctx.principal) throw forbidden()
  const approvalRequestId = await requestApproval(m, 'sales', ctx.principal, {
    docType: 'closure',
    docId: row.id,
    docNumber: row.name.slice(0, 40),
    docTitle: `${row.name} (${row.customerName}): ${closure.outcome}`,
    amount: row.expectedAmount,
    link: `/sales/opportunities?open=${row.id}`,
    ownerId: row.ownerId,
    deptId: row.deptId,
    comment: closure.closeNote,
  })
  return opportunities.update(
    m,
    ctx,
    row.id,
    version,
    { status: 'closing', pendingClosure: closure, approvalRequestId },
    { action: 'submit', note: closure.outcome },
  )
}

/** Applies a close: the same update, audit, deal status and event whether direct or approved. */
async function applyClosure(
  m: EntityManager,
  ctx: RecordContext,
  row: OpportunityRow,
  version: number,
  closure: PendingClosure,
  rule: admin.ClosureRuleValues,
) {
  const closed = await opportunities.update(
    m,
    ctx,
    row.id,
    version,
    {
      status: closure.outcome,
      probability: closure.outcome === 'won' ? 100 : 0,
      closedAt: new Date(),
      closedBy: closure.requestedByName,
      closeNote: closure.closeNote,
      closeDate: closure.closeDate,
      lostReason: closure.lostReason,
      locked: rule.enabled && rule.lockOnClose,
      pendingClosure: null,
      approvalRequestId: null,
    },
    { action: 'close', note: closure.outcome },
  )
  if (closure.outcome === 'won') await refreshDealStatus(m, ctx, row, `Won: ${row.name}`)
  await publishEvent(m, {
    topic: 'sales.opportunity.closed',
    actorId: ctx.actor.id,
    payload: { ...eventPayload(closed), outcome: closure.outcome, lostReason: closed.lostReason },
  })
  return closed
}

/**
 * The closure flow's decision. Audited as the decider with the comment (approve / reject /
 * withdraw); approved, the requested close is then applied as the requester's, exactly as a
 * direct close; rejected or withdrawn, the opportunity is open again. A decision for another
 * submission, or one delivered twice, changes nothing.
 */
export const closureDecision: ApprovalDecisionHandler = async (m, decided) => {
  const decidedRow = await applyApprovalDecision<OpportunityRow>(m, opportunities, decided, {
    pending: 'closing',
    approved: 'closing',
    rejected: 'open',
    withdrawn: 'open',
    also: () => (decided.outcome === 'approved' ? {} : { pendingClosure: null }),
  })
  if (!decidedRow || decided.outcome !== 'approved' || !decidedRow.pendingClosure) return
  const closure = decidedRow.pendingClosure
  const ctx: RecordContext = {
    actor: { id: closure.requestedById, name: closure.requestedByName ?? 'system' },
  }
  const rule = await closureRuleFor(m, 'opportunity')
  await applyClosure(m, ctx, decidedRow, decidedRow.version, closure, rule)
}

/** Reopening needs the reopen permission, the rule's roles and day window, and a reason; it is audited. */
export async function reopenOpportunity(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
  reason: string,
) {
  const row = await opportunities.get(m, id, ctx, { access: 'write', lock: true })
  if (row.status === 'open' || !row.closedAt) throw problem(409, 'sales.opportunity.not_closed')
  const rule = await closureRuleFor(m, 'opportunity')
  const p = ctx.principal
  const denial = p && reopenRefusal(rule, p, row.closedAt, new Date(), can(p, 'sales.opportunity.reopen'))
  if (denial) throw problem(403, denial.code, denial.params)
  const stage = await deps.dicts.entry('opportunity_stage', row.stage)
  const probability = typeof stage?.extra?.probability === 'number' ? stage.extra.probability : 0
  const reopened = await opportunities.update(
    m,
    ctx,
    id,
    version,
    {
      status: 'open',
      probability,
      ...NOT_CLOSED,
    },
    { action: 'reopen', note: reason },
  )
  if (row.status === 'won') await refreshDealStatus(m, ctx, row, `Reopened: ${row.name}`)
  await publishEvent(m, {
    topic: 'sales.opportunity.reopened',
    actorId: ctx.actor.id,
    payload: { ...eventPayload(reopened), previousOutcome: row.status, reason },
  })
  return reopened
}

/**
 * A customer is dealt (成交) while it has a won opportunity; the last deal is the latest win. Kept
 * in step on every win and reopen, as an audited change of the customer.
 */
async function refreshDealStatus(m: EntityManager, ctx: RecordContext, opp: OpportunityRow, note: string) {
  const [{ last }] = await m.query(
    `SELECT max(closed_at) AS last FROM opportunity
     WHERE customer_id = $1 AND status = 'won' AND deleted_at IS NULL`,
    [opp.customerId],
  )
  const customer = await customers.get(m, opp.customerId, undefined, { withDeleted: true })
  const lastDealAt = last ? new Date(last) : null
  await customers.update(
    m,
    systemContext(ctx),
    customer.id,
    customer.version,
    { dealStatus: lastDealAt ? 'dealt' : 'undealt', lastDealAt },
    { action: 'deal', note, allowDeleted: true },
  )
}

const eventPayload = (o: OpportunityRow) => ({
  id: o.id,
  name: o.name,
  customerId: o.customerId,
  customerName: o.customerName,
  ownerId: o.ownerId,
  ownerName: o.ownerName,
  expectedAmount: o.expectedAmount,
})
