import type { EntityManager } from 'typeorm'
import type { admin } from '@mosaic/schemas'
import {
  applyApprovalDecision,
  closureErrors,
  closureRuleFor,
  problem,
  reopenRefusal,
  requestApproval,
  validationFailed,
  type AggregateContext,
  type ApprovalDecisionHandler,
  type ApprovalSubmission,
  type ClosurePrecondition,
  type RecordBase,
  type RecordContext,
  type RecordStore,
  businessToday,
} from '@mosaic/service-kit'

/**
 * A close waiting for approval: applied as asked (by whom, with what note and date) once approved.
 * `overrideReason` when it is a forced close (强制结单) despite unmet preconditions; `returnStatus`
 * is where a rejected or withdrawn close leaves the record (absent on closes asked before forced
 * closes existed: the document's usual open status).
 */
export interface PendingClosure {
  closeNote: string | null
  closeDate: string
  requestedById: string | null
  requestedByName: string | null
  overrideReason?: string | null
  returnStatus?: string
}

/** The columns a closable document (an order, a contract) keeps about its close. */
export interface ClosableRow extends RecordBase {
  status: string
  approvalRequestId: string | null
  pendingClosure: PendingClosure | null
  closedAt: Date | null
  closedBy: string | null
  closeNote: string | null
  closeDate: string | null
  locked: boolean
}

/** What the closing inputs are: the rule's fields and, for a forced close, the reason. */
export interface CloseInput {
  closeNote?: string | null
  closeDate?: string | null
  overrideReason?: string | null
}

/**
 * How one kind of document closes (decision 86): its closure rule, its statuses, what it asks of
 * the approval engine, its preconditions and what it publishes once closed.
 */
export interface Closable<T extends ClosableRow> {
  rule: admin.ClosableDocType
  store: RecordStore<T>
  /** The status a closed document has. */
  closedStatus: T['status']
  /** The status a document that was never forced goes back to when its close is refused or reopened. */
  openStatus: T['status']
  /** The status a reopened document takes, when it depends on the document (default `openStatus`). */
  reopenStatus?: (row: T) => T['status']
  /** The submission's description of the document (docType, id and comment are the closure's). */
  submission: (row: T) => Omit<ApprovalSubmission, 'docType' | 'docId' | 'comment'>
  preconditions: (m: EntityManager, row: T) => Promise<ClosurePrecondition[]>
  published: (m: EntityManager, ctx: RecordContext, closed: T, closure: PendingClosure) => Promise<void>
}

/** The status a document waits in while its close is decided. */
export const CLOSING = 'closing'

/** The business day (YYYY-MM-DD) in the service's time zone. */

/**
 * 结单 under the document's closure rule: its required fields must be there (a 400 naming each
 * missing one); each unmet precondition is a 400 too, unless an override reason is given — then
 * the close waits for `closure-override` approval. Met preconditions and a rule asking for approval
 * wait for `closure`; otherwise the close applies at once. The caller has checked the status.
 */
export async function closeRecord<T extends ClosableRow>(
  m: EntityManager,
  ctx: AggregateContext,
  c: Closable<T>,
  row: T,
  version: number,
  input: CloseInput,
  timeZone: string,
): Promise<T> {
  const rule = await closureRuleFor(m, c.rule)
  const missing = closureErrors(rule, input as Record<string, unknown>)
  const unmet = closureErrors({ ...rule, enabled: false }, {}, await c.preconditions(m, row))
  const overrideReason = input.overrideReason?.trim() || null
  if (missing.length || (unmet.length && !overrideReason)) throw validationFailed([...missing, ...unmet])
  const closure: PendingClosure = {
    closeNote: input.closeNote ?? null,
    closeDate: input.closeDate ?? businessToday(timeZone),
    requestedById: ctx.actor.id,
    requestedByName: ctx.actor.name,
    overrideReason: unmet.length ? overrideReason : null,
    returnStatus: row.status,
  }
  if (closure.overrideReason) return requestClose(m, ctx, c, row, version, closure, 'closure-override')
  if (rule.enabled && rule.approvalRequired) return requestClose(m, ctx, c, row, version, closure, 'closure')
  return applyClose(m, ctx, c, row, version, closure, rule)
}

/** The document waits as `closing` with the requested close; the flow of `docType` gets the submission. */
async function requestClose<T extends ClosableRow>(
  m: EntityManager,
  ctx: AggregateContext,
  c: Closable<T>,
  row: T,
  version: number,
  closure: PendingClosure,
  docType: 'closure' | 'closure-override',
) {
  const note = closure.overrideReason ?? closure.closeNote
  const approvalRequestId = await requestApproval(m, 'orders', ctx.principal, {
    ...c.submission(row),
    docType,
    docId: row.id,
    comment: note,
  })
  const patch = { status: CLOSING, pendingClosure: closure, approvalRequestId } as Partial<T>
  return c.store.update(m, ctx, row.id, version, patch, { action: 'submit', note: note ?? undefined })
}

/**
 * Applies a close: the same update, audit and event whether direct or approved. A forced close's
 * audit note is its override reason (the close note stays on the record).
 */
async function applyClose<T extends ClosableRow>(
  m: EntityManager,
  ctx: RecordContext,
  c: Closable<T>,
  row: T,
  version: number,
  closure: PendingClosure,
  rule: admin.ClosureRuleValues,
) {
  const patch = {
    status: c.closedStatus,
    closedAt: new Date(),
    closedBy: closure.requestedByName,
    closeNote: closure.closeNote,
    closeDate: closure.closeDate,
    locked: rule.enabled && rule.lockOnClose,
    pendingClosure: null,
    approvalRequestId: null,
  } as Partial<T>
  const note = closure.overrideReason ?? closure.closeNote ?? undefined
  const closed = await c.store.update(m, ctx, row.id, version, patch, { action: 'close', note })
  await c.published(m, ctx, closed, closure)
  return closed
}

/**
 * The decision on a close (`closure` or `closure-override`). Audited as the decider with the
 * comment; approved, the requested close is then applied as the requester's, exactly as a direct
 * close; rejected or withdrawn, the document goes back to the status it was closed from. A
 * decision for another submission, or one delivered twice, changes nothing.
 */
export function closureDecision<T extends ClosableRow>(c: Closable<T>): ApprovalDecisionHandler {
  return async (m, decided) => {
    const row = await applyApprovalDecision<T>(m, c.store, decided, {
      pending: CLOSING,
      approved: CLOSING,
      rejected: c.openStatus,
      withdrawn: c.openStatus,
      also: (r) =>
        decided.outcome === 'approved'
          ? {}
          : ({ pendingClosure: null, status: r.pendingClosure?.returnStatus ?? c.openStatus } as Partial<T>),
    })
    if (!row || decided.outcome !== 'approved' || !row.pendingClosure) return
    const closure = row.pendingClosure
    const ctx: RecordContext = {
      actor: { id: closure.requestedById, name: closure.requestedByName ?? 'system' },
    }
    await applyClose(m, ctx, c, row, row.version, closure, await closureRuleFor(m, c.rule))
  }
}

/**
 * Reopening needs the document's reopen permission, the rule's roles and day window, and a
 * reason; the document goes back to `openStatus`, audited `reopen` with the reason.
 */
export async function reopenRecord<T extends ClosableRow>(
  m: EntityManager,
  ctx: AggregateContext,
  c: Closable<T>,
  row: T,
  version: number,
  reason: string,
  hasPermission: boolean,
): Promise<T> {
  const rule = await closureRuleFor(m, c.rule)
  const denial = reopenRefusal(rule, ctx.principal, row.closedAt ?? new Date(0), new Date(), hasPermission)
  if (denial) throw problem(403, denial.code, denial.params)
  const patch = {
    status: c.reopenStatus?.(row) ?? c.openStatus,
    closedAt: null,
    closedBy: null,
    closeNote: null,
    closeDate: null,
    locked: false,
  } as Partial<T>
  return c.store.update(m, ctx, row.id, version, patch, { action: 'reopen', note: reason })
}

/** The close columns of a document never closed (a new one). */
export const NOT_CLOSED = {
  closedAt: null,
  closedBy: null,
  closeNote: null,
  closeDate: null,
  locked: false,
  pendingClosure: null,
} as const satisfies Partial<ClosableRow>
