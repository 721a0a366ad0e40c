import { tickets } from '@mosaic/schemas'
import { field, registerRecordTypes, type RecordTypeSpec } from '@mosaic/ui/records'
import { DICT } from './labels'

/**
 * Service record types as every history view shows them (the drawers' 操作记录, admin's audit search): each
 * field once with its label and kind; derived names stand in for the ids they name, bookkeeping is left out.
 */
const optionsOf = (prefix: string, values: readonly string[]) =>
  Object.fromEntries(values.map((v) => [v, `${prefix}.${v}`]))

export const serviceRecordTypes: Record<string, RecordTypeSpec> = {
  ticket: {
    service: 'tickets',
    label: 'service.entityTypes.ticket',
    link: (id) => `/service/tickets?open=${id}`,
    fields: {
      number: field.text('service.ticket.number'),
      title: field.text('service.ticket.titleField'),
      type: field.dict(DICT.type, 'service.ticket.type'),
      priority: field.dict(DICT.priority, 'service.ticket.priority'),
      status: field.enum(
        'service.ticket.status',
        optionsOf('service.ticket.statuses', tickets.TICKET_STATUSES),
      ),
      channel: field.enum(
        'service.ticket.channel',
        optionsOf('service.ticket.channels', tickets.TICKET_CHANNELS),
      ),
      customerId: field.hidden,
      customerName: field.text('service.ticket.customer'),
      contactId: field.hidden,
      contactName: field.text('service.ticket.contact'),
      contractId: field.hidden,
      contractNumber: field.text('service.ticket.contract'),
      orderId: field.hidden,
      orderNumber: field.text('service.ticket.order'),
      description: field.text('service.ticket.description'),
      assigneeId: field.user('service.ticket.assignee', 'assigneeName'),
      deptId: field.hidden,
      responseDueAt: field.datetime('service.ticket.responseDue'),
      resolutionDueAt: field.datetime('service.ticket.resolutionDue'),
      respondedAt: field.datetime('service.ticket.respondedAt'),
      resolvedAt: field.datetime('service.ticket.resolvedAt'),
      closedAt: field.datetime('service.ticket.closedAt'),
      responseBreached: field.boolean('service.ticket.breachKinds.response'),
      resolutionBreached: field.boolean('service.ticket.breachKinds.resolution'),
      resolution: field.text('service.ticket.resolution'),
      satisfaction: field.number('service.ticket.satisfaction'),
      feedback: field.text('service.ticket.feedback'),
      reopenCount: field.number('service.ticket.reopenCount'),
      images: field.hidden,
    },
  },
  portal_account: {
    service: 'tickets',
    label: 'service.entityTypes.portalAccount',
    link: (id) => `/service/portal-accounts?open=${id}`,
    fields: {
      customerId: field.hidden,
      customerName: field.text('service.account.customer'),
      contactId: field.hidden,
      contactName: field.text('service.account.contact'),
      account: field.text('service.account.account'),
      displayName: field.text('service.account.displayName'),
      enabled: field.boolean('service.account.enabled'),
      lastLoginAt: field.hidden,
    },
  },
}

registerRecordTypes(serviceRecordTypes)
