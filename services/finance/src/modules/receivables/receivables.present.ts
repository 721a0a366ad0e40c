import { compareDecimal, leftOf, minusDecimal, percentText } from '@mosaic/money'
import { finance } from '@mosaic/schemas'
import { presentBy } from '@mosaic/service-kit'
import type { ReceivableRow } from './receivables.entity.js'
import { outstandingOf } from './receivables.figures.js'
import type { InstalmentRow } from './receivables.instalments.js'

const copy = presentBy(
  finance.Receivable.omit({ outstanding: true, collectedPercent: true, uninvoiced: true }),
)

export function presentReceivable(row: ReceivableRow): finance.Receivable {
  return {
    ...copy(row),
    outstanding: outstandingOf(row.total, row.received),
    collectedPercent: percentText(row.received, row.total),
    uninvoiced: leftOf(row.total, row.invoiced),
  }
}

function statusOf(row: InstalmentRow, today: string): finance.InstalmentStatus {
  if (row.cancelled) return 'cancelled'
  if (compareDecimal(row.matched, row.amount) >= 0) return 'paid'
  if (row.dueDate < today) return 'overdue'
  return compareDecimal(row.matched, '0') > 0 ? 'partial' : 'unpaid'
}

export function presentInstalment(row: InstalmentRow, today: string): finance.Instalment {
  return {
    id: row.id,
    receivableId: row.receivableId,
    seq: row.seq,
    kind: row.kind,
    dueDate: row.dueDate,
    amount: row.amount,
    matched: row.matched,
    remaining: minusDecimal(row.amount, row.matched, 2),
    status: statusOf(row, today),
    note: row.note,
  }
}
