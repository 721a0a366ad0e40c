import { compareDecimal, minusDecimal, percentOf, sumMoney } from '@mosaic/money'
import type { finance } from '@mosaic/schemas'

/**
 * The payment plan (回款计划) a contract's terms give, and how a changed contract's plan keeps what
 * is already written off (decision 77). Pure functions: no database, no clock.
 */

type Kind = finance.InstalmentKind

/** What a plan is made from: the contract's amount, ratios, warranty and dates (YYYY-MM-DD). */
export interface PlanTerms {
  total: string
  prepayRatio: string | null
  retentionRatio: string | null
  warrantyMonths: number | null
  signDate: string | null
  startDate: string | null
  endDate: string | null
}

export interface PlannedInstalment {
  kind: Kind
  dueDate: string
  amount: string
}

/** Plan order among instalments due the same day. */
export const KIND_ORDER: Record<Kind, number> = { prepayment: 0, progress: 1, retention: 2 }

const byDue = <P extends { dueDate: string; kind: Kind }>(a: P, b: P) =>
  a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : KIND_ORDER[a.kind] - KIND_ORDER[b.kind]

const minMoney = (a: string, b: string) => (compareDecimal(a, b) <= 0 ? a : b)
const money = (amount: string) => sumMoney([amount])
const positive = (amount: string) => compareDecimal(amount, '0') > 0

/** `date` plus `months` calendar months; a day the target month lacks becomes its last day (01-31 + 1 → 02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const day = Math.min(d, last)
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * The plan of a contract (SPEC §4.1): prepayment = total × prepayRatio% (half-up to cents) due on
 * the sign date (else the start date); retention = total × retentionRatio% due when the warranty
 * ends, (start date, else sign date) + warrantyMonths; progress = the rest, due on the end date
 * (else start, else sign date). A date the contract lacks is `today`. When the ratios add up to more
 * than 100% the retention is cut to what the prepayment leaves (and a prepayment over 100% to the
 * total), so no amount is negative. Zero amounts are left out; the amounts always sum to the total.
 */
export function planFor(terms: PlanTerms, today: string): PlannedInstalment[] {
  const total = money(terms.total)
  const prepayment = minMoney(percentOf(total, terms.prepayRatio ?? '0'), total)
  const afterPrepay = minusDecimal(total, prepayment, 2)
  const retention = minMoney(percentOf(total, terms.retentionRatio ?? '0'), afterPrepay)
  const progress = minusDecimal(afterPrepay, retention, 2)
  const warrantyFrom = terms.startDate ?? terms.signDate ?? today
  const plan: PlannedInstalment[] = [
    { kind: 'prepayment', dueDate: terms.signDate ?? terms.startDate ?? today, amount: prepayment },
    {
      kind: 'progress',
      dueDate: terms.endDate ?? terms.startDate ?? terms.signDate ?? today,
      amount: progress,
    },
    { kind: 'retention', dueDate: addMonths(warrantyFrom, terms.warrantyMonths ?? 0), amount: retention },
  ]
  return plan.filter((p) => positive(p.amount)).sort(byDue)
}

/** An instalment as it stands: what is written off against it cannot go away. */
export interface CurrentInstalment {
  id: string
  seq: number
  kind: Kind
  dueDate: string
  amount: string
  matched: string
}

/** One row of the new plan: `id` null is a new instalment; an existing one at amount 0 goes away. */
export interface ReplannedInstalment {
  id: string | null
  kind: Kind
  dueDate: string
  amount: string
}

/** Where a kind's excess written-off money is taken from, first to last. */
const GIVE_ORDER: Kind[] = ['progress', 'retention', 'prepayment']

/**
 * A changed contract's plan (decision 77): the plan of the new terms, each kind at least what is
 * written off against that kind. A kind whose new amount is below its written-off sum keeps that
 * sum, and the difference is taken from the open part of the other kinds (progress, then
 * retention, then prepayment), so the plan still sums to the new total whenever the new total is
 * at least everything written off (otherwise it is the written-off sum: nothing can be unmatched).
 * Within a kind every instalment keeps its written-off part; the open rest goes to the first of
 * them (by plan order) with the new due date, or to a new instalment when the kind had none.
 */
export function replan(current: CurrentInstalment[], planned: PlannedInstalment[]): ReplannedInstalment[] {
  const kinds: Kind[] = ['prepayment', 'progress', 'retention']
  const target = (k: Kind) => planned.find((p) => p.kind === k)
  const rows = (k: Kind) => current.filter((c) => c.kind === k).sort((a, b) => a.seq - b.seq)
  const floor = Object.fromEntries(kinds.map((k) => [k, sumMoney(rows(k).map((r) => r.matched))]))
  const open: Record<string, string> = {}
  let excess = '0.00'
  for (const k of kinds) {
    const gap = minusDecimal(target(k)?.amount ?? '0', floor[k]!, 2)
    if (positive(gap)) open[k] = gap
    else {
      open[k] = '0.00'
      excess = minusDecimal(excess, gap, 2)
    }
  }
  for (const k of GIVE_ORDER) {
    const taken = minMoney(open[k]!, excess)
    open[k] = minusDecimal(open[k]!, taken, 2)
    excess = minusDecimal(excess, taken, 2)
  }
  return kinds.flatMap((k) => kindRows(k, rows(k), open[k]!, target(k)))
}

function kindRows(
  kind: Kind,
  rows: CurrentInstalment[],
  open: string,
  planned: PlannedInstalment | undefined,
): ReplannedInstalment[] {
  const out: ReplannedInstalment[] = rows.map((r) => ({
    id: r.id,
    kind,
    dueDate: r.dueDate,
    amount: money(r.matched),
  }))
  if (!positive(open)) return out
  const dueDate = planned?.dueDate ?? rows[0]!.dueDate
  const first = out[0]
  if (!first) return [{ id: null, kind, dueDate, amount: open }]
  first.amount = sumMoney([first.amount, open])
  first.dueDate = dueDate
  return out
}
