import { attachmentPolicy, RecordStore } from '@mosaic/service-kit'
import { TicketEntity, type TicketRow } from './tickets.entity.js'
import { publishTicketChanged } from './tickets.events.js'

/**
 * Tickets, scoped by their owner, the assignee, and the assignee's department. An unassigned ticket is the
 * service desk's shared queue: every holder of tickets.ticket.read sees it until someone takes it (a contact's
 * ticket from the portal has no department to belong to; decision 105). Status, times, breach flags and the looked-up names move only by the service's own actions.
 * Creation, deletion and restore publish `tickets.ticket.changed` here; the actions publish it when they
 * change the status or links (`saveTicket`).
 */
export const ticketStore = new RecordStore<TicketRow>({
  entityType: 'ticket',
  entity: TicketEntity,
  title: (t) => `${t.number} ${t.title}`,
  systemFields: [
    'number',
    'status',
    'channel',
    'customerId',
    'customerName',
    'contactName',
    'contractNumber',
    'orderNumber',
    'assigneeId',
    'assigneeName',
    'deptId',
    'responseDueAt',
    'resolutionDueAt',
    'respondedAt',
    'resolvedAt',
    'closedAt',
    'responseBreached',
    'resolutionBreached',
    'resolution',
    'satisfaction',
    'feedback',
    'reopenCount',
  ],
  internalFields: ['responseBreachTold', 'resolutionBreachTold'],
  scope: { owner: 'assigneeId', dept: 'deptId', unownedShared: true },
  onChange: async (m, row, action) => {
    if (action === 'create' || action === 'delete' || action === 'restore') await publishTicketChanged(m, row)
  },
})

/** PNG, JPEG, GIF and WebP only: a ticket's images are screenshots and photos. */
export const TICKET_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const

/** A file is as visible as the tickets carrying it; only its uploader attaches it to a ticket. */
export const ticketImages = attachmentPolicy([{ store: ticketStore, field: 'images' }])
