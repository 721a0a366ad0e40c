import { z } from 'zod'
import { AuditEntry, pageOf, RecycleBinItem } from '../common.js'
import * as sales from '../sales/index.js'
import { defineRoutes } from './contract.js'
import { bulkRoutesOf, dashboardRouteOf, exchangeRoutesOf, prefixed } from './workbench.js'

/** The sales service's routes the apps call (`/api/sales/*`), by client method. */
export const salesRoutes = defineRoutes({
  users: {
    method: 'get',
    path: '/api/sales/users',
    query: sales.DirectoryQuery,
    response: z.array(sales.DirectoryUser),
  },

  listLeads: { method: 'get', path: '/api/sales/leads', response: pageOf(sales.Lead) },
  getLead: { method: 'get', path: '/api/sales/leads/:id', response: sales.Lead },
  createLead: { method: 'post', path: '/api/sales/leads', body: sales.LeadCreate, response: sales.Lead },
  updateLead: { method: 'patch', path: '/api/sales/leads/:id', body: sales.LeadUpdate, response: sales.Lead },
  deleteLead: { method: 'delete', path: '/api/sales/leads/:id' },
  restoreLead: { method: 'post', path: '/api/sales/leads/:id/restore' },
  advanceLead: {
    method: 'post',
    path: '/api/sales/leads/:id/advance',
    body: sales.LeadAdvance,
    response: sales.Lead,
  },
  invalidateLead: {
    method: 'post',
    path: '/api/sales/leads/:id/invalidate',
    body: sales.LeadInvalidate,
    response: sales.Lead,
  },
  convertLead: {
    method: 'post',
    path: '/api/sales/leads/:id/convert',
    body: sales.LeadConvert,
    response: sales.LeadConversion,
  },
  bulkAssignLeads: {
    method: 'post',
    path: '/api/sales/leads/bulk-assign',
    body: sales.BulkAssign,
    response: sales.BulkResult,
  },
  recycleInvalidLeads: {
    method: 'post',
    path: '/api/sales/leads/recycle-invalid',
    body: sales.RecycleInvalidLeads,
    response: z.object({ recycled: z.number().int() }),
  },

  listCustomers: { method: 'get', path: '/api/sales/customers', response: pageOf(sales.Customer) },
  getCustomer: { method: 'get', path: '/api/sales/customers/:id', response: sales.Customer },
  createCustomer: {
    method: 'post',
    path: '/api/sales/customers',
    body: sales.CustomerCreate,
    response: sales.Customer,
  },
  updateCustomer: {
    method: 'patch',
    path: '/api/sales/customers/:id',
    body: sales.CustomerUpdate,
    response: sales.Customer,
  },
  deleteCustomer: { method: 'delete', path: '/api/sales/customers/:id' },
  restoreCustomer: { method: 'post', path: '/api/sales/customers/:id/restore' },
  customerDuplicates: {
    method: 'get',
    path: '/api/sales/customers/duplicates',
    response: sales.DuplicateCheck,
  },
  lockCustomer: { method: 'post', path: '/api/sales/customers/:id/lock', response: sales.Customer },
  unlockCustomer: { method: 'post', path: '/api/sales/customers/:id/unlock', response: sales.Customer },
  releaseCustomer: {
    method: 'post',
    path: '/api/sales/customers/:id/release',
    body: sales.ReleaseToPool,
    response: sales.Customer,
  },
  customerContacts: {
    method: 'get',
    path: '/api/sales/customers/:id/contacts',
    response: z.array(sales.Contact),
  },
  customerReceivablesSummary: {
    method: 'get',
    path: '/api/sales/customers/:id/receivables-summary',
    response: sales.CustomerReceivablesSummary,
  },
  customerTeam: {
    method: 'get',
    path: '/api/sales/customers/:id/team',
    response: z.array(sales.TeamMember),
  },
  addCustomerTeamMember: {
    method: 'post',
    path: '/api/sales/customers/:id/team',
    body: sales.TeamMemberAdd,
    response: sales.TeamMember,
  },
  updateCustomerTeamMember: {
    method: 'patch',
    path: '/api/sales/customers/:id/team/:userId',
    body: sales.TeamMemberUpdate,
    response: sales.TeamMember,
  },
  removeCustomerTeamMember: { method: 'delete', path: '/api/sales/customers/:id/team/:userId' },

  listContacts: { method: 'get', path: '/api/sales/contacts', response: pageOf(sales.Contact) },
  getContact: { method: 'get', path: '/api/sales/contacts/:id', response: sales.Contact },
  createContact: {
    method: 'post',
    path: '/api/sales/contacts',
    body: sales.ContactCreate,
    response: sales.Contact,
  },
  updateContact: {
    method: 'patch',
    path: '/api/sales/contacts/:id',
    body: sales.ContactUpdate,
    response: sales.Contact,
  },
  deleteContact: { method: 'delete', path: '/api/sales/contacts/:id' },
  restoreContact: { method: 'post', path: '/api/sales/contacts/:id/restore' },

  listFollowUps: { method: 'get', path: '/api/sales/followups', response: pageOf(sales.FollowUp) },
  getFollowUp: { method: 'get', path: '/api/sales/followups/:id', response: sales.FollowUp },
  createFollowUp: {
    method: 'post',
    path: '/api/sales/followups',
    body: sales.FollowUpCreate,
    response: sales.FollowUp,
  },
  updateFollowUp: {
    method: 'patch',
    path: '/api/sales/followups/:id',
    body: sales.FollowUpUpdate,
    response: sales.FollowUp,
  },
  deleteFollowUp: { method: 'delete', path: '/api/sales/followups/:id' },
  restoreFollowUp: { method: 'post', path: '/api/sales/followups/:id/restore' },

  listOpportunities: { method: 'get', path: '/api/sales/opportunities', response: pageOf(sales.Opportunity) },
  getOpportunity: { method: 'get', path: '/api/sales/opportunities/:id', response: sales.Opportunity },
  createOpportunity: {
    method: 'post',
    path: '/api/sales/opportunities',
    body: sales.OpportunityCreate,
    response: sales.Opportunity,
  },
  updateOpportunity: {
    method: 'patch',
    path: '/api/sales/opportunities/:id',
    body: sales.OpportunityUpdate,
    response: sales.Opportunity,
  },
  deleteOpportunity: { method: 'delete', path: '/api/sales/opportunities/:id' },
  restoreOpportunity: { method: 'post', path: '/api/sales/opportunities/:id/restore' },
  closeOpportunity: {
    method: 'post',
    path: '/api/sales/opportunities/:id/close',
    body: sales.OpportunityClose,
    response: sales.Opportunity,
  },
  reopenOpportunity: {
    method: 'post',
    path: '/api/sales/opportunities/:id/reopen',
    body: sales.OpportunityReopen,
    response: sales.Opportunity,
  },
  opportunityClosing: {
    method: 'get',
    path: '/api/sales/opportunities/closing',
    response: sales.OpportunityClosing,
  },
  pipeline: {
    method: 'get',
    path: '/api/sales/opportunities/pipeline',
    query: sales.PipelineQuery,
    response: sales.Pipeline,
  },
  opportunityTeam: {
    method: 'get',
    path: '/api/sales/opportunities/:id/team',
    response: z.array(sales.TeamMember),
  },
  addOpportunityTeamMember: {
    method: 'post',
    path: '/api/sales/opportunities/:id/team',
    body: sales.TeamMemberAdd,
    response: sales.TeamMember,
  },
  updateOpportunityTeamMember: {
    method: 'patch',
    path: '/api/sales/opportunities/:id/team/:userId',
    body: sales.TeamMemberUpdate,
    response: sales.TeamMember,
  },
  removeOpportunityTeamMember: { method: 'delete', path: '/api/sales/opportunities/:id/team/:userId' },

  listPool: { method: 'get', path: '/api/sales/pool', response: pageOf(sales.PoolCustomer) },
  claim: { method: 'post', path: '/api/sales/pool/:id/claim', response: sales.Customer },
  assignFromPool: {
    method: 'post',
    path: '/api/sales/pool/assign',
    body: sales.PoolAssign,
    response: sales.BulkResult,
  },
  upcoming: { method: 'get', path: '/api/sales/pool/upcoming', response: z.array(sales.UpcomingRecycle) },
  recyclingPreview: {
    method: 'get',
    path: '/api/sales/pool/recycling/preview',
    query: sales.RecyclePreviewQuery,
    response: sales.RecyclePreview,
  },
  runRecycling: { method: 'post', path: '/api/sales/pool/recycling/run', response: sales.RecycleRun },

  previewTransfer: {
    method: 'post',
    path: '/api/sales/transfers/preview',
    body: sales.TransferRequest,
    response: sales.TransferPreview,
  },
  transferOptions: { method: 'get', path: '/api/sales/transfers/options', response: sales.TransferOptions },
  transfer: {
    method: 'post',
    path: '/api/sales/transfers',
    body: sales.TransferRequest,
    response: sales.TransferResult,
  },

  audit: { method: 'get', path: '/api/sales/audit', response: pageOf(AuditEntry) },
  recycleBin: { method: 'get', path: '/api/sales/recycle-bin', response: pageOf(RecycleBinItem) },
  purge: { method: 'delete', path: '/api/sales/recycle-bin/:entityType/:id' },

  // 8/8: import/export, bulk and the dashboard (contracts/workbench.ts)
  ...prefixed('leads', exchangeRoutesOf('/api/sales/leads')),
  ...prefixed('leads', bulkRoutesOf('/api/sales/leads', sales.LeadBulkEdit)),
  ...prefixed('customers', exchangeRoutesOf('/api/sales/customers')),
  ...prefixed('customers', bulkRoutesOf('/api/sales/customers', sales.CustomerBulkEdit)),
  ...prefixed('contacts', exchangeRoutesOf('/api/sales/contacts')),
  contactsBulkDelete: bulkRoutesOf('/api/sales/contacts').BulkDelete,
  ...prefixed('followups', bulkRoutesOf('/api/sales/followups', sales.FollowUpBulkEdit)),
  ...prefixed('opportunities', bulkRoutesOf('/api/sales/opportunities', sales.OpportunityBulkEdit)),
  ...dashboardRouteOf('sales'),
})
