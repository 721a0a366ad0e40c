import { z } from 'zod'
import { Id } from '../common.js'
import { TicketStatus } from '../tickets/tickets.js'

/**
 * `tickets.ticket.changed`: a ticket was opened, changed status or links, or was deleted/restored. Orders keeps
 * the latest per ticket (by `changedAt`) to know whether a contract has open tickets (closure gate, SPEC §7.1).
 */
export const TicketChangedPayload = z.object({
  ticketId: Id,
  number: z.string(),
  customerId: Id,
  contractId: Id.nullable(),
  orderId: Id.nullable(),
  status: TicketStatus,
  /** Still to be worked on (not resolved, closed or deleted). */
  open: z.boolean(),
  deleted: z.boolean(),
  /** When the change was made (ISO); a consumer ignores an older one than it holds. */
  changedAt: z.string(),
})
export type TicketChangedPayload = z.infer<typeof TicketChangedPayload>

/**
 * `tickets.ticket.assigned` and `tickets.ticket.breached`: admin tells the assignee (notification inbox). A
 * breach is published once per ticket and kind, when the SLA round finds the due time passed.
 */
export const TicketNoticePayload = z.object({
  ticketId: Id,
  number: z.string(),
  title: z.string(),
  customerName: z.string(),
  assigneeId: Id.nullable(),
  /** For a breach: which target, and its due time (ISO). */
  breach: z.enum(['response', 'resolution']).nullable(),
  dueAt: z.string().nullable(),
})
export type TicketNoticePayload = z.infer<typeof TicketNoticePayload>
