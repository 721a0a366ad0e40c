import type { EntityManager } from 'typeorm'
import { leftOf, percentText } from '@mosaic/money'
import type { finance } from '@mosaic/schemas'
import { publishEvent } from '@mosaic/service-kit'

/**
 * The one place a receivable's figures come from (decision 76). Every write beneath a receivable
 * (payment confirmed or removed, write-off or its reversal, invoice, plan edit, contract change)
 * locks the receivable row first (`lockReceivable`), changes its rows, then calls
 * `refreshReceivable` in the same transaction: the cached figures, statuses and plan progress are
 * recomputed from the rows in SQL, and `finance.receivable.progressed` goes out through the outbox,
 * so orders' closure gates and the collected % in sales follow exactly what finance holds.
 */

/** Locks the receivable for the rest of the transaction; null when there is none. */
export async function lockReceivable(m: EntityManager, id: string): Promise<{ id: string } | null> {
  const [row] = await m.query('SELECT id FROM receivable WHERE id = $1 FOR UPDATE', [id])
  return row ?? null
}

/** Written off per instalment and per payment: the sums of the write-offs not reversed. */
async function refreshMatched(m: EntityManager, receivableId: string) {
  await m.query(
    `UPDATE instalment i SET matched = coalesce(
       (SELECT sum(w.amount) FROM writeoff w WHERE w.instalment_id = i.id AND w.reversed_at IS NULL), 0)
     WHERE i.receivable_id = $1`,
    [receivableId],
  )
  await m.query(
    `UPDATE payment p SET matched = coalesce(
       (SELECT sum(w.amount) FROM writeoff w WHERE w.payment_id = p.id AND w.reversed_at IS NULL), 0)
     WHERE p.receivable_id = $1`,
    [receivableId],
  )
}

/** The status of the plan's instalments of one kind (prepayment or retention), as SQL over `i`. */
const kindStatus = (kind: string, dueWord: string) => `(
  SELECT CASE
    WHEN count(*) = 0 OR sum(i.amount) = 0 THEN 'none'
    WHEN sum(i.matched) >= sum(i.amount) THEN '${kind === 'retention' ? 'released' : 'paid'}'
    WHEN min(i.due_date) < $2::date THEN '${dueWord}'
    WHEN sum(i.matched) > 0 THEN 'partial'
    ELSE '${kind === 'retention' ? 'held' : 'pending'}' END
  FROM instalment i WHERE i.receivable_id = r.id AND NOT i.cancelled AND i.kind = '${kind}')`

/**
 * Recomputes the cached figures of receivable `id` from its rows (`today`: the business day,
 * YYYY-MM-DD, that decides what is overdue) and publishes them. Call it after locking.
 */
export async function refreshReceivable(m: EntityManager, id: string, today: string): Promise<void> {
  await refreshMatched(m, id)
  const open = 'NOT i.cancelled AND i.matched < i.amount'
  await m.query(
    `UPDATE receivable r SET
       received = coalesce((SELECT sum(p.amount) FROM payment p
         WHERE p.receivable_id = r.id AND p.deleted_at IS NULL AND p.status = 'confirmed'), 0),
       invoiced = coalesce((SELECT sum(v.amount) FROM invoice v
         WHERE v.receivable_id = r.id AND v.deleted_at IS NULL AND v.status <> 'voided'), 0),
       payment_count = (SELECT count(*) FROM payment p
         WHERE p.receivable_id = r.id AND p.deleted_at IS NULL AND p.status <> 'rejected'),
       invoice_count = (SELECT count(*) FROM invoice v
         WHERE v.receivable_id = r.id AND v.deleted_at IS NULL AND v.status <> 'voided'),
       instalment_count = (SELECT count(*) FROM instalment i WHERE i.receivable_id = r.id AND NOT i.cancelled),
       instalments_paid = (SELECT count(*) FROM instalment i
         WHERE i.receivable_id = r.id AND NOT i.cancelled AND i.matched >= i.amount),
       overdue = r.status = 'open' AND EXISTS (SELECT 1 FROM instalment i
         WHERE i.receivable_id = r.id AND ${open} AND i.due_date < $2::date),
       overdue_amount = CASE WHEN r.status = 'open' THEN coalesce((SELECT sum(i.amount - i.matched)
         FROM instalment i WHERE i.receivable_id = r.id AND ${open} AND i.due_date < $2::date), 0) ELSE 0 END,
       prepay_amount = coalesce((SELECT sum(i.amount) FROM instalment i
         WHERE i.receivable_id = r.id AND NOT i.cancelled AND i.kind = 'prepayment'), 0),
       prepay_due_date = (SELECT min(i.due_date) FROM instalment i
         WHERE i.receivable_id = r.id AND NOT i.cancelled AND i.kind = 'prepayment'),
       prepay_status = ${kindStatus('prepayment', 'overdue')},
       retention_amount = coalesce((SELECT sum(i.amount) FROM instalment i
         WHERE i.receivable_id = r.id AND NOT i.cancelled AND i.kind = 'retention'), 0),
       retention_release_date = (SELECT min(i.due_date) FROM instalment i
         WHERE i.receivable_id = r.id AND NOT i.cancelled AND i.kind = 'retention'),
       retention_status = ${kindStatus('retention', 'due')},
       progressed_at = clock_timestamp(),
       updated_at = now()
     WHERE r.id = $1`,
    [id, today],
  )
  // Collected once what was received covers the total; a cancelled receivable stays cancelled.
  await m.query(
    `UPDATE receivable SET status = CASE WHEN received >= total THEN 'collected' ELSE 'open' END
     WHERE id = $1 AND status <> 'cancelled'`,
    [id],
  )
  // The overdue figures above read the status before this refresh: money received in full (even
  // not yet written off against every instalment) leaves nothing overdue.
  await m.query(
    `UPDATE receivable SET overdue = false, overdue_amount = 0 WHERE id = $1 AND status <> 'open' AND overdue`,
    [id],
  )
  await publishProgress(m, id)
}

interface FiguresRow {
  id: string
  contract_id: string
  contract_number: string
  customer_id: string
  customer_name: string
  owner_id: string | null
  dept_id: string | null
  status: finance.ReceivableStatus
  total: string
  received: string
  invoiced: string
  payment_count: number
  invoice_count: number
  instalments_paid: number
  instalment_count: number
  overdue: boolean
  progressed_at: Date
}

/** total − received, never below zero. */
export const outstandingOf = (total: string, received: string) => leftOf(total, received)

async function publishProgress(m: EntityManager, id: string) {
  const [r]: FiguresRow[] = await m.query(
    `SELECT id, contract_id, contract_number, customer_id, customer_name, owner_id, dept_id, status,
            total::text, received::text, invoiced::text, payment_count, invoice_count,
            instalments_paid, instalment_count, overdue, progressed_at
       FROM receivable WHERE id = $1`,
    [id],
  )
  if (!r) return
  await publishEvent(m, {
    topic: 'finance.receivable.progressed',
    payload: {
      receivableId: r.id,
      contractId: r.contract_id,
      contractNumber: r.contract_number,
      customerId: r.customer_id,
      customerName: r.customer_name,
      ownerId: r.owner_id,
      deptId: r.dept_id,
      status: r.status,
      total: r.total,
      received: r.received,
      outstanding: outstandingOf(r.total, r.received),
      collectedPercent: percentText(r.received, r.total),
      invoiced: r.invoiced,
      paymentCount: Number(r.payment_count),
      invoiceCount: Number(r.invoice_count),
      instalmentsPaid: Number(r.instalments_paid),
      instalmentCount: Number(r.instalment_count),
      overdue: r.overdue,
      progressedAt: new Date(r.progressed_at).toISOString(),
    },
  })
}
