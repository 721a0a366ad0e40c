import type { orders } from '@mosaic/schemas'

/** What a contract's screens offer, by state and permission (the service checks both again). */
export type ContractAction = 'edit' | 'submit' | 'change' | 'void' | 'terminate' | 'delete'

const EDITABLE = new Set<string>(['draft', 'rejected'])

/** The permission each action needs. */
export const CONTRACT_ACTION_PERMISSIONS: Record<ContractAction, string> = {
  edit: 'orders.contract.update',
  submit: 'orders.contract.submit',
  change: 'orders.contract.update',
  void: 'orders.contract.void',
  terminate: 'orders.contract.terminate',
  delete: 'orders.contract.delete',
}

/**
 * The actions a contract's state allows: a draft or rejected one is edited, submitted or deleted;
 * one in force is changed (unless a change already waits), voided or terminated. Delete stays on
 * offer for a contract in force so that asking says why not and offers void / terminate instead.
 */
export function contractActions(c: orders.Contract, can: (code: string) => boolean): ContractAction[] {
  const byState: ContractAction[] = EDITABLE.has(c.status)
    ? ['edit', 'submit', 'delete']
    : c.status === 'approved'
      ? [...(c.pendingChange ? [] : (['change'] as const)), 'void', 'terminate', 'delete']
      : []
  return byState.filter((a) => can(CONTRACT_ACTION_PERMISSIONS[a]))
}

/** A contract's status as a tag type. */
export const CONTRACT_STATUS_TAGS = {
  draft: 'info',
  pending: 'warning',
  approved: 'success',
  completed: 'primary',
  closed: 'info',
  rejected: 'danger',
  terminated: 'danger',
  voided: 'info',
} as const
