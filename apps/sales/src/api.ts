import type { Page, RecycleBinItem, sales } from '@mosaic/schemas'
import { salesRoutes as routes } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'
import type { ListParams, PickerUser } from '@mosaic/ui'

const BASE = '/api/sales'

/** Every call goes through a route contract of `@mosaic/schemas/contracts`: no URL is written here. */
const call = contractCaller(api)

/** A request body as its zod schema accepts it (defaults may be left out); never redefined here. */
type In<S extends { _zod: { input: unknown } }> = S['_zod']['input']
type Versioned = { id: string; version: number }

export type TeamResource = 'customers' | 'opportunities'

/** Record types the sales service keeps in its recycle bin, and the resource path that restores each. */
export const RESTORE_PATHS: Record<string, string> = {
  lead: 'leads',
  customer: 'customers',
  contact: 'contacts',
  followup: 'followups',
  opportunity: 'opportunities',
}

/** The restore route of each resource path in RESTORE_PATHS. */
const RESTORE_ROUTES = {
  leads: routes.restoreLead,
  customers: routes.restoreCustomer,
  contacts: routes.restoreContact,
  followups: routes.restoreFollowUp,
  opportunities: routes.restoreOpportunity,
}

const TEAM_ROUTES = {
  customers: {
    list: routes.customerTeam,
    add: routes.addCustomerTeamMember,
    update: routes.updateCustomerTeamMember,
    remove: routes.removeCustomerTeamMember,
  },
  opportunities: {
    list: routes.opportunityTeam,
    add: routes.addOpportunityTeamMember,
    update: routes.updateOpportunityTeamMember,
    remove: routes.removeOpportunityTeamMember,
  },
} as const

/** The record's URL, which its audit trail and versions hang off (the shared history components take it). */
export const recordPath = (resource: string, id: string) => `${BASE}/${resource}/${id}`

const byId = (id: string) => ({ params: { id } })
const versioned = (r: Versioned) => ({ params: { id: r.id }, ifMatch: r.version })

/** Typed calls to the sales service; pages never build URLs themselves. */
export const salesApi = {
  base: BASE,
  users: (q: string) => call(routes.users, { query: { q, limit: 20 } }),

  listLeads: (q: ListParams): Promise<Page<sales.Lead>> => call(routes.listLeads, { query: q }),
  getLead: (id: string) => call(routes.getLead, byId(id)),
  createLead: (body: sales.LeadCreate) => call(routes.createLead, { body }),
  updateLead: (l: Versioned, body: sales.LeadUpdate) => call(routes.updateLead, { ...versioned(l), body }),
  deleteLead: (l: Versioned) => call(routes.deleteLead, versioned(l)),
  advanceLead: (l: Versioned, body: In<typeof sales.LeadAdvance>) =>
    call(routes.advanceLead, { ...versioned(l), body }),
  invalidateLead: (l: Versioned, body: In<typeof sales.LeadInvalidate>) =>
    call(routes.invalidateLead, { ...versioned(l), body }),
  convertLead: (l: Versioned, body: sales.LeadConvert) => call(routes.convertLead, { ...versioned(l), body }),
  bulkAssignLeads: (body: In<typeof sales.BulkAssign>) => call(routes.bulkAssignLeads, { body }),
  recycleInvalidLeads: (body: In<typeof sales.RecycleInvalidLeads>) =>
    call(routes.recycleInvalidLeads, { body }),

  listCustomers: (q: ListParams): Promise<Page<sales.Customer>> => call(routes.listCustomers, { query: q }),
  getCustomer: (id: string) => call(routes.getCustomer, byId(id)),
  createCustomer: (body: sales.CustomerCreate) => call(routes.createCustomer, { body }),
  updateCustomer: (c: Versioned, body: sales.CustomerUpdate) =>
    call(routes.updateCustomer, { ...versioned(c), body }),
  deleteCustomer: (c: Versioned) => call(routes.deleteCustomer, versioned(c)),
  duplicates: (name: string, excludeId?: string) =>
    call(routes.customerDuplicates, { query: { name, excludeId } }),
  lockCustomer: (c: Versioned) => call(routes.lockCustomer, versioned(c)),
  unlockCustomer: (c: Versioned) => call(routes.unlockCustomer, versioned(c)),
  releaseCustomer: (c: Versioned, body: In<typeof sales.ReleaseToPool>) =>
    call(routes.releaseCustomer, { ...versioned(c), body }),
  customerContacts: (id: string) => call(routes.customerContacts, byId(id)),
  customerReceivables: (id: string) => call(routes.customerReceivablesSummary, byId(id)),

  listContacts: (q: ListParams): Promise<Page<sales.Contact>> => call(routes.listContacts, { query: q }),
  getContact: (id: string) => call(routes.getContact, byId(id)),
  createContact: (body: sales.ContactCreate) => call(routes.createContact, { body }),
  updateContact: (c: Versioned, body: sales.ContactUpdate) =>
    call(routes.updateContact, { ...versioned(c), body }),
  deleteContact: (c: Versioned) => call(routes.deleteContact, versioned(c)),

  team: (resource: TeamResource, id: string) => call(TEAM_ROUTES[resource].list, byId(id)),
  addTeamMember: (resource: TeamResource, id: string, body: In<typeof sales.TeamMemberAdd>) =>
    call(TEAM_ROUTES[resource].add, { params: { id }, body }),
  updateTeamMember: (
    resource: TeamResource,
    id: string,
    userId: string,
    body: In<typeof sales.TeamMemberUpdate>,
  ) => call(TEAM_ROUTES[resource].update, { params: { id, userId }, body }),
  removeTeamMember: (resource: TeamResource, id: string, userId: string) =>
    call(TEAM_ROUTES[resource].remove, { params: { id, userId } }),

  listFollowUps: (q: ListParams): Promise<Page<sales.FollowUp>> => call(routes.listFollowUps, { query: q }),
  getFollowUp: (id: string) => call(routes.getFollowUp, byId(id)),
  createFollowUp: (body: sales.FollowUpCreate) => call(routes.createFollowUp, { body }),
  updateFollowUp: (f: Versioned, body: sales.FollowUpUpdate) =>
    call(routes.updateFollowUp, { ...versioned(f), body }),
  deleteFollowUp: (f: Versioned) => call(routes.deleteFollowUp, versioned(f)),

  listOpportunities: (q: ListParams): Promise<Page<sales.Opportunity>> =>
    call(routes.listOpportunities, { query: q }),
  getOpportunity: (id: string) => call(routes.getOpportunity, byId(id)),
  createOpportunity: (body: sales.OpportunityCreate) => call(routes.createOpportunity, { body }),
  updateOpportunity: (o: Versioned, body: sales.OpportunityUpdate) =>
    call(routes.updateOpportunity, { ...versioned(o), body }),
  deleteOpportunity: (o: Versioned) => call(routes.deleteOpportunity, versioned(o)),
  closeOpportunity: (o: Versioned, body: sales.OpportunityClose) =>
    call(routes.closeOpportunity, { ...versioned(o), body }),
  reopenOpportunity: (o: Versioned, body: In<typeof sales.OpportunityReopen>) =>
    call(routes.reopenOpportunity, { ...versioned(o), body }),
  pipeline: (q: In<typeof sales.PipelineQuery>) => call(routes.pipeline, { query: q }),
  /** Whether closing goes to approval now, and what the closure rule requires. */
  opportunityClosing: () => call(routes.opportunityClosing),

  listPool: (q: ListParams): Promise<Page<sales.PoolCustomer>> => call(routes.listPool, { query: q }),
  claim: (id: string) => call(routes.claim, byId(id)),
  assignFromPool: (body: In<typeof sales.PoolAssign>) => call(routes.assignFromPool, { body }),
  upcoming: () => call(routes.upcoming),
  recyclingPreview: (at: string) => call(routes.recyclingPreview, { query: { at } }),
  runRecycling: () => call(routes.runRecycling),

  previewTransfer: (body: sales.TransferRequest) => call(routes.previewTransfer, { body }),
  transferOptions: () => call(routes.transferOptions),
  transfer: (body: sales.TransferRequest) => call(routes.transfer, { body }),

  recycleBin: (q: ListParams): Promise<Page<RecycleBinItem>> => call(routes.recycleBin, { query: q }),
  restore: (resource: string, id: string): Promise<unknown> => {
    if (!Object.hasOwn(RESTORE_ROUTES, resource))
      return Promise.reject(new Error(`sales: cannot restore "${resource}"`))
    return call(RESTORE_ROUTES[resource as keyof typeof RESTORE_ROUTES], byId(id))
  },
  purge: (item: RecycleBinItem) =>
    call(routes.purge, { params: { entityType: item.entityType, id: item.id } }),
}

/** The sales user directory as pickers want it. */
export const searchUsers = (q: string): Promise<PickerUser[]> =>
  salesApi
    .users(q)
    .then((list) => list.map((u) => ({ id: u.id, displayName: u.displayName, username: u.username })))
