import { computed } from 'vue'
import { finance } from '@mosaic/schemas'
import { useText, type FilterField } from '@mosaic/ui'

export { DICT } from './constants'

/** Each status as a tag colour. */
export const TAGS = {
  receivable: { open: 'primary', collected: 'success', cancelled: 'info' },
  prepay: { none: 'info', pending: 'warning', partial: 'warning', paid: 'success', overdue: 'danger' },
  retention: { none: 'info', held: 'info', due: 'warning', partial: 'warning', released: 'success' },
  instalment: { unpaid: 'info', partial: 'warning', paid: 'success', overdue: 'danger', cancelled: 'info' },
  payment: { pending: 'warning', confirmed: 'success', rejected: 'danger' },
  invoice: { requested: 'warning', issued: 'primary', mailed: 'success', voided: 'info' },
  statement: { confirmed: 'success', disputed: 'danger' },
} as const

const labelsOf = (t: (k: string) => string, prefix: string, values: readonly string[]) =>
  Object.fromEntries(values.map((v) => [v, t(`${prefix}.${v}`)]))

/** Every finance status and kind in the reader's language (recomputed when it changes). */
export function useFinanceLabels() {
  const { t } = useText()
  return computed(() => ({
    receivable: labelsOf(t, 'finance.receivable.statuses', finance.RECEIVABLE_STATUSES),
    prepay: labelsOf(t, 'finance.receivable.prepayStatuses', finance.PREPAY_STATUSES),
    retention: labelsOf(t, 'finance.receivable.retentionStatuses', finance.RETENTION_STATUSES),
    instalment: labelsOf(t, 'finance.plan.statuses', finance.INSTALMENT_STATUSES),
    kind: labelsOf(t, 'finance.plan.kinds', finance.INSTALMENT_KINDS),
    payment: labelsOf(t, 'finance.payment.statuses', finance.PAYMENT_STATUSES),
    invoice: labelsOf(t, 'finance.invoice.statuses', finance.INVOICE_STATUSES),
    statement: labelsOf(t, 'finance.statement.statuses', finance.STATEMENT_RESPONSES),
  }))
}

/** Options of a select filter from a status list and its labels. */
export const optionsOf = (values: readonly string[], labels: Record<string, string>) =>
  values.map((value) => ({ value, label: labels[value] ?? value }))

/** A list's filter on one status column: a select of `values` in the reader's words. */
export const statusFilter = (
  prop: string,
  label: string,
  values: readonly string[],
  labels: Record<string, string>,
  width = 120,
): FilterField => ({ kind: 'select', prop, label, width, options: optionsOf(values, labels) })
