import { finance } from '@mosaic/schemas'
import { compareDecimal } from '@mosaic/money'
import { isMoney, moneyMinus, sumValid } from '../../money'

/** One instalment as the plan editor edits it (the amount as text, never a float). */
export interface InstalmentDraft {
  id?: string
  kind: finance.InstalmentKind
  dueDate: string | null
  amount: string
  note: string
  /** Written off against it already: the amount may not go below it (the service checks again). */
  matched: string
}

export const draftOf = (i: finance.Instalment): InstalmentDraft => ({
  id: i.id,
  kind: i.kind,
  dueDate: i.dueDate,
  amount: i.amount,
  note: i.note ?? '',
  matched: i.matched,
})

export const blankInstalment = (): InstalmentDraft => ({
  kind: 'progress',
  dueDate: null,
  amount: '',
  note: '',
  matched: '0.00',
})

/** The plan's live sum against the contract total: what the editor says and whether it may save. */
export function planBalance(lines: readonly InstalmentDraft[], total: string) {
  const sum = sumValid(lines.map((l) => l.amount))
  const allValid = lines.length > 0 && lines.every((l) => isMoney(l.amount) && l.dueDate)
  const diff = moneyMinus(total, sum)
  return { sum, diff, balanced: allValid && compareDecimal(sum, total) === 0 }
}

/** The PUT body: kept instalments carry their id (and what is written off against them). */
export const planBody = (lines: readonly InstalmentDraft[]): finance.PlanUpdate => ({
  instalments: lines.map((l) => ({
    ...(l.id ? { id: l.id } : {}),
    kind: l.kind,
    dueDate: l.dueDate ?? '',
    amount: l.amount.trim(),
    note: l.note.trim() || null,
  })),
})
