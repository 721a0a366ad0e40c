import { z } from 'zod'
import { Id, IsoDate, PageQuery } from '../common.js'
import { dictValue, optionalText } from '../sales/common.js'
import { PortalPassword } from './portal-accounts.js'
import { Satisfaction, Ticket, TicketImageIds, TicketLogEntry, TicketStatus } from './tickets.js'

/**
 * The customer portal (SPEC §3.2, §7.5), served under `/api/tickets/portal/*`. A portal token (audience
 * `portal`, signed by the tickets service) names the account and its customer; every portal route answers
 * for that customer only, and no staff route accepts such a token. The portal's orders and reconciliation
 * statement come from the orders and finance services through the tickets service (service tokens).
 */
export const PORTAL_AUDIENCE = 'portal'

export const PortalLogin = z.strictObject({
  account: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
})
export type PortalLogin = z.input<typeof PortalLogin>

export const PortalMe = z.object({
  accountId: Id,
  account: z.string(),
  displayName: z.string(),
  customerId: Id,
  customerName: z.string(),
  contactId: Id,
  contactName: z.string(),
})
export type PortalMe = z.infer<typeof PortalMe>

/** A signed-in portal session: a bearer token valid until `expiresAt` (or until the account is disabled). */
export const PortalSession = z.object({ token: z.string(), expiresAt: z.string(), me: PortalMe })
export type PortalSession = z.infer<typeof PortalSession>

export const PortalPasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: PortalPassword,
})
export type PortalPasswordChange = z.input<typeof PortalPasswordChange>

/** What a contact sees of a ticket: no assignee details beyond a name, no internal notes. */
export const PortalTicket = Ticket.pick({
  id: true,
  number: true,
  type: true,
  priority: true,
  status: true,
  channel: true,
  title: true,
  description: true,
  contactName: true,
  contractNumber: true,
  orderNumber: true,
  assigneeName: true,
  createdAt: true,
  resolvedAt: true,
  closedAt: true,
  resolution: true,
  satisfaction: true,
  feedback: true,
  images: true,
})
export type PortalTicket = z.infer<typeof PortalTicket>

export const PortalTicketDetail = PortalTicket.extend({
  log: z.array(TicketLogEntry),
})
export type PortalTicketDetail = z.infer<typeof PortalTicketDetail>

export const PortalTicketListQuery = PageQuery.extend({
  status: TicketStatus.optional(),
  open: z.enum(['true', 'false']).optional(),
})
export type PortalTicketListQuery = z.infer<typeof PortalTicketListQuery>

/** A contact's request; the customer and contact come from the token, the channel is `portal`. */
export const PortalTicketCreate = z.strictObject({
  type: dictValue,
  priority: dictValue.optional(),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000),
  contractId: Id.nullable().optional(),
  orderId: Id.nullable().optional(),
  imageIds: TicketImageIds.optional(),
})
export type PortalTicketCreate = z.input<typeof PortalTicketCreate>

export const PortalComment = z.strictObject({ note: z.string().trim().min(1).max(2000) })
export type PortalComment = z.input<typeof PortalComment>

/** The contact confirms the resolution and rates it; the ticket closes when the closure rules are met. */
export const PortalConfirm = z.strictObject({ satisfaction: Satisfaction, feedback: optionalText(1000) })
export type PortalConfirm = z.input<typeof PortalConfirm>

/** Not solved: the ticket goes back to the agent as `reopened`. */
export const PortalReject = z.strictObject({ reason: z.string().trim().min(1).max(1000) })
export type PortalReject = z.input<typeof PortalReject>

/** The customer's sales orders with their shipments (from the orders service). */
export const PortalShipment = z.object({
  id: Id,
  status: z.string(),
  /** Dictionary `courier_company`. */
  courier: z.string(),
  trackingNumber: z.string(),
  shippedDate: z.string(),
  deliveredAt: z.string().nullable(),
  items: z.array(z.object({ productName: z.string(), unit: z.string().nullable(), quantity: z.string() })),
})
export type PortalShipment = z.infer<typeof PortalShipment>

export const PortalOrder = z.object({
  id: Id,
  number: z.string(),
  status: z.string(),
  contractNumber: z.string(),
  contractName: z.string(),
  createdAt: z.string(),
  deliveryDate: z.string().nullable(),
  total: z.string(),
  shippedPercent: z.number().int(),
  lines: z.array(
    z.object({
      productName: z.string(),
      unit: z.string().nullable(),
      quantity: z.string(),
      shippedQuantity: z.string(),
    }),
  ),
  shipments: z.array(PortalShipment),
})
export type PortalOrder = z.infer<typeof PortalOrder>

export const PortalOrderList = z.object({ items: z.array(PortalOrder) })
export type PortalOrderList = z.infer<typeof PortalOrderList>

/** A statement period: whole days, `from` ≤ `to`, at most a year and a day apart. */
export const StatementPeriod = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'validation.period_order' })
export type StatementPeriod = z.infer<typeof StatementPeriod>
