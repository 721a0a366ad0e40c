import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { compareDecimal, minusDecimal } from '@mosaic/money'
import type { finance } from '@mosaic/schemas'
import type { CurrentInstalment } from './receivables.plan.js'

/**
 * The instalment rows of a plan (not records of their own: their changes are audited on the
 * receivable). Amounts and dates travel as text.
 */
export interface InstalmentRow extends CurrentInstalment {
  receivableId: string
  note: string | null
  cancelled: boolean
  /** Anything points at it (a write-off, even reversed, or an invoice): it can be cancelled, not deleted. */
  referenced: boolean
  /** A live invoice (not voided, not deleted) names it. */
  invoiced: boolean
}

export async function instalmentsOf(
  m: EntityManager,
  receivableIds: string[],
  /** Also the instalments a void cancelled (they keep their place in the plan; removed ones have none). */
  o: { withCancelled?: boolean } = {},
): Promise<InstalmentRow[]> {
  if (!receivableIds.length) return []
  const rows: Array<Record<string, unknown>> = await m.query(
    `SELECT i.id, i.receivable_id, i.seq, i.kind, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
            i.amount::text, i.matched::text, i.note, i.cancelled,
            EXISTS (SELECT 1 FROM writeoff w WHERE w.instalment_id = i.id)
              OR EXISTS (SELECT 1 FROM invoice v WHERE v.instalment_id = i.id) AS referenced,
            EXISTS (SELECT 1 FROM invoice v WHERE v.instalment_id = i.id
                      AND v.deleted_at IS NULL AND v.status <> 'voided') AS invoiced
       FROM instalment i
      WHERE i.receivable_id = ANY($1::uuid[]) AND (NOT i.cancelled ${o.withCancelled ? 'OR i.seq > 0' : ''})
      ORDER BY i.receivable_id, i.seq, i.id`,
    [receivableIds],
  )
  return rows.map((r) => ({
    id: r.id as string,
    receivableId: r.receivable_id as string,
    seq: Number(r.seq),
    kind: r.kind as finance.InstalmentKind,
    dueDate: r.due_date as string,
    amount: r.amount as string,
    matched: r.matched as string,
    note: (r.note as string | null) ?? null,
    cancelled: r.cancelled as boolean,
    referenced: r.referenced as boolean,
    invoiced: r.invoiced as boolean,
  }))
}

export interface InstalmentWrite {
  id: string | null
  kind: finance.InstalmentKind
  dueDate: string
  amount: string
  note?: string | null
}

/**
 * Writes a plan: rows with an id are updated, rows without one inserted; an existing row at amount
 * 0, or one of `current` the plan leaves out, goes away (deleted, or cancelled when a write-off or
 * invoice points at it). Then the live rows are renumbered by due date.
 */
export async function writePlan(
  m: EntityManager,
  receivableId: string,
  current: InstalmentRow[],
  plan: InstalmentWrite[],
): Promise<void> {
  const kept = new Set<string>()
  for (const row of plan) {
    const zero = compareDecimal(row.amount, '0') === 0
    if (row.id && !zero) {
      kept.add(row.id)
      await m.query(
        `UPDATE instalment SET kind = $2, due_date = $3, amount = $4, note = $5,
                overdue_notified_at = CASE WHEN due_date = $3::date AND amount = $4::numeric
                                           THEN overdue_notified_at END,
                updated_at = now()
          WHERE id = $1`,
        [row.id, row.kind, row.dueDate, row.amount, row.note ?? null],
      )
    } else if (!row.id && !zero)
      await m.query(
        `INSERT INTO instalment (id, receivable_id, seq, kind, due_date, amount, note)
         VALUES ($1, $2, 0, $3, $4, $5, $6)`,
        [randomUUID(), receivableId, row.kind, row.dueDate, row.amount, row.note ?? null],
      )
  }
  for (const gone of current.filter((c) => !kept.has(c.id))) await dropInstalment(m, gone)
  await renumber(m, receivableId)
}

/** An instalment leaving the plan: cancelled at its written-off amount when something points at it. */
async function dropInstalment(m: EntityManager, row: InstalmentRow) {
  if (!row.referenced) {
    await m.query('DELETE FROM instalment WHERE id = $1', [row.id])
    return
  }
  await m.query(
    'UPDATE instalment SET cancelled = true, amount = matched, seq = 0, updated_at = now() WHERE id = $1',
    [row.id],
  )
}

/** Live instalments numbered 1… by due date (prepayment, progress, retention on the same day). */
export async function renumber(m: EntityManager, receivableId: string): Promise<void> {
  await m.query(
    `UPDATE instalment i SET seq = o.n FROM (
       SELECT id, row_number() OVER (ORDER BY due_date,
         CASE kind WHEN 'prepayment' THEN 0 WHEN 'progress' THEN 1 ELSE 2 END, created_at, id) AS n
         FROM instalment WHERE receivable_id = $1 AND NOT cancelled) o
      WHERE i.id = o.id AND i.seq <> o.n`,
    [receivableId],
  )
}

/**
 * A voided or terminated contract's plan: what has nothing written off is cancelled, what is
 * partly written off shrinks to that part (and counts as paid).
 */
export async function cancelPlan(m: EntityManager, receivableId: string): Promise<void> {
  await m.query(
    `UPDATE instalment SET cancelled = (matched = 0), amount = CASE WHEN matched = 0 THEN amount ELSE matched END,
            updated_at = now()
      WHERE receivable_id = $1 AND NOT cancelled`,
    [receivableId],
  )
}

const KIND_ZH: Record<finance.InstalmentKind, string> = {
  prepayment: '预付款',
  progress: '进度款',
  retention: '质保金',
}

const grouped = (amount: string) => {
  const [whole, cents] = amount.split('.')
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents ?? '00'}`
}

/** The plan as the audit timeline shows it: "1. 预付款 2026-01-10 30,000.00; 2. …". */
export function planText(rows: Array<Pick<InstalmentRow, 'kind' | 'dueDate' | 'amount'>>): string {
  return rows
    .map((r, i) => `${i + 1}. ${KIND_ZH[r.kind]} ${r.dueDate} ${grouped(minusDecimal(r.amount, '0', 2))}`)
    .join('; ')
}
