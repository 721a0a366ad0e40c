import { tickets, type Page, type RecycleBinItem } from '@mosaic/schemas'
import { salesRoutes, ticketsRoutes as routes } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'
import type { ListParams, PickerUser } from '@mosaic/ui'

/** The tickets service's staff calls the service screens make; no URL is written here. */
export const call = contractCaller(api)
export { routes }

export type Versioned = { id: string; version: number }
export const byId = (id: string) => ({ params: { id } })
export const versioned = (r: Versioned) => ({ params: { id: r.id }, ifMatch: r.version })

/** A ticket's or an account's URL, which its audit trail hangs off. */
export const ticketRecordPath = (resource: 'tickets' | 'portal-accounts', id: string) =>
  `/api/tickets/${resource}/${id}`

/** Where ticket images are uploaded (the kit's attachments resource of the tickets service). */
export const TICKET_ATTACHMENTS = '/api/tickets/attachments'

/** The recycle bin's resource of each deleted record type. */
export const SERVICE_RESTORE_PATHS: Record<string, string> = { ticket: 'tickets' }

type Filters<Q> = ListParams & Partial<Omit<Q, 'limit' | 'page' | 'cursor'>>

export const serviceApi = {
  listTickets: (q: Filters<tickets.TicketListQuery>) => call(routes.listTickets, { query: q }),
  getTicket: (id: string) => call(routes.getTicket, byId(id)),
  createTicket: (body: tickets.TicketCreate) => call(routes.createTicket, { body }),
  updateTicket: (r: Versioned, body: tickets.TicketUpdate) =>
    call(routes.updateTicket, { ...versioned(r), body }),
  deleteTicket: (r: Versioned) => call(routes.deleteTicket, versioned(r)),
  ticketLog: (id: string) => call(routes.ticketLog, byId(id)),
  assign: (r: Versioned, body: tickets.TicketAssign) => call(routes.assignTicket, { ...versioned(r), body }),
  process: (r: Versioned, body: tickets.TicketProcess) =>
    call(routes.processTicket, { ...versioned(r), body }),
  resolve: (r: Versioned, body: tickets.TicketResolve) =>
    call(routes.resolveTicket, { ...versioned(r), body }),
  feedback: (r: Versioned, body: tickets.TicketFeedback) =>
    call(routes.recordTicketFeedback, { ...versioned(r), body }),
  close: (r: Versioned, body: tickets.TicketClose) => call(routes.closeTicket, { ...versioned(r), body }),
  reopen: (r: Versioned, body: tickets.TicketReopen) => call(routes.reopenTicket, { ...versioned(r), body }),

  listAccounts: (q: Filters<tickets.PortalAccountListQuery>) => call(routes.listPortalAccounts, { query: q }),
  createAccount: (body: tickets.PortalAccountCreate) => call(routes.createPortalAccount, { body }),
  updateAccount: (r: Versioned, body: tickets.PortalAccountUpdate) =>
    call(routes.updatePortalAccount, { ...versioned(r), body }),
  resetPassword: (r: Versioned, body: tickets.PortalPasswordReset) =>
    call(routes.resetPortalPassword, { ...versioned(r), body }),
  deleteAccount: (r: Versioned) => call(routes.deletePortalAccount, versioned(r)),

  customerLinks: (id: string) => call(routes.customerLinks, byId(id)),

  // The recycle bin page's calls (RecycleBinPage).
  recycleBin: (q: ListParams): Promise<Page<RecycleBinItem>> => call(routes.recycleBin, { query: q }),
  restore: (resource: string, id: string): Promise<unknown> => {
    if (resource === 'tickets') return call(routes.restoreTicket, byId(id))
    return Promise.reject(new Error(`service: cannot restore "${resource}"`))
  },
  purge: (item: RecycleBinItem) =>
    call(routes.purge, { params: { entityType: item.entityType, id: item.id } }),
}

/** Customers by name, as the pickers want them (the tickets service's lookup, not scoped by sales). */
export const searchCustomers = (q: string): Promise<PickerUser[]> =>
  call(routes.customerOptions, { query: { q: q || undefined, limit: 20 } }).then((list) =>
    list.map((c) => ({ id: c.id, displayName: c.name })),
  )

/**
 * Assignees from the sales user directory: the tickets service keeps no directory of its own, and every
 * role that works tickets (service_agent included) may read it through sales.customer.read.
 */
export const searchUsers = (q: string): Promise<PickerUser[]> =>
  call(salesRoutes.users, { query: { q: q || undefined, limit: 20 } }).then((list) =>
    list.map((u) => ({ id: u.id, displayName: u.displayName, username: u.username })),
  )
