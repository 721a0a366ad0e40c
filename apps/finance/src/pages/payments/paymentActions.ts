import type { finance } from '@mosaic/schemas'
import { compareDecimal } from '@mosaic/money'
import type { RowAction } from '@mosaic/ui'

export type PaymentAction = 'detail' | 'writeoff' | 'edit' | 'delete'

/** Whether a payment has money left to write off: confirmed and unmatched above zero. */
export const canWriteOff = (p: finance.Payment) =>
  p.status === 'confirmed' && compareDecimal(p.unmatched, '0') > 0

/**
 * A payment's actions: write off a confirmed one with money unmatched, edit its details, delete it
 * (the service answers 409 with why when it may not, e.g. something is written off). Each behind
 * its permission; the service decides again.
 */
export function paymentActions(
  p: finance.Payment,
  t: (key: string) => string,
  run: (action: PaymentAction, p: finance.Payment) => void,
  { detail = true }: { detail?: boolean } = {},
): RowAction[] {
  const action = (
    key: PaymentAction,
    permission: string | undefined,
    visible: boolean,
    type?: RowAction['type'],
  ): RowAction => ({
    key,
    label: t(`finance.payment.actions.${key}`),
    permission,
    visible,
    type,
    testId: `payment-${key}-${p.number}`,
    onClick: () => run(key, p),
  })
  return [
    action('detail', undefined, detail),
    action('writeoff', 'finance.payment.writeoff', canWriteOff(p), 'primary'),
    action('edit', 'finance.payment.update', true),
    action('delete', 'finance.payment.delete', true, 'danger'),
  ]
}
