import type { z } from 'zod'
import { DeptChangedPayload, RuleChangedPayload, UserChangedPayload } from './admin.js'
import { ApprovalDecidedPayload, ApprovalRequestedPayload } from './approvals.js'
import { ReceivableOverduePayload, ReceivableProgressedPayload } from './finance.js'
import {
  ContractApprovedPayload,
  ContractChangedPayload,
  ContractClosedPayload,
  ContractVoidedPayload,
  OrderClosedPayload,
  OrderShippedPayload,
} from './orders.js'
import {
  CustomerCreatedPayload,
  CustomerOwnerChangedPayload,
  CustomerRecycledPayload,
  CustomerRecycleWarnedPayload,
  CustomerReleasedPayload,
  FollowUpDuePayload,
  LeadAssignedPayload,
  LeadConvertedPayload,
  OpportunityClosedPayload,
  OpportunityReopenedPayload,
  RecordTransferredPayload,
} from './sales.js'
import { TicketChangedPayload, TicketNoticePayload } from './tickets.js'

/**
 * Every event a service may publish (`<service>.<resource>.<past-tense-verb>`) and the payload it
 * carries. The kit's `publishEvent` accepts only these topics and validates the payload against
 * its schema; `defineHandlers` parses it with the same schema before a handler sees it. A new
 * event is one line here and its schema beside the others.
 */
export const EVENTS = {
  'admin.user.changed': UserChangedPayload,
  'admin.dept.changed': DeptChangedPayload,
  'admin.rule.changed': RuleChangedPayload,
  'admin.approval.decided': ApprovalDecidedPayload,
  'orders.approval.requested': ApprovalRequestedPayload,
  'sales.approval.requested': ApprovalRequestedPayload,
  'finance.approval.requested': ApprovalRequestedPayload,
  'orders.contract.approved': ContractApprovedPayload,
  'orders.contract.changed': ContractChangedPayload,
  'orders.contract.voided': ContractVoidedPayload,
  'orders.contract.closed': ContractClosedPayload,
  'orders.order.shipped': OrderShippedPayload,
  'orders.order.closed': OrderClosedPayload,
  'sales.customer.created': CustomerCreatedPayload,
  'sales.customer.claimed': CustomerOwnerChangedPayload,
  'sales.customer.assigned': CustomerOwnerChangedPayload,
  'sales.customer.released': CustomerReleasedPayload,
  'sales.customer.recycled': CustomerRecycledPayload,
  'sales.customer.recycle-warned': CustomerRecycleWarnedPayload,
  'sales.customer.transferred': RecordTransferredPayload,
  'sales.lead.assigned': LeadAssignedPayload,
  'sales.lead.converted': LeadConvertedPayload,
  'sales.lead.transferred': RecordTransferredPayload,
  'sales.opportunity.closed': OpportunityClosedPayload,
  'sales.opportunity.reopened': OpportunityReopenedPayload,
  'sales.opportunity.transferred': RecordTransferredPayload,
  'sales.followup.due': FollowUpDuePayload,
  'finance.receivable.progressed': ReceivableProgressedPayload,
  'finance.receivable.overdue': ReceivableOverduePayload,
  'tickets.ticket.changed': TicketChangedPayload,
  'tickets.ticket.assigned': TicketNoticePayload,
  'tickets.ticket.breached': TicketNoticePayload,
} as const satisfies Record<string, z.ZodObject>

export type EventTopic = keyof typeof EVENTS
/** What a handler of `T` receives: the payload after parsing (defaults filled in). */
export type EventPayload<T extends EventTopic> = z.output<(typeof EVENTS)[T]>
/** What a publisher of `T` passes (fields with a default may be left out). */
export type EventPayloadInput<T extends EventTopic> = z.input<(typeof EVENTS)[T]>

export function isEventTopic(topic: string): topic is EventTopic {
  return Object.hasOwn(EVENTS, topic)
}
