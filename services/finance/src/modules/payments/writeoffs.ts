import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { compareDecimal, minusDecimal, sumMoney } from '@mosaic/money'
import type { FieldError, finance } from '@mosaic/schemas'
import {
  fieldError,
  fieldUnprocessable,
  notFound,
  problem,
  unprocessable,
  validationFailed,
  writeAudit,
  type CallerContext,
  type DomainDeps,
  type RecordContext,
} from '@mosaic/service-kit'
import { payments } from './payments.store.js'
import { underReceivable, visibleReceivable } from '../receivables/receivables.party.js'

interface WriteoffDbRow {
  id: string
  payment_id: string
  payment_number: string
  receivable_id: string
  instalment_id: string
  instalment_seq: number
  amount: string
  created_at: Date
  created_by_name: string | null
  reversed_at: Date | null
  reversed_by_name: string | null
}

const SELECT = `
  SELECT w.id, w.payment_id, p.number AS payment_number, w.receivable_id, w.instalment_id,
         i.seq AS instalment_seq, w.amount::text, w.created_at, w.created_by_name, w.reversed_at,
         w.reversed_by_name
    FROM writeoff w JOIN payment p ON p.id = w.payment_id JOIN instalment i ON i.id = w.instalment_id`

const present = (r: WriteoffDbRow): finance.Writeoff => ({
  id: r.id,
  paymentId: r.payment_id,
  paymentNumber: r.payment_number,
  receivableId: r.receivable_id,
  instalmentId: r.instalment_id,
  instalmentSeq: Number(r.instalment_seq),
  amount: r.amount,
  createdAt: r.created_at.toISOString(),
  createdByName: r.created_by_name,
  reversedAt: r.reversed_at?.toISOString() ?? null,
  reversedByName: r.reversed_by_name,
})

interface OpenInstalment {
  id: string
  seq: number
  remaining: string
}

/** The receivable's instalments still in the plan, with what each still lacks (numeric in SQL). */
async function openInstalments(m: EntityManager, receivableId: string) {
  const rows = (await m.query(
    `SELECT id, seq, (amount - matched)::numeric(18,2)::text AS remaining
       FROM instalment WHERE receivable_id = $1 AND NOT cancelled`,
    [receivableId],
  )) as OpenInstalment[]
  return new Map(rows.map((r) => [r.id, r]))
}

/** Each allocation against an instalment of this receivable, once, within what it lacks. */
function allocationErrors(
  allocations: finance.WriteoffCreate['allocations'],
  instalments: Map<string, OpenInstalment>,
): FieldError[] {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  allocations.forEach((a, i) => {
    const instalment = instalments.get(a.instalmentId)
    if (!instalment)
      errors.push(fieldError(`allocations.${i}.instalmentId`, 'finance.writeoff.instalment_unknown'))
    else if (seen.has(a.instalmentId))
      errors.push(fieldError(`allocations.${i}.instalmentId`, 'finance.writeoff.instalment_repeated'))
    else if (compareDecimal(a.amount, instalment.remaining) > 0)
      errors.push(
        fieldError(`allocations.${i}.amount`, 'finance.writeoff.exceeds_instalment', {
          remaining: instalment.remaining,
        }),
      )
    seen.add(a.instalmentId)
  })
  return errors
}

/**
 * 核销: matches a confirmed payment to instalments of its own receivable. Under the receivable's
 * lock (decision 76) every amount is checked against what the instalment still lacks and their
 * sum against what the payment has left, so concurrent write-offs can never overrun either.
 */
export async function writeOffPayment(
  m: EntityManager,
  ctx: CallerContext,
  deps: DomainDeps,
  paymentId: string,
  body: finance.WriteoffCreate,
): Promise<finance.Writeoff[]> {
  const seen = await payments.get(m, paymentId, ctx, { access: 'write' })
  const ids = await underReceivable(m, seen.receivableId, deps.timeZone, async () => {
    const payment = await payments.get(m, paymentId, ctx, { access: 'write', lock: true })
    if (payment.status !== 'confirmed') throw problem(409, 'finance.payment.not_confirmed')
    const errors = allocationErrors(body.allocations, await openInstalments(m, payment.receivableId))
    if (errors.length) throw unprocessable(errors as [FieldError, ...FieldError[]])
    const total = sumMoney(body.allocations.map((a) => a.amount))
    const unmatched = minusDecimal(payment.amount, payment.matched, 2)
    if (compareDecimal(total, unmatched) > 0)
      throw fieldUnprocessable('allocations', 'finance.writeoff.exceeds_unmatched', { total, unmatched })
    const created: string[] = []
    for (const a of body.allocations) {
      const id = randomUUID()
      await m.query(
        `INSERT INTO writeoff (id, payment_id, receivable_id, instalment_id, amount, created_by, created_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, payment.id, payment.receivableId, a.instalmentId, a.amount, ctx.actor.id, ctx.actor.name],
      )
      created.push(id)
    }
    await writeAudit(m, ctx, {
      action: 'writeoff',
      entityType: 'payment',
      entityId: payment.id,
      entityTitle: payments.options.title(payment),
      diff: { matched: { before: payment.matched, after: sumMoney([payment.matched, total]) } },
      note: await allocationNote(m, body.allocations),
    })
    return created
  })
  return writeoffsByIds(m, ids)
}

/** "第1期 300.00; 第2期 200.00": which instalments took how much, readable in the trail. */
async function allocationNote(m: EntityManager, allocations: finance.WriteoffCreate['allocations']) {
  const rows = (await m.query('SELECT id, seq FROM instalment WHERE id = ANY($1::uuid[])', [
    allocations.map((a) => a.instalmentId),
  ])) as Array<{ id: string; seq: number }>
  const seq = new Map(rows.map((r) => [r.id, r.seq]))
  return allocations.map((a) => `#${seq.get(a.instalmentId)} ${a.amount}`).join('; ')
}

async function writeoffsByIds(m: EntityManager, ids: string[]) {
  const rows = (await m.query(`${SELECT} WHERE w.id = ANY($1::uuid[]) ORDER BY i.seq, w.created_at`, [
    ids,
  ])) as WriteoffDbRow[]
  return rows.map(present)
}

/** The write-off, if the caller can see its payment; else not found. */
async function visibleWriteoff(m: EntityManager, ctx: RecordContext, id: string) {
  const [row] = (await m.query(`${SELECT} WHERE w.id = $1`, [id])) as WriteoffDbRow[]
  if (!row) throw notFound()
  await payments.get(m, row.payment_id, ctx, { withDeleted: true })
  return row
}

/** 撤销核销: the write-off stops counting (kept, marked reversed); once only. */
export async function reverseWriteoff(m: EntityManager, ctx: CallerContext, deps: DomainDeps, id: string) {
  const seen = await visibleWriteoff(m, ctx, id)
  await underReceivable(m, seen.receivable_id, deps.timeZone, async () => {
    const [row] = (await m.query('SELECT reversed_at FROM writeoff WHERE id = $1 FOR UPDATE', [
      id,
    ])) as Array<{
      reversed_at: Date | null
    }>
    if (row?.reversed_at) throw problem(409, 'finance.writeoff.already_reversed')
    await payments.get(m, seen.payment_id, ctx, { access: 'write', withDeleted: true })
    await m.query(
      'UPDATE writeoff SET reversed_at = now(), reversed_by = $2, reversed_by_name = $3 WHERE id = $1',
      [id, ctx.actor.id, ctx.actor.name],
    )
    const payment = await payments.get(m, seen.payment_id, undefined, { withDeleted: true })
    await writeAudit(m, ctx, {
      action: 'writeoff_reverse',
      entityType: 'payment',
      entityId: payment.id,
      entityTitle: payments.options.title(payment),
      diff: { matched: { before: payment.matched, after: minusDecimal(payment.matched, seen.amount, 2) } },
      note: `#${seen.instalment_seq} ${seen.amount}`,
    })
  })
  return (await writeoffsByIds(m, [id]))[0]!
}

/**
 * The write-offs of a payment or of a receivable (newest last), both included when both are
 * given; the payment or receivable must be visible to the caller (404 otherwise).
 */
export async function listWriteoffs(m: EntityManager, ctx: CallerContext, q: finance.WriteoffListQuery) {
  if (!q.paymentId && !q.receivableId)
    throw validationFailed([fieldError('paymentId', 'validation.required')])
  if (q.paymentId) await payments.get(m, q.paymentId, ctx, { withDeleted: true })
  if (q.receivableId && !(await visibleReceivable(m, ctx.principal, q.receivableId))) throw notFound()
  const rows = (await m.query(
    `${SELECT} WHERE ($1::uuid IS NULL OR w.payment_id = $1) AND ($2::uuid IS NULL OR w.receivable_id = $2)
      ORDER BY w.created_at, i.seq`,
    [q.paymentId ?? null, q.receivableId ?? null],
  )) as WriteoffDbRow[]
  return rows.map(present)
}
