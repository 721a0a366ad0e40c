import type { EntityManager } from 'typeorm'
import {
  applyApprovalDecision,
  fieldError,
  problem,
  requestApproval,
  SYSTEM_ACTOR,
  validationFailed,
  type AggregateContext,
  type ApprovalDecisionHandler,
  type Database,
  type IntervalJob,
  type Service,
  businessToday,
} from '@mosaic/service-kit'
import { orders } from '@mosaic/schemas'
import { quotes } from './quotes.service.js'
import type { QuoteRow } from './quotes.entity.js'

/** Today's date (YYYY-MM-DD) in the business time zone. */

/**
 * 提交审批: a draft or rejected quote with lines and a valid-until date not in the past goes to
 * `pending` and is locked; the approval engine gets the submission in the same transaction.
 */
export async function submitQuote(
  m: EntityManager,
  ctx: AggregateContext,
  timeZone: string,
  id: string,
  version: number,
) {
  const row = await quotes.get(m, id, ctx, { access: 'write', lock: true })
  if (row.status === 'pending') throw problem(409, 'record.awaiting_approval')
  if (!orders.QUOTE_EDITABLE.includes(row.status)) throw problem(409, 'orders.quote.not_submittable')
  const errors = []
  if (row.lines.length === 0) errors.push(fieldError('lines', 'orders.quote.no_lines'))
  if (!row.validUntil) errors.push(fieldError('validUntil', 'orders.quote.valid_until_missing'))
  else if (row.validUntil < businessToday(timeZone))
    errors.push(fieldError('validUntil', 'orders.quote.valid_until_past'))
  if (errors.length) throw validationFailed(errors)
  const approvalRequestId = await requestApproval(m, 'orders', ctx.principal, {
    docType: 'quote',
    docId: row.id,
    docNumber: row.number,
    docTitle: `${row.number} (${row.customerName})`,
    amount: row.total,
    link: `/sales/quotes?open=${row.id}`,
    ownerId: row.ownerId,
    deptId: row.deptId,
  })
  return quotes.update(m, ctx, id, version, { status: 'pending', approvalRequestId }, { action: 'submit' })
}

/** An approved quote goes to the customer (发送); a sent one is accepted by them. */
export async function moveQuote(
  m: EntityManager,
  ctx: AggregateContext,
  id: string,
  version: number,
  move: 'send' | 'accept',
) {
  const row = await quotes.get(m, id, ctx, { access: 'write', lock: true })
  if (move === 'send') {
    if (row.status !== 'approved') throw problem(409, 'orders.quote.not_approved')
    return quotes.update(m, ctx, id, version, { status: 'sent' }, { action: 'send' })
  }
  if (row.status !== 'sent') throw problem(409, 'orders.quote.not_sent')
  return quotes.update(m, ctx, id, version, { status: 'accepted' }, { action: 'accept' })
}

/** The approval engine's decision on a quote: approved, rejected, or withdrawn back to a draft. */
export const quoteDecision: ApprovalDecisionHandler = async (m, decided) => {
  await applyApprovalDecision<QuoteRow>(m, quotes, decided, {
    pending: 'pending',
    approved: 'approved',
    rejected: 'rejected',
    withdrawn: 'draft',
  })
}

/**
 * Approved and sent quotes whose valid-until date has passed (in the business time zone) become
 * `expired`, each audited as the system. Idempotent: a quote moves once, and a concurrent edit
 * (another instance of the job, a send) only makes this run skip it.
 */
export async function expireQuotes(db: Database, timeZone: string, now = new Date()): Promise<number> {
  const due: Array<{ id: string; version: number }> = await db.dataSource.query(
    `SELECT id, version FROM quote
     WHERE deleted_at IS NULL AND status IN ('approved', 'sent') AND valid_until < $1::date
     ORDER BY valid_until, id LIMIT 500`,
    [businessToday(timeZone, now)],
  )
  let expired = 0
  for (const { id, version } of due) {
    const moved = await db.transaction(async (m) => {
      const row = await quotes.find(m, id, undefined, { lock: true })
      if (!row || row.version !== version || !['approved', 'sent'].includes(row.status)) return false
      await quotes.update(
        m,
        { actor: SYSTEM_ACTOR },
        id,
        version,
        { status: 'expired' },
        { action: 'expire' },
      )
      return true
    })
    if (moved) expired++
  }
  return expired
}

type Logger = Service['logger']

/** The orders service's clock: quote expiry every `minutes` (0 = never on its own). */
export function quoteExpiryJob(o: {
  minutes: number
  timeZone: string
}): IntervalJob<{ db: Database; logger: Logger }> {
  return {
    name: 'quote expiry',
    everyMinutes: o.minutes,
    async run({ db, logger }) {
      const expired = await expireQuotes(db, o.timeZone)
      if (expired) logger.info({ expired }, 'quotes expired')
    },
  }
}
