import { z } from 'zod'
import { Attachment } from '../attachments.js'
import { AuditEntry, pageOf, RecycleBinItem } from '../common.js'
import * as finance from '../finance/index.js'
import * as tickets from '../tickets/index.js'
import { defineRoutes } from './contract.js'
import { bulkRoutesOf, dashboardRouteOf, prefixed } from './workbench.js'

/**
 * The tickets service's staff routes (`/api/tickets/*`, admin-issued staff tokens), by client method:
 * tickets, their processing log and images, the SLA settings, portal accounts and the lookups of customers,
 * contacts, contracts and orders the forms offer.
 */
export const ticketsRoutes = defineRoutes({
  listTickets: {
    method: 'get',
    path: '/api/tickets/tickets',
    query: tickets.TicketListQuery,
    response: pageOf(tickets.Ticket),
  },
  getTicket: { method: 'get', path: '/api/tickets/tickets/:id', response: tickets.Ticket },
  createTicket: {
    method: 'post',
    path: '/api/tickets/tickets',
    body: tickets.TicketCreate,
    response: tickets.Ticket,
  },
  updateTicket: {
    method: 'patch',
    path: '/api/tickets/tickets/:id',
    body: tickets.TicketUpdate,
    response: tickets.Ticket,
  },
  deleteTicket: { method: 'delete', path: '/api/tickets/tickets/:id' },
  restoreTicket: { method: 'post', path: '/api/tickets/tickets/:id/restore' },
  ticketAudit: { method: 'get', path: '/api/tickets/tickets/:id/audit', response: pageOf(AuditEntry) },
  ticketLog: {
    method: 'get',
    path: '/api/tickets/tickets/:id/log',
    response: z.array(tickets.TicketLogEntry),
  },
  assignTicket: {
    method: 'post',
    path: '/api/tickets/tickets/:id/assign',
    body: tickets.TicketAssign,
    response: tickets.Ticket,
  },
  processTicket: {
    method: 'post',
    path: '/api/tickets/tickets/:id/process',
    body: tickets.TicketProcess,
    response: tickets.Ticket,
  },
  resolveTicket: {
    method: 'post',
    path: '/api/tickets/tickets/:id/resolve',
    body: tickets.TicketResolve,
    response: tickets.Ticket,
  },
  recordTicketFeedback: {
    method: 'post',
    path: '/api/tickets/tickets/:id/feedback',
    body: tickets.TicketFeedback,
    response: tickets.Ticket,
  },
  closeTicket: {
    method: 'post',
    path: '/api/tickets/tickets/:id/close',
    body: tickets.TicketClose,
    response: tickets.Ticket,
  },
  reopenTicket: {
    method: 'post',
    path: '/api/tickets/tickets/:id/reopen',
    body: tickets.TicketReopen,
    response: tickets.Ticket,
  },

  getSlaSettings: { method: 'get', path: '/api/tickets/sla/settings', response: tickets.SlaSettings },
  updateSlaSettings: {
    method: 'put',
    path: '/api/tickets/sla/settings',
    body: tickets.SlaSettingsUpdate,
    response: tickets.SlaSettings,
  },
  slaTargets: { method: 'get', path: '/api/tickets/sla/targets', response: z.array(tickets.SlaTarget) },

  listPortalAccounts: {
    method: 'get',
    path: '/api/tickets/portal-accounts',
    query: tickets.PortalAccountListQuery,
    response: pageOf(tickets.PortalAccount),
  },
  getPortalAccount: {
    method: 'get',
    path: '/api/tickets/portal-accounts/:id',
    response: tickets.PortalAccount,
  },
  createPortalAccount: {
    method: 'post',
    path: '/api/tickets/portal-accounts',
    body: tickets.PortalAccountCreate,
    response: tickets.PortalAccount,
  },
  updatePortalAccount: {
    method: 'patch',
    path: '/api/tickets/portal-accounts/:id',
    body: tickets.PortalAccountUpdate,
    response: tickets.PortalAccount,
  },
  resetPortalPassword: {
    method: 'post',
    path: '/api/tickets/portal-accounts/:id/reset-password',
    body: tickets.PortalPasswordReset,
    response: tickets.PortalAccount,
  },
  deletePortalAccount: { method: 'delete', path: '/api/tickets/portal-accounts/:id' },

  customerOptions: {
    method: 'get',
    path: '/api/tickets/lookups/customers',
    query: tickets.CustomerOptionQuery,
    response: z.array(tickets.CustomerOption),
  },
  customerLinks: {
    method: 'get',
    path: '/api/tickets/lookups/customers/:id',
    response: tickets.CustomerLinks,
  },

  audit: { method: 'get', path: '/api/tickets/audit', response: pageOf(AuditEntry) },
  recycleBin: { method: 'get', path: '/api/tickets/recycle-bin', response: pageOf(RecycleBinItem) },
  purge: { method: 'delete', path: '/api/tickets/recycle-bin/:entityType/:id' },

  // 8/8: bulk and the dashboard (contracts/workbench.ts)
  ...prefixed('tickets', bulkRoutesOf('/api/tickets/tickets', tickets.TicketBulkEdit)),
  ...dashboardRouteOf('tickets'),
})

/**
 * The customer portal's routes (`/api/tickets/portal/*`), called with a portal token only. Kept apart from
 * `ticketsRoutes` so the sweep over every staff route never includes them, and the portal's client never
 * calls a staff route.
 */
export const portalRoutes = defineRoutes({
  login: {
    method: 'post',
    path: '/api/tickets/portal/auth/login',
    body: tickets.PortalLogin,
    response: tickets.PortalSession,
  },
  logout: { method: 'post', path: '/api/tickets/portal/auth/logout' },
  me: { method: 'get', path: '/api/tickets/portal/me', response: tickets.PortalMe },
  changePassword: {
    method: 'post',
    path: '/api/tickets/portal/me/password',
    body: tickets.PortalPasswordChange,
  },
  listTickets: {
    method: 'get',
    path: '/api/tickets/portal/tickets',
    query: tickets.PortalTicketListQuery,
    response: pageOf(tickets.PortalTicket),
  },
  getTicket: { method: 'get', path: '/api/tickets/portal/tickets/:id', response: tickets.PortalTicketDetail },
  createTicket: {
    method: 'post',
    path: '/api/tickets/portal/tickets',
    body: tickets.PortalTicketCreate,
    response: tickets.PortalTicket,
  },
  commentTicket: {
    method: 'post',
    path: '/api/tickets/portal/tickets/:id/comments',
    body: tickets.PortalComment,
    response: tickets.PortalTicketDetail,
  },
  confirmTicket: {
    method: 'post',
    path: '/api/tickets/portal/tickets/:id/confirm',
    body: tickets.PortalConfirm,
    response: tickets.PortalTicketDetail,
  },
  rejectTicket: {
    method: 'post',
    path: '/api/tickets/portal/tickets/:id/reject',
    body: tickets.PortalReject,
    response: tickets.PortalTicketDetail,
  },
  /** The raw image as the body (Content-Type, `X-File-Name`), like the kit's staff `POST /attachments`. */
  uploadImage: { method: 'post', path: '/api/tickets/portal/attachments', response: Attachment },
  /** An image of one of the customer's tickets (or the caller's own upload). */
  image: { method: 'get', path: '/api/tickets/portal/attachments/:id' },
  documents: {
    method: 'get',
    path: '/api/tickets/portal/documents',
    response: tickets.CustomerDocumentOptions,
  },
  listOrders: { method: 'get', path: '/api/tickets/portal/orders', response: tickets.PortalOrderList },
  statement: {
    method: 'get',
    path: '/api/tickets/portal/statement',
    query: tickets.StatementPeriod,
    response: finance.Statement,
  },
  respondToStatement: {
    method: 'post',
    path: '/api/tickets/portal/statement/responses',
    body: finance.StatementRespond,
    response: finance.StatementResponse,
  },
})
