import type { finance } from '@mosaic/schemas'
import type { RowAction } from '@mosaic/ui'

export type InvoiceAction = 'detail' | 'edit' | 'issue' | 'mail' | 'void' | 'delete'

/**
 * An invoice's actions by status (SPEC §4.2): a request is edited, issued or deleted; an issued one
 * is mailed; anything not yet voided may be voided with a reason. Each behind its permission.
 */
export function invoiceActions(
  i: finance.Invoice,
  t: (key: string) => string,
  run: (action: InvoiceAction, i: finance.Invoice) => void,
  { detail = true }: { detail?: boolean } = {},
): RowAction[] {
  const action = (
    key: InvoiceAction,
    permission: string | undefined,
    visible: boolean,
    type?: RowAction['type'],
  ): RowAction => ({
    key,
    label: t(`finance.invoice.actions.${key}`),
    permission,
    visible,
    type,
    testId: `invoice-${key}-${i.id}`,
    onClick: () => run(key, i),
  })
  return [
    action('detail', undefined, detail),
    action('issue', 'finance.invoice.update', i.status === 'requested', 'primary'),
    action('mail', 'finance.invoice.update', i.status === 'issued', 'primary'),
    action('edit', 'finance.invoice.update', i.status === 'requested'),
    action('void', 'finance.invoice.void', i.status !== 'voided', 'danger'),
    action('delete', 'finance.invoice.delete', i.status === 'requested', 'danger'),
  ]
}
