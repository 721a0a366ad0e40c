import type { sales } from '@mosaic/schemas'
import type { RowAction } from '@mosaic/ui'

export type LeadDialog = 'form' | 'detail' | 'advance' | 'convert' | 'invalidate' | 'transfer' | 'followup'

interface Handlers {
  open: (dialog: LeadDialog, lead: sales.Lead, tab?: 'info' | 'audit') => void
  remove: (lead: sales.Lead) => void
}

/**
 * A lead's row actions. A converted or invalid lead is finished: it can still be read, moved
 * and deleted, but not worked on. Read-only team members only look; transfer and delete need
 * the record to be in the caller's own scope.
 */
export function leadActions(l: sales.Lead, t: (key: string) => string, h: Handlers): RowAction[] {
  const finished = l.status === 'converted' || l.status === 'invalid'
  const writable = l.access !== 'read'
  const mine = l.access === 'scope'
  const id = l.number
  return [
    {
      key: 'edit',
      label: t('common.edit'),
      permission: 'sales.lead.update',
      visible: writable && l.status !== 'converted',
      testId: `lead-edit-${id}`,
      onClick: () => h.open('form', l),
    },
    {
      key: 'followup',
      label: t('sales.followup.action'),
      permission: 'sales.followup.create',
      visible: writable && !finished,
      testId: `lead-followup-${id}`,
      onClick: () => h.open('followup', l),
    },
    {
      key: 'convert',
      label: t('sales.lead.convert'),
      permission: 'sales.lead.convert',
      visible: writable && !finished,
      testId: `lead-convert-${id}`,
      onClick: () => h.open('convert', l),
    },
    {
      key: 'advance',
      label: t('sales.lead.advance'),
      permission: 'sales.lead.update',
      visible: writable && !finished,
      testId: `lead-advance-${id}`,
      onClick: () => h.open('advance', l),
    },
    {
      key: 'invalidate',
      label: t('sales.lead.invalidate'),
      permission: 'sales.lead.invalidate',
      type: 'warning',
      visible: writable && !finished,
      testId: `lead-invalidate-${id}`,
      onClick: () => h.open('invalidate', l),
    },
    {
      key: 'transfer',
      label: t('sales.transfer.action'),
      permission: 'sales.lead.transfer',
      visible: mine && l.status !== 'converted',
      testId: `lead-transfer-${id}`,
      onClick: () => h.open('transfer', l),
    },
    {
      key: 'history',
      label: t('sales.common.history'),
      testId: `lead-history-${id}`,
      onClick: () => h.open('detail', l, 'audit'),
    },
    {
      key: 'delete',
      label: t('common.delete'),
      permission: 'sales.lead.delete',
      type: 'danger',
      visible: mine,
      testId: `lead-delete-${id}`,
      onClick: () => h.remove(l),
    },
  ]
}
