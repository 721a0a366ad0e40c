import type { EntityManager } from 'typeorm'
import { sumMoney } from '@mosaic/money'
import type { NotificationRequest } from '@mosaic/schemas'
import {
  publishEvent,
  type Database,
  type IntervalJob,
  type Service,
  businessToday,
} from '@mosaic/service-kit'
import { lockReceivable, refreshReceivable } from './receivables.figures.js'

interface OverdueInstalment {
  id: string
  seq: number
  due_date: string
  remaining: string
}

interface ReceivableHead {
  id: string
  contract_id: string
  contract_number: string
  contract_name: string
  customer_id: string
  customer_name: string
  owner_id: string | null
  dept_id: string | null
}

/** Open receivables with an open instalment past due that nobody was told about yet. */
const UNTOLD_SQL = `
  SELECT DISTINCT r.id FROM receivable r JOIN instalment i ON i.receivable_id = r.id
   WHERE r.status = 'open' AND r.deleted_at IS NULL AND NOT i.cancelled AND i.matched < i.amount
     AND i.due_date < $1::date AND i.overdue_notified_at IS NULL
   LIMIT 500`

/**
 * Open receivables whose cached statuses a date has overtaken: an open instalment fell due
 * (overdue, prepayment overdue) or a retention's release date passed (held → due).
 */
const STALE_SQL = `
  SELECT r.id FROM receivable r
   WHERE r.status = 'open' AND r.deleted_at IS NULL AND (
     (NOT r.overdue AND EXISTS (SELECT 1 FROM instalment i WHERE i.receivable_id = r.id
        AND NOT i.cancelled AND i.matched < i.amount AND i.due_date < $1::date))
     OR (r.prepay_status IN ('pending', 'partial') AND r.prepay_due_date < $1::date)
     OR (r.retention_status IN ('held', 'partial') AND r.retention_release_date < $1::date))
   LIMIT 500`

/** The owner's notice of newly overdue instalments (admin stores it from the event's `notify`). */
function overdueNotice(r: ReceivableHead, amount: string, count: number): NotificationRequest[] {
  if (!r.owner_id) return []
  return [
    {
      userId: r.owner_id,
      kind: 'receivable_overdue',
      title: {
        zh: `合同「${r.contract_number}」回款逾期`.slice(0, 300),
        en: `Payment overdue on contract ${r.contract_number}`.slice(0, 300),
      },
      body: {
        zh: `${r.customer_name}：${count} 期已过期未付清，共 ${amount} 元`.slice(0, 300),
        en: `${r.customer_name}: ${count} instalment(s) past due, ${amount} outstanding`.slice(0, 300),
      },
      link: `/finance/receivables?open=${r.id}`,
      entityType: 'receivable',
      entityId: r.id,
    },
  ]
}

/**
 * One receivable under its lock: figures refreshed, and the instalments newly past due (not told
 * before) go out as `finance.receivable.overdue`, each marked so it is told once.
 */
async function tellOverdue(m: EntityManager, id: string, today: string): Promise<boolean> {
  if (!(await lockReceivable(m, id))) return false
  await refreshReceivable(m, id, today)
  // A CTE, so the driver answers the rows (an UPDATE … RETURNING comes back with its row count).
  const due: OverdueInstalment[] = await m.query(
    `WITH told AS (
       UPDATE instalment SET overdue_notified_at = now()
        WHERE receivable_id = $1 AND NOT cancelled AND matched < amount AND due_date < $2::date
          AND overdue_notified_at IS NULL
          AND EXISTS (SELECT 1 FROM receivable r WHERE r.id = $1 AND r.status = 'open')
        RETURNING id, seq, due_date, amount - matched AS remaining)
     SELECT id, seq, to_char(due_date, 'YYYY-MM-DD') AS due_date, remaining::text FROM told ORDER BY seq`,
    [id, today],
  )
  if (!due.length) return false
  const [r]: ReceivableHead[] = await m.query(
    `SELECT id, contract_id, contract_number, contract_name, customer_id, customer_name, owner_id, dept_id
       FROM receivable WHERE id = $1`,
    [id],
  )
  const amount = sumMoney(due.map((d) => d.remaining))
  await publishEvent(m, {
    topic: 'finance.receivable.overdue',
    payload: {
      receivableId: r!.id,
      contractId: r!.contract_id,
      contractNumber: r!.contract_number,
      contractName: r!.contract_name,
      customerId: r!.customer_id,
      customerName: r!.customer_name,
      ownerId: r!.owner_id,
      deptId: r!.dept_id,
      overdueAmount: amount,
      instalments: due.map((d) => ({ id: d.id, seq: d.seq, dueDate: d.due_date, remaining: d.remaining })),
    },
    notify: overdueNotice(r!, amount, due.length),
  })
  return true
}

/**
 * The overdue round for business day `today` (YYYY-MM-DD): tells owners of newly overdue
 * instalments, and refreshes receivables whose statuses a date has overtaken. Each receivable in
 * its own transaction under its lock; a second round (or a second instance) finds nothing to tell.
 */
export async function overdueRound(
  db: Database,
  today: string,
): Promise<{ told: number; refreshed: number }> {
  const untold: Array<{ id: string }> = await db.dataSource.query(UNTOLD_SQL, [today])
  let told = 0
  for (const { id } of untold) if (await db.transaction((m) => tellOverdue(m, id, today))) told++
  const stale: Array<{ id: string }> = await db.dataSource.query(STALE_SQL, [today])
  for (const { id } of stale)
    await db.transaction(async (m) => {
      if (await lockReceivable(m, id)) await refreshReceivable(m, id, today)
    })
  return { told, refreshed: stale.length }
}

type Logger = Service['logger']

/** Finance's clock: the overdue round every `minutes` (0 = never on its own). */
export function overdueJob(o: {
  minutes: number
  timeZone: string
}): IntervalJob<{ db: Database; logger: Logger }> {
  return {
    name: 'receivables overdue',
    everyMinutes: o.minutes,
    async run({ db, logger }) {
      const { told, refreshed } = await overdueRound(db, businessToday(o.timeZone))
      if (told || refreshed) logger.info({ told, refreshed }, 'receivables overdue round')
    },
  }
}
