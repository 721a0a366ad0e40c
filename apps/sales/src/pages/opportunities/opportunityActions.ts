import type { sales } from '@mosaic/schemas'
import type { RowAction } from '@mosaic/ui'

export type OpportunityAction =
  'detail' | 'edit' | 'followup' | 'close' | 'reopen' | 'transfer' | 'history' | 'delete'

/**
 * An opportunity's row actions. A closed opportunity the closure rule locked cannot be edited
 * from here (the button stays, disabled, and says why); it is reopened instead.
 */
export function opportunityActions(
  o: sales.Opportunity,
  t: (key: string) => string,
  run: (action: OpportunityAction, o: sales.Opportunity) => void,
): RowAction[] {
  const writable = o.access !== 'read'
  const mine = o.access === 'scope'
  const isOpen = o.status === 'open'
  // A close waiting for approval: nothing changes until the decision.
  const waiting = o.status === 'closing'
  const closed = !isOpen && !waiting
  const lockHint = waiting
    ? t('sales.opportunity.awaitingHint')
    : o.locked
      ? t('sales.opportunity.lockedHint')
      : undefined
  const id = o.id
  const action = (
    key: OpportunityAction,
    label: string,
    permission: string | undefined,
    visible: boolean,
    extra: Partial<RowAction> = {},
  ): RowAction => ({
    key,
    label,
    permission,
    visible,
    testId: `opportunity-${key}-${id}`,
    onClick: () => run(key, o),
    ...extra,
  })
  return [
    action('edit', t('common.edit'), 'sales.opportunity.update', writable, {
      disabled: o.locked || waiting,
      tooltip: lockHint,
    }),
    action('followup', t('sales.followup.action'), 'sales.followup.create', writable && isOpen),
    action('close', t('sales.opportunity.close'), 'sales.opportunity.close', writable && isOpen, {
      type: 'success',
    }),
    action('reopen', t('sales.opportunity.reopen'), 'sales.opportunity.reopen', writable && closed, {
      type: 'warning',
    }),
    action('detail', t('common.detail'), undefined, true),
    action('transfer', t('sales.transfer.action'), 'sales.opportunity.transfer', mine),
    action('history', t('sales.common.history'), undefined, true),
    action('delete', t('common.delete'), 'sales.opportunity.delete', mine, {
      type: 'danger',
      disabled: waiting,
      tooltip: waiting ? lockHint : undefined,
    }),
  ]
}
