import { z } from 'zod'
import { sales } from '@mosaic/schemas'
import {
  registerAggregate,
  registerExchange,
  type ApiRouter,
  type Database,
  type DomainDeps,
} from '@mosaic/service-kit'
import { presentContacts } from '../customers/customers.present.js'
import { presentOne as presentCustomer } from '../customers/customers.service.js'
import { presentOne as presentOpportunity } from '../opportunities/opportunities.query.js'
import { convertLead } from './leads.convert.js'
import { presentLead } from './leads.present.js'
import {
  advanceLead,
  bulkAssign,
  createLead,
  deleteLead,
  invalidateLead,
  listLeads,
  recycleInvalid,
  restoreLead,
  updateLead,
} from './leads.service.js'
import { leads } from './leads.store.js'
import { leadExchange } from './leads.exchange.js'

export function registerLeadRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  // Before the aggregate's `/:id` routes, which would otherwise take `/export` for an id.
  registerExchange(api, leadExchange(deps), { db, ...deps })
  registerAggregate(api, {
    resource: 'sales.lead',
    path: '/leads',
    db,
    store: leads,
    response: sales.Lead,
    present: (_m, row) => presentLead(row),
    list: {
      summary: 'Leads in my data scope (newest first)',
      query: sales.LeadListQuery,
      run: (m, ctx, query) => listLeads(m, ctx.principal, query),
    },
    create: {
      summary: 'Create a lead',
      body: sales.LeadCreate,
      run: (m, ctx, body) => createLead(m, ctx, deps, body),
    },
    update: {
      body: sales.LeadUpdate,
      apply: (m, ctx, id, version, body) => updateLead(m, ctx, deps, id, version, body),
    },
    remove: (m, ctx, id, version) => deleteLead(m, ctx, id, version),
    bulk: { edit: sales.LeadBulkEdit },
    restore: restoreLead,
    actions: {
      advance: {
        summary: 'Move a lead to another stage (线索推进)',
        access: 'update',
        body: sales.LeadAdvance,
        run: advanceLead,
      },
      invalidate: {
        summary: 'Mark a lead invalid (无效线索)',
        body: sales.LeadInvalidate,
        run: (m, ctx, id, version, body) => invalidateLead(m, ctx, id, version, body.reason),
      },
    },
    commands: {
      ':id/convert': {
        summary: 'Convert a lead to a customer (+ contact, + opportunity) in one transaction',
        access: 'convert',
        body: sales.LeadConvert,
        response: sales.LeadConversion,
        ifMatch: true,
        run: async (m, ctx, { body, params, version }) => {
          const r = await convertLead(m, ctx, deps, params.id!, version, body)
          return {
            lead: presentLead(r.lead),
            customer: await presentCustomer(m, r.customer, ctx),
            contact: r.contact ? (await presentContacts(m, [r.contact]))[0] : null,
            opportunity: r.opportunity ? await presentOpportunity(m, r.opportunity, ctx) : null,
          }
        },
      },
      'bulk-assign': {
        summary: 'Give many leads a new owner (批量分配), one result per lead',
        access: 'assign',
        body: sales.BulkAssign,
        response: sales.BulkResult,
        run: (m, ctx, { body }) => bulkAssign(m, ctx, body.ids, body.ownerId),
      },
      'recycle-invalid': {
        summary: 'Move invalid leads older than N days to the recycle bin (无效线索回收)',
        access: 'delete',
        body: sales.RecycleInvalidLeads,
        response: z.object({ recycled: z.number().int() }),
        run: (m, ctx, { body }) => recycleInvalid(m, ctx, body.olderThanDays ?? 0),
      },
    },
  })
}
