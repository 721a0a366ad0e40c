import type { Page, RecycleBinItem, sales } from '@mosaic/schemas'
import { api } from '@mosaic/web-kit'
import type { ListParams, PickerUser } from '@mosaic/ui'

const BASE = '/api/sales'

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

/** The record's URL, which its audit trail and versions hang off. */
export const recordPath = (resource: string, id: string) => `${BASE}/${resource}/${id}`

const patch = <T>(resource: string, r: Versioned, body: unknown) =>
  api.patch<T>(recordPath(resource, r.id), body, { ifMatch: r.version })
const remove = (resource: string, r: Versioned) =>
  api.delete(recordPath(resource, r.id), { ifMatch: r.version })
const act = <T>(resource: string, r: Versioned, verb: string, body?: unknown) =>
  api.post<T>(`${recordPath(resource, r.id)}/${verb}`, body, { ifMatch: r.version })

/** Typed calls to the sales service; pages never build URLs themselves. */
export const salesApi = {
  base: BASE,
  users: (q: string) => api.get<sales.DirectoryUser[]>(`${BASE}/users`, { query: { q, limit: 20 } }),

  listLeads: (q: ListParams) => api.get<Page<sales.Lead>>(`${BASE}/leads`, { query: q }),
  getLead: (id: string) => api.get<sales.Lead>(recordPath('leads', id)),
  createLead: (body: sales.LeadCreate) => api.post<sales.Lead>(`${BASE}/leads`, body),
  updateLead: (l: Versioned, body: sales.LeadUpdate) => patch<sales.Lead>('leads', l, body),
  deleteLead: (l: Versioned) => remove('leads', l),
  advanceLead: (l: Versioned, body: In<typeof sales.LeadAdvance>) =>
    act<sales.Lead>('leads', l, 'advance', body),
  invalidateLead: (l: Versioned, body: In<typeof sales.LeadInvalidate>) =>
    act<sales.Lead>('leads', l, 'invalidate', body),
  convertLead: (l: Versioned, body: sales.LeadConvert) =>
    act<sales.LeadConversion>('leads', l, 'convert', body),
  bulkAssignLeads: (body: In<typeof sales.BulkAssign>) =>
    api.post<sales.BulkResult>(`${BASE}/leads/bulk-assign`, body),
  bulkDeleteLeads: (body: In<typeof sales.BulkDelete>) =>
    api.post<sales.BulkResult>(`${BASE}/leads/bulk-delete`, body),
  recycleInvalidLeads: (body: In<typeof sales.RecycleInvalidLeads>) =>
    api.post<{ recycled: number }>(`${BASE}/leads/recycle-invalid`, body),

  listCustomers: (q: ListParams) => api.get<Page<sales.Customer>>(`${BASE}/customers`, { query: q }),
  getCustomer: (id: string) => api.get<sales.Customer>(recordPath('customers', id)),
  createCustomer: (body: sales.CustomerCreate) => api.post<sales.Customer>(`${BASE}/customers`, body),
  updateCustomer: (c: Versioned, body: sales.CustomerUpdate) => patch<sales.Customer>('customers', c, body),
  deleteCustomer: (c: Versioned) => remove('customers', c),
  duplicates: (name: string, excludeId?: string) =>
    api.get<sales.DuplicateCheck>(`${BASE}/customers/duplicates`, { query: { name, excludeId } }),
  lockCustomer: (c: Versioned) => act<sales.Customer>('customers', c, 'lock'),
  unlockCustomer: (c: Versioned) => act<sales.Customer>('customers', c, 'unlock'),
  releaseCustomer: (c: Versioned, body: In<typeof sales.ReleaseToPool>) =>
    act<sales.Customer>('customers', c, 'release', body),
  customerContacts: (id: string) => api.get<sales.Contact[]>(`${recordPath('customers', id)}/contacts`),

  getContact: (id: string) => api.get<sales.Contact>(recordPath('contacts', id)),
  createContact: (body: sales.ContactCreate) => api.post<sales.Contact>(`${BASE}/contacts`, body),
  updateContact: (c: Versioned, body: sales.ContactUpdate) => patch<sales.Contact>('contacts', c, body),
  deleteContact: (c: Versioned) => remove('contacts', c),

  team: (resource: TeamResource, id: string) =>
    api.get<sales.TeamMember[]>(`${recordPath(resource, id)}/team`),
  addTeamMember: (resource: TeamResource, id: string, body: In<typeof sales.TeamMemberAdd>) =>
    api.post<sales.TeamMember>(`${recordPath(resource, id)}/team`, body),
  updateTeamMember: (
    resource: TeamResource,
    id: string,
    userId: string,
    body: In<typeof sales.TeamMemberUpdate>,
  ) => api.patch<sales.TeamMember>(`${recordPath(resource, id)}/team/${userId}`, body),
  removeTeamMember: (resource: TeamResource, id: string, userId: string) =>
    api.delete(`${recordPath(resource, id)}/team/${userId}`),

  listFollowUps: (q: ListParams) => api.get<Page<sales.FollowUp>>(`${BASE}/followups`, { query: q }),
  getFollowUp: (id: string) => api.get<sales.FollowUp>(recordPath('followups', id)),
  createFollowUp: (body: sales.FollowUpCreate) => api.post<sales.FollowUp>(`${BASE}/followups`, body),
  updateFollowUp: (f: Versioned, body: sales.FollowUpUpdate) => patch<sales.FollowUp>('followups', f, body),
  deleteFollowUp: (f: Versioned) => remove('followups', f),

  listOpportunities: (q: ListParams) =>
    api.get<Page<sales.Opportunity>>(`${BASE}/opportunities`, { query: q }),
  getOpportunity: (id: string) => api.get<sales.Opportunity>(recordPath('opportunities', id)),
  createOpportunity: (body: sales.OpportunityCreate) =>
    api.post<sales.Opportunity>(`${BASE}/opportunities`, body),
  updateOpportunity: (o: Versioned, body: sales.OpportunityUpdate) =>
    patch<sales.Opportunity>('opportunities', o, body),
  deleteOpportunity: (o: Versioned) => remove('opportunities', o),
  closeOpportunity: (o: Versioned, body: sales.OpportunityClose) =>
    act<sales.Opportunity>('opportunities', o, 'close', body),
  reopenOpportunity: (o: Versioned, body: In<typeof sales.OpportunityReopen>) =>
    act<sales.Opportunity>('opportunities', o, 'reopen', body),
  pipeline: (q: In<typeof sales.PipelineQuery>) =>
    api.get<sales.Pipeline>(`${BASE}/opportunities/pipeline`, { query: q }),

  listPool: (q: ListParams) => api.get<Page<sales.PoolCustomer>>(`${BASE}/pool`, { query: q }),
  claim: (id: string) => api.post<sales.Customer>(`${BASE}/pool/${id}/claim`),
  assignFromPool: (body: In<typeof sales.PoolAssign>) =>
    api.post<sales.BulkResult>(`${BASE}/pool/assign`, body),
  upcoming: () => api.get<sales.UpcomingRecycle[]>(`${BASE}/pool/upcoming`),
  recyclingPreview: (at: string) =>
    api.get<sales.RecyclePreview>(`${BASE}/pool/recycling/preview`, { query: { at } }),
  runRecycling: () => api.post<sales.RecycleRun>(`${BASE}/pool/recycling/run`),

  previewTransfer: (body: sales.TransferRequest) =>
    api.post<sales.TransferPreview>(`${BASE}/transfers/preview`, body),
  transferOptions: () => api.get<sales.TransferOptions>(`${BASE}/transfers/options`),
  transfer: (body: sales.TransferRequest) => api.post<sales.TransferResult>(`${BASE}/transfers`, body),

  recycleBin: (q: ListParams) => api.get<Page<RecycleBinItem>>(`${BASE}/recycle-bin`, { query: q }),
  restore: (resource: string, id: string) => api.post<unknown>(`${recordPath(resource, id)}/restore`),
  purge: (item: RecycleBinItem) => api.delete(`${BASE}/recycle-bin/${item.entityType}/${item.id}`),
}

/** The sales user directory as pickers want it. */
export const searchUsers = (q: string): Promise<PickerUser[]> =>
  salesApi
    .users(q)
    .then((list) => list.map((u) => ({ id: u.id, displayName: u.displayName, username: u.username })))
