import type { EntityManager } from 'typeorm'
import { tickets, type NotificationRequest } from '@mosaic/schemas'
import { publishEvent } from '@mosaic/service-kit'
import type { TicketRow } from './tickets.entity.js'

const link = (id: string) => `/service/tickets?open=${id}`

/** `tickets.ticket.changed`: what orders keeps per ticket for its contracts' closure gate. */
export function publishTicketChanged(m: EntityManager, row: TicketRow, actorId: string | null = null) {
  const deleted = row.deletedAt !== null
  return publishEvent(m, {
    topic: 'tickets.ticket.changed',
    actorId,
    payload: {
      ticketId: row.id,
      number: row.number,
      customerId: row.customerId,
      contractId: row.contractId,
      orderId: row.orderId,
      status: row.status,
      open: tickets.isOpenTicketStatus(row.status) && !deleted,
      deleted,
      changedAt: new Date().toISOString(),
    },
  })
}

/** Whether an update changed what `tickets.ticket.changed` carries (status or links). */
export const changesWhatOrdersKeeps = (before: TicketRow, after: TicketRow) =>
  before.status !== after.status ||
  before.customerId !== after.customerId ||
  before.contractId !== after.contractId ||
  before.orderId !== after.orderId ||
  before.deletedAt?.getTime() !== after.deletedAt?.getTime()

const notice = (row: TicketRow, breach: 'response' | 'resolution' | null, dueAt: Date | null) => ({
  ticketId: row.id,
  number: row.number,
  title: row.title,
  customerName: row.customerName,
  assigneeId: row.assigneeId,
  breach,
  dueAt: dueAt?.toISOString() ?? null,
})

const clip = (s: string) => s.slice(0, 300)

/** `tickets.ticket.assigned`: the new assignee is told (admin stores the `notify` entry in their inbox). */
export function publishTicketAssigned(m: EntityManager, row: TicketRow, actorId: string | null) {
  const notify: NotificationRequest[] = row.assigneeId
    ? [
        {
          userId: row.assigneeId,
          kind: 'ticket_assigned',
          title: {
            zh: clip(`工单「${row.number}」已分派给你`),
            en: clip(`Ticket ${row.number} was assigned to you`),
          },
          body: {
            zh: clip(`${row.customerName}：${row.title}`),
            en: clip(`${row.customerName}: ${row.title}`),
          },
          link: link(row.id),
          entityType: 'ticket',
          entityId: row.id,
        },
      ]
    : []
  return publishEvent(m, {
    topic: 'tickets.ticket.assigned',
    actorId,
    payload: notice(row, null, null),
    notify,
  })
}

const BREACH_TEXT = {
  response: { zh: '响应', en: 'response' },
  resolution: { zh: '解决', en: 'resolution' },
}

/** `tickets.ticket.breached`: once per ticket and kind; the assignee (if any) is told. */
export function publishTicketBreached(m: EntityManager, row: TicketRow, breach: 'response' | 'resolution') {
  const dueAt = breach === 'response' ? row.responseDueAt : row.resolutionDueAt
  const notify: NotificationRequest[] = row.assigneeId
    ? [
        {
          userId: row.assigneeId,
          kind: 'ticket_breached',
          title: {
            zh: clip(`工单「${row.number}」已超过${BREACH_TEXT[breach].zh}时限`),
            en: clip(`Ticket ${row.number} missed its ${BREACH_TEXT[breach].en} target`),
          },
          body: {
            zh: clip(`${row.customerName}：${row.title}`),
            en: clip(`${row.customerName}: ${row.title}`),
          },
          link: link(row.id),
          entityType: 'ticket',
          entityId: row.id,
        },
      ]
    : []
  return publishEvent(m, { topic: 'tickets.ticket.breached', payload: notice(row, breach, dueAt), notify })
}
