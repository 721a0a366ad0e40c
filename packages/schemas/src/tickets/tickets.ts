import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { Attachment } from '../attachments.js'
import { Id, PageQuery, RecordMeta } from '../common.js'
import { CreatedRange, dictValue, optionalText } from '../sales/common.js'

/**
 * A service ticket (工单, SPEC §3.1). The flow:
 *   new → assigned → in_progress ⇄ waiting_customer → resolved → closed
 * and `reopened` (from resolved when the contact says it is not solved, from closed with permission and a
 * reason within the reopen window), which is worked like `assigned`.
 */
export const TICKET_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
  'resolved',
  'closed',
  'reopened',
] as const
export const TicketStatus = z.enum(TICKET_STATUSES)
export type TicketStatus = z.infer<typeof TicketStatus>

/** Open = still to be worked on; a contract closes only when none of its tickets is open (SPEC §7.1). */
export const OPEN_TICKET_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
  'reopened',
] as const
export const isOpenTicketStatus = (status: TicketStatus) =>
  (OPEN_TICKET_STATUSES as readonly string[]).includes(status)

/** How the request reached us; `portal` is set by the portal only. */
export const TICKET_CHANNELS = ['phone', 'email', 'wechat', 'onsite', 'portal', 'other'] as const
export const TicketChannel = z.enum(TICKET_CHANNELS)
export type TicketChannel = z.infer<typeof TicketChannel>
export const StaffTicketChannel = TicketChannel.exclude(['portal'])

/** Satisfaction (满意度) 1–5. */
export const Satisfaction = z.coerce.number().int().min(1).max(5)

/** At most 9 images per ticket, uploaded first (images only: png, jpeg, gif, webp). */
export const TICKET_IMAGES_MAX = 9
export const TicketImageIds = z.array(Id).max(TICKET_IMAGES_MAX)

export const Ticket = z.object({
  ...RecordMeta,
  number: z.string(),
  /** Dictionary `ticket_type`. */
  type: z.string(),
  /** Dictionary `ticket_priority` (its items carry the SLA targets in business hours). */
  priority: z.string(),
  status: TicketStatus,
  channel: TicketChannel,
  customerId: Id,
  customerName: z.string(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  contractId: Id.nullable(),
  contractNumber: z.string().nullable(),
  orderId: Id.nullable(),
  orderNumber: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  /** The ticket's owner for data scope: the assignee (and their department). */
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  deptId: z.string().nullable(),
  /** SLA due times (null when the priority has no target). */
  responseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  /** First staff action on it (assignment counts as the response). */
  respondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  responseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
  resolution: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  feedback: z.string().nullable(),
  reopenCount: z.number().int(),
  /** Image attachments (the kit's `/attachments`), in the order given. */
  images: z.array(Attachment),
})
export type Ticket = z.infer<typeof Ticket>

/** Staff open a ticket; names (customer, contact, contract, order) are looked up by the service, never sent. */
export const TicketCreate = z.strictObject({
  type: dictValue,
  priority: dictValue,
  channel: StaffTicketChannel,
  customerId: Id,
  contactId: Id.nullable().optional(),
  contractId: Id.nullable().optional(),
  orderId: Id.nullable().optional(),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000),
  assigneeId: Id.nullable().optional(),
  imageIds: TicketImageIds.optional(),
})
export type TicketCreate = z.input<typeof TicketCreate>

/** Edits while the ticket is not closed; a new priority recomputes the due times from the creation time. */
export const TicketUpdate = z.strictObject({
  type: dictValue.optional(),
  priority: dictValue.optional(),
  contactId: Id.nullable().optional(),
  contractId: Id.nullable().optional(),
  orderId: Id.nullable().optional(),
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().min(1).max(5000).optional(),
  imageIds: TicketImageIds.optional(),
})
export type TicketUpdate = z.input<typeof TicketUpdate>

/** 批量修改 of tickets: priority and type (assignee through assign). */
export const TicketBulkEdit = bulkEditOf(TicketUpdate.pick({ priority: true, type: true }))
export type TicketBulkEdit = z.input<typeof TicketBulkEdit>

export const TicketAssign = z.strictObject({ assigneeId: Id, note: optionalText(1000) })
export type TicketAssign = z.input<typeof TicketAssign>

/** A processing step (处理): a note, optionally moving between in progress and waiting for the customer. */
export const TicketProcess = z.strictObject({
  note: z.string().trim().min(1).max(2000),
  status: z.enum(['in_progress', 'waiting_customer']).optional(),
  /** Internal notes are not shown in the portal. */
  internal: z.boolean().optional(),
})
export type TicketProcess = z.input<typeof TicketProcess>

export const TicketResolve = z.strictObject({ resolution: z.string().trim().min(1).max(5000) })
export type TicketResolve = z.input<typeof TicketResolve>

/** Feedback recorded by staff (e.g. taken by phone); the portal has its own confirm. */
export const TicketFeedback = z.strictObject({ satisfaction: Satisfaction, feedback: optionalText(1000) })
export type TicketFeedback = z.input<typeof TicketFeedback>

export const TicketClose = z.strictObject({ note: optionalText(1000) })
export type TicketClose = z.input<typeof TicketClose>

export const TicketReopen = z.strictObject({ reason: z.string().trim().min(1).max(1000) })
export type TicketReopen = z.input<typeof TicketReopen>

export const TICKET_LOG_ACTIONS = [
  'created',
  'updated',
  'assigned',
  'processed',
  'commented',
  'resolved',
  'feedback',
  'confirmed',
  'rejected',
  'closed',
  'reopened',
  'breached',
] as const
export const TicketLogAction = z.enum(TICKET_LOG_ACTIONS)

/** One step of the processing log (处理记录): who, when, what, a note. */
export const TicketLogEntry = z.object({
  id: Id,
  ticketId: Id,
  at: z.string(),
  action: TicketLogAction,
  actorKind: z.enum(['staff', 'contact', 'system']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  fromStatus: TicketStatus.nullable(),
  toStatus: TicketStatus.nullable(),
  note: z.string().nullable(),
  internal: z.boolean(),
})
export type TicketLogEntry = z.infer<typeof TicketLogEntry>

export const BREACH_KINDS = ['response', 'resolution', 'any'] as const

export const TicketListQuery = PageQuery.extend({
  /** Ticket number (from the start), title or customer name (any part). */
  q: optionalText(100),
  customerId: Id.optional(),
  contractId: Id.optional(),
  orderId: Id.optional(),
  type: dictValue.optional(),
  priority: dictValue.optional(),
  status: TicketStatus.optional(),
  /** Only tickets still to be worked on. */
  open: z.enum(['true', 'false']).optional(),
  assigneeId: Id.optional(),
  /** The breach list (超时工单). */
  breached: z.enum(BREACH_KINDS).optional(),
  ...CreatedRange,
})
export type TicketListQuery = z.infer<typeof TicketListQuery>
