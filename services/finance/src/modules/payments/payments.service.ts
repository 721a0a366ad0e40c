import type { EntityManager } from 'typeorm'
import { compareDecimal, minusDecimal } from '@mosaic/money'
import { finance } from '@mosaic/schemas'
import {
  applyApprovalDecision,
  bulkEach,
  definedOnly,
  fieldUnprocessable,
  issueNumber,
  listPage,
  liveRows,
  numberMatch,
  presentBy,
  problem,
  requestApproval,
  textContains,
  type AggregateContext,
  type ApprovalDecisionHandler,
  type CallerContext,
  type ListSpec,
  type DomainDeps,
  type RecordBase,
  type RecordContext,
  type WhereFragment,
  anyOfTerms,
} from '@mosaic/service-kit'
import type { PaymentRow } from './payments.entity.js'
import { payments } from './payments.store.js'
import { lockVisibleReceivable, partyOf, underReceivable } from '../receivables/receivables.party.js'
import { recordableOf } from './payments.receivable.js'

const presentRow = presentBy(finance.Payment.omit({ unmatched: true }))

/** A payment as the API shows it: what is left to write off beside what was. */
export const presentPayment = (row: PaymentRow): finance.Payment => ({
  ...presentRow(row),
  unmatched: minusDecimal(row.amount, row.matched, 2),
})

/** The row again after the receivable's refresh changed its cached `matched`. */
const reread = async (m: EntityManager, id: string) => payments.get(m, id, undefined, { withDeleted: true })

const link = (id: string) => `/finance/payments?open=${id}`

/** More than may still be recorded: 422 on `amount`, saying how much may. */
async function assertRecordable(m: EntityManager, receivableId: string, amount: string, except?: string) {
  const open = await recordableOf(m, receivableId, except)
  if (compareDecimal(amount, open) > 0)
    throw fieldUnprocessable('amount', 'finance.payment.exceeds_outstanding', { outstanding: open })
}

/**
 * 登记回款: recorded `pending` against a receivable the caller can see, for at most what is still
 * open, and submitted to the approval engine (the default flow approves at once up to 500,000.00,
 * decision 80). The receivable is locked first, so concurrent payments cannot both take the rest.
 */
export async function createPayment(
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  body: finance.PaymentCreate,
): Promise<PaymentRow> {
  await deps.dicts.assert([{ field: 'method', type: 'payment_method', value: body.method }])
  return underReceivable(m, body.receivableId, deps.timeZone, async () => {
    const receivable = await lockVisibleReceivable(m, ctx.principal, body.receivableId)
    // Not visible and not there answer alike: the id tells nothing about other people's contracts.
    if (!receivable) throw fieldUnprocessable('receivableId', 'finance.payment.receivable_unknown')
    if (receivable.status === 'cancelled')
      throw fieldUnprocessable('receivableId', 'finance.payment.receivable_cancelled')
    await assertRecordable(m, receivable.id, body.amount)
    const number = await issueNumber(m, 'payment', { timeZone: deps.timeZone })
    const party = partyOf(receivable)
    const row: Omit<PaymentRow, keyof RecordBase> = {
      ...party,
      receivableId: receivable.id,
      number,
      amount: body.amount,
      paidOn: body.paidOn,
      method: body.method,
      payer: body.payer,
      reference: body.reference ?? null,
      note: body.note ?? null,
      status: 'pending',
      matched: '0.00',
      commissionSettled: false,
      approvalRequestId: null,
      decisionComment: null,
    }
    const created = await payments.create(m, ctx, row)
    const requestId = await requestApproval(m, 'finance', ctx.principal, {
      docType: 'payment',
      docId: created.id,
      docNumber: number,
      docTitle: `${number} ${party.customerName}`,
      amount: body.amount,
      link: link(created.id),
      ownerId: party.ownerId,
      deptId: party.deptId,
    })
    // The request id is the approval kit's guard, not an edit: no second audit row for it.
    await m.query('UPDATE payment SET approval_request_id = $2 WHERE id = $1', [created.id, requestId])
    return { ...created, approvalRequestId: requestId }
  })
}

/**
 * `payment`: approved → confirmed (counted as received); rejected or withdrawn → rejected, with
 * the approver's comment (a withdrawn payment is not received either; it may be deleted). A
 * decision for another submission, or one delivered twice, changes nothing (applyApprovalDecision).
 */
export const paymentDecision =
  (timeZone: string): ApprovalDecisionHandler =>
  async (m, decided) => {
    const row = await payments.find(m, decided.docId)
    if (!row) return
    await underReceivable(m, row.receivableId, timeZone, () =>
      applyApprovalDecision(m, payments, decided, {
        pending: 'pending',
        approved: 'confirmed',
        rejected: 'rejected',
        withdrawn: 'rejected',
        also: (_row, d) => ({ decisionComment: d.outcome === 'approved' ? null : d.comment }),
      }),
    )
  }

/** PATCH: the payment's details (never its amount or status); the receivable's figures follow. */
export async function updatePayment(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
  body: finance.PaymentUpdate,
): Promise<PaymentRow> {
  const row = await payments.get(m, id, ctx, { access: 'write' })
  if (body.method !== undefined)
    await deps.dicts.assert([{ field: 'method', type: 'payment_method', value: body.method }])
  await underReceivable(m, row.receivableId, deps.timeZone, () =>
    payments.update(m, ctx, id, version, definedOnly(body) as Partial<PaymentRow>),
  )
  return reread(m, id)
}

const hasLiveWriteoffs = async (m: EntityManager, paymentId: string) =>
  (
    (await m.query('SELECT 1 FROM writeoff WHERE payment_id = $1 AND reversed_at IS NULL LIMIT 1', [
      paymentId,
    ])) as unknown[]
  ).length > 0

/** DELETE: to the recycle bin, only while nothing of it is written off; no longer received. */
export async function removePayment(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
) {
  const row = await payments.get(m, id, ctx, { access: 'write' })
  await underReceivable(m, row.receivableId, deps.timeZone, async () => {
    if (await hasLiveWriteoffs(m, id)) throw problem(409, 'finance.payment.has_writeoffs')
    await payments.softDelete(m, ctx, id, version)
  })
}

/** Restore from the recycle bin: counted again, so only while it still fits what is open. */
export async function restorePayment(m: EntityManager, ctx: RecordContext, deps: DomainDeps, id: string) {
  const row = await payments.get(m, id, ctx, { withDeleted: true, access: 'write' })
  await underReceivable(m, row.receivableId, deps.timeZone, async () => {
    if (row.status !== 'rejected') {
      const open = await recordableOf(m, row.receivableId, id)
      if (compareDecimal(row.amount, open) > 0)
        throw problem(409, 'finance.payment.exceeds_outstanding', { outstanding: open })
    }
    await payments.restore(m, ctx, id)
  })
  return reread(m, id)
}

/** Payment or contract number (numberMatch), or any part of the customer's name or the payer. */
function searchTerm(term: string): WhereFragment {
  return anyOfTerms([
    numberMatch('p.number', term, 'searchNumber'),
    numberMatch('p.contract_number', term, 'searchContract'),
    textContains('p.customer_name', term, 'searchCustomer'),
    textContains('p.payer', term, 'searchPayer'),
  ])
}

/**
 * The payments list's filters under the caller's scope: the list pages what they select, the
 * dashboard sums the same rows (`listedRows`), so a figure equals what the list shows.
 */
export function paymentListSpec(
  ctx: CallerContext,
): Omit<ListSpec<PaymentRow, finance.PaymentListQuery, unknown>, 'present'> {
  return {
    scope: payments.scopeWhere(ctx.principal, 'p'),
    filters: { q: searchTerm },
    equal: ['status', 'receivableId', 'contractId', 'customerId', 'ownerId', 'method'],
    flags: ['commissionSettled'],
    ranges: { paid_on: ['paidFrom', 'paidTo'] },
  }
}

export function listPayments(m: EntityManager, ctx: CallerContext, q: finance.PaymentListQuery) {
  return listPage(liveRows(payments, m, 'p'), q, {
    ...paymentListSpec(ctx),
    present: (rows) => rows.map(presentPayment),
  })
}

/**
 * 批量修改: the same fields on many payments, as one operation: each payment is updated (and
 * audited) on its own, a payment outside the caller's scope or stale fails alone as not found.
 */
export async function bulkUpdatePayments(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  body: finance.PaymentBulkUpdate,
) {
  if (body.method !== undefined)
    await deps.dicts.assert([{ field: 'method', type: 'payment_method', value: body.method }])
  const patch = definedOnly({ commissionSettled: body.commissionSettled, method: body.method })
  return bulkEach(body.ids, async (id) => {
    const row = await payments.get(m, id, ctx, { access: 'write' })
    await payments.update(m, ctx, id, row.version, patch as Partial<PaymentRow>, { action: 'bulk_update' })
    return payments.options.title(row)
  })
}
