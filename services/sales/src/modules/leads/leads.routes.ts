import { z } from 'zod'
import { pageOf, sales } from '@mosaic/schemas'
import type { EntityManager } from 'typeorm'
import {
  callerContext,
  IdParams,
  recordContext,
  registerRecordRoutes,
  type ApiRouter,
  type Database,
  type DomainDeps,
  type RecordContext,
} from '@mosaic/service-kit'
import { presentContacts } from '../customers/contacts.service.js'
import { presentOne as presentCustomer } from '../customers/customers.service.js'
import { presentOne as presentOpportunity } from '../opportunities/opportunities.query.js'
import { convertLead } from './leads.convert.js'
import { presentLead } from './leads.present.js'
import {
  advanceLead,
  bulkAssign,
  bulkDelete,
  createLead,
  deleteLead,
  invalidateLead,
  listLeads,
  recycleInvalid,
  restoreLead,
  updateLead,
} from './leads.service.js'
import { leads } from './leads.store.js'

export function registerLeadRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  const tags = ['leads']
  api.route({
    method: 'get',
    path: '/leads',
    summary: 'Leads in my data scope (newest first)',
    tags,
    access: 'sales.lead.read',
    query: sales.LeadListQuery,
    response: pageOf(sales.Lead),
    handler: ({ query, principal }) => listLeads(db.dataSource.manager, principal, query),
  })
  api.route({
    method: 'post',
    path: '/leads',
    summary: 'Create a lead',
    tags,
    access: 'sales.lead.create',
    body: sales.LeadCreate,
    response: sales.Lead,
    handler: ({ body, principal, requestId }) =>
      db.transaction(async (m) =>
        presentLead(await createLead(m, callerContext(principal, requestId), deps, body)),
      ),
  })
  /** POST /leads/:id/<path> (If-Match): one lead action in one transaction. */
  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    access: string,
    body: B,
    run: (
      m: EntityManager,
      ctx: RecordContext,
      id: string,
      version: number,
      body: z.infer<B>,
    ) => Promise<unknown>,
    response: z.ZodType = sales.Lead,
  ) =>
    api.route({
      method: 'post',
      path: `/leads/:id/${path}`,
      summary,
      tags,
      access,
      params: IdParams,
      body,
      response,
      status: 200,
      handler: ({ params, body, principal, requestId, expectedVersion }) => {
        const version = expectedVersion()
        return db.transaction((m) => run(m, recordContext(principal, requestId), params.id, version, body))
      },
    })
  action(
    'advance',
    'Move a lead to another stage (线索推进)',
    'sales.lead.update',
    sales.LeadAdvance,
    async (m, ctx, id, v, b) => presentLead(await advanceLead(m, ctx, id, v, b)),
  )
  action(
    'invalidate',
    'Mark a lead invalid (无效线索)',
    'sales.lead.invalidate',
    sales.LeadInvalidate,
    async (m, ctx, id, v, b) => presentLead(await invalidateLead(m, ctx, id, v, b.reason)),
  )
  action(
    'convert',
    'Convert a lead to a customer (+ contact, + opportunity) in one transaction',
    'sales.lead.convert',
    sales.LeadConvert,
    async (m, ctx, id, v, b) => {
      const r = await convertLead(m, ctx, deps, id, v, b)
      return {
        lead: presentLead(r.lead),
        customer: await presentCustomer(m, r.customer, ctx),
        contact: r.contact ? (await presentContacts(m, [r.contact]))[0] : null,
        opportunity: r.opportunity ? await presentOpportunity(m, r.opportunity, ctx) : null,
      }
    },
    sales.LeadConversion,
  )
  api.route({
    method: 'post',
    path: '/leads/bulk-assign',
    summary: 'Give many leads a new owner (批量分配), one result per lead',
    tags,
    access: 'sales.lead.assign',
    body: sales.BulkAssign,
    response: sales.BulkResult,
    status: 200,
    handler: ({ body, principal, requestId }) =>
      db.transaction((m) => bulkAssign(m, recordContext(principal, requestId), body.ids, body.ownerId)),
  })
  api.route({
    method: 'post',
    path: '/leads/bulk-delete',
    summary: 'Move many leads to the recycle bin, one result per lead',
    tags,
    access: 'sales.lead.delete',
    body: sales.BulkDelete,
    response: sales.BulkResult,
    status: 200,
    handler: ({ body, principal, requestId }) =>
      db.transaction((m) => bulkDelete(m, recordContext(principal, requestId), body.ids)),
  })
  api.route({
    method: 'post',
    path: '/leads/recycle-invalid',
    summary: 'Move invalid leads older than N days to the recycle bin (无效线索回收)',
    tags,
    access: 'sales.lead.delete',
    body: sales.RecycleInvalidLeads,
    response: z.object({ recycled: z.number().int() }),
    status: 200,
    handler: ({ body, principal, requestId }) =>
      db.transaction((m) => recycleInvalid(m, callerContext(principal, requestId), body.olderThanDays ?? 0)),
  })
  registerRecordRoutes(api, {
    path: '/leads',
    store: leads,
    db,
    tag: 'leads',
    present: async (_m, row) => presentLead(row),
    response: sales.Lead,
    update: {
      body: sales.LeadUpdate,
      apply: (m, ctx, id, version, body) => updateLead(m, ctx, deps, id, version, body),
    },
    remove: (m, ctx, id, version) => deleteLead(m, ctx, id, version),
    restore: restoreLead,
    access: {
      read: 'sales.lead.read',
      update: 'sales.lead.update',
      delete: 'sales.lead.delete',
      restore: 'sales.lead.restore',
      revert: 'sales.lead.revert',
    },
  })
}
