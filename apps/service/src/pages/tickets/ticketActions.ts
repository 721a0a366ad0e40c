import { tickets } from '@mosaic/schemas'
import type { RowAction } from '@mosaic/ui'

export type TicketAction =
  'detail' | 'assign' | 'process' | 'resolve' | 'feedback' | 'close' | 'reopen' | 'edit' | 'delete'

/** The steps with a dialog of their own (TicketStepDialog). */
export type TicketStep = 'assign' | 'process' | 'resolve' | 'feedback' | 'close'

const WORKED: readonly tickets.TicketStatus[] = ['assigned', 'in_progress', 'waiting_customer', 'reopened']

/**
 * A ticket's actions by status (SPEC §3.1), each behind its permission: an open ticket is assigned (转派
 * once it has an assignee) and edited; a worked one is processed and resolved; a resolved one takes the
 * customer's feedback and is closed (the service checks the closure rules); resolved or closed ones are
 * reopened with a reason; delete is for any ticket not closed. Processing and feedback are edits of the
 * ticket (tickets.ticket.update): the catalog has no code of their own.
 */
export function ticketActions(
  r: tickets.Ticket,
  t: (key: string) => string,
  run: (action: TicketAction, r: tickets.Ticket) => void,
  { detail = true }: { detail?: boolean } = {},
): RowAction[] {
  const open = tickets.isOpenTicketStatus(r.status)
  const action = (
    key: TicketAction,
    permission: string | undefined,
    visible: boolean,
    type?: RowAction['type'],
  ): RowAction => ({
    key,
    label: t(`service.ticket.actions.${key === 'assign' && r.assigneeId ? 'reassign' : key}`),
    permission,
    visible,
    type,
    testId: `ticket-${key}-${r.id}`,
    onClick: () => run(key, r),
  })
  return [
    action('detail', undefined, detail),
    action('assign', 'tickets.ticket.assign', open, r.assigneeId ? undefined : 'primary'),
    action('process', 'tickets.ticket.update', WORKED.includes(r.status), 'primary'),
    action('resolve', 'tickets.ticket.resolve', WORKED.includes(r.status), 'success'),
    action('feedback', 'tickets.ticket.update', r.status === 'resolved'),
    action('close', 'tickets.ticket.close', r.status === 'resolved', 'primary'),
    action('reopen', 'tickets.ticket.reopen', r.status === 'resolved' || r.status === 'closed', 'warning'),
    action('edit', 'tickets.ticket.update', r.status !== 'closed'),
    action('delete', 'tickets.ticket.delete', r.status !== 'closed', 'danger'),
  ]
}
