import type { sales } from '@mosaic/schemas'
import type { RowAction } from '@mosaic/ui'

export type CustomerAction =
  'edit' | 'followup' | 'lock' | 'unlock' | 'release' | 'transfer' | 'history' | 'delete'

/**
 * A customer's actions (list rows and the detail header share them). Read-only team members
 * only look; moving, releasing and deleting need the customer in the caller's own scope.
 */
export function customerActions(
  c: sales.Customer,
  t: (key: string) => string,
  run: (action: CustomerAction, c: sales.Customer) => void,
  options: { history?: boolean } = {},
): RowAction[] {
  const writable = c.access !== 'read'
  const mine = c.access === 'scope'
  const owned = !!c.ownerId
  const id = c.number
  const action = (
    key: CustomerAction,
    label: string,
    permission: string,
    visible: boolean,
    type?: RowAction['type'],
  ): RowAction => ({
    key,
    label,
    permission,
    visible,
    type,
    testId: `customer-${key}-${id}`,
    onClick: () => run(key, c),
  })
  return [
    action('edit', t('common.edit'), 'sales.customer.update', writable),
    action('followup', t('sales.followup.action'), 'sales.followup.create', writable && owned),
    action('lock', t('sales.customer.lock'), 'sales.customer.lock', mine && owned && !c.locked),
    action('unlock', t('sales.customer.unlock'), 'sales.customer.lock', mine && c.locked),
    action('transfer', t('sales.transfer.action'), 'sales.customer.transfer', mine),
    action(
      'release',
      t('sales.customer.release'),
      'sales.pool.release',
      mine && owned && !c.locked,
      'warning',
    ),
    action('history', t('sales.common.history'), 'sales.customer.read', options.history !== false),
    action('delete', t('common.delete'), 'sales.customer.delete', mine, 'danger'),
  ]
}
