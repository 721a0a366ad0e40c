import { compareDecimal } from '@mosaic/money'
import type { orders } from '@mosaic/schemas'
import { formatMoney } from '@mosaic/ui'

/** What a contract's screens offer, by state and permission (the service checks both again). */
export type ContractAction =
  'edit' | 'submit' | 'order' | 'change' | 'close' | 'void' | 'terminate' | 'delete'

const EDITABLE = new Set<string>(['draft', 'rejected'])

/** The permission each action needs. */
export const CONTRACT_ACTION_PERMISSIONS: Record<ContractAction, string> = {
  edit: 'orders.contract.update',
  submit: 'orders.contract.submit',
  order: 'orders.order.create',
  change: 'orders.contract.update',
  close: 'orders.contract.close',
  void: 'orders.contract.void',
  terminate: 'orders.contract.terminate',
  delete: 'orders.contract.delete',
}

/**
 * The actions a contract's state allows: a draft or rejected one is edited, submitted or deleted;
 * one in force has orders made from it, is changed (unless a change already waits), closed (结单),
 * voided or terminated. Delete stays on
 * offer for a contract in force so that asking says why not and offers void / terminate instead.
 */
export function contractActions(c: orders.Contract, can: (code: string) => boolean): ContractAction[] {
  const byState: ContractAction[] = EDITABLE.has(c.status)
    ? ['edit', 'submit', 'delete']
    : c.status === 'approved'
      ? ['order', ...(c.pendingChange ? [] : (['change'] as const)), 'close', 'void', 'terminate', 'delete']
      : []
  return byState.filter((a) => can(CONTRACT_ACTION_PERMISSIONS[a]))
}

/** A contract's status as a tag type. */
export const CONTRACT_STATUS_TAGS = {
  draft: 'info',
  pending: 'warning',
  approved: 'success',
  closing: 'warning',
  completed: 'primary',
  closed: 'info',
  rejected: 'danger',
  terminated: 'danger',
  voided: 'info',
} as const

/** The labels of the actions (one list for the rows and the detail). */
export const CONTRACT_ACTION_LABELS: Record<ContractAction, string> = {
  edit: 'common.edit',
  submit: 'sales.contract.submit',
  order: 'sales.contract.createOrder',
  change: 'sales.contract.change',
  close: 'sales.contract.close',
  void: 'sales.contract.void',
  terminate: 'sales.contract.terminate',
  delete: 'common.delete',
}

/** Where "create order" goes: the orders page starts an order from the contract it is given. */
export const orderFromContract = (c: Pick<orders.Contract, 'id' | 'number'>) => ({
  path: '/sales/orders',
  query: { contract: c.id, contractLabel: c.number },
})

/** How many open ticket numbers the close dialog names (the count says how many in all). */
const TICKET_NUMBERS_SHOWN = 10

/**
 * What does not hold yet for closing (结单) a contract in force, in words: collected and invoiced
 * in full, from finance's figures on the contract (none reported: nothing yet), and no open ticket
 * about it (the tickets the contract carries, as the tickets service last reported them).
 */
export function contractCloseUnmet(
  c: orders.Contract,
  t: (key: string, params: Record<string, unknown>) => string,
): string[] {
  const received = c.receivable?.received ?? '0.00'
  const invoiced = c.receivable?.invoiced ?? '0.00'
  const total = formatMoney(c.total)
  return [
    compareDecimal(received, c.total) < 0 &&
      t('sales.contract.notFullyCollected', { received: formatMoney(received), total }),
    compareDecimal(invoiced, c.total) < 0 &&
      t('sales.contract.notFullyInvoiced', { invoiced: formatMoney(invoiced), total }),
    c.openTickets.length > 0 && t('sales.contract.ticketsOpen', ticketParams(c.openTickets)),
  ].filter((x): x is string => !!x)
}

const ticketParams = (numbers: string[]) => ({
  count: numbers.length,
  numbers:
    numbers.slice(0, TICKET_NUMBERS_SHOWN).join(', ') + (numbers.length > TICKET_NUMBERS_SHOWN ? ', …' : ''),
})
