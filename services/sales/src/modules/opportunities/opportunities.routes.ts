import { pageOf, sales } from '@mosaic/schemas'
import {
  callerContext,
  IdParams,
  recordContext,
  registerRecordRoutes,
  type ApiRouter,
  type Database,
  type DomainDeps,
} from '@mosaic/service-kit'
import { resolveOwner } from '../directory/owners.js'
import { closeOpportunity, reopenOpportunity } from './opportunities.closure.js'
import { listOpportunities, pipeline, presentOne } from './opportunities.query.js'
import {
  customerForOpportunity,
  deleteOpportunity,
  insertOpportunity,
  restoreOpportunity,
  updateOpportunity,
} from './opportunities.service.js'
import { opportunities } from './opportunities.store.js'

export function registerOpportunityRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  const tags = ['opportunities']
  api.route({
    method: 'get',
    path: '/opportunities',
    summary: 'Opportunities in my data scope or shared with me (newest first)',
    tags,
    access: 'sales.opportunity.read',
    query: sales.OpportunityListQuery,
    response: pageOf(sales.Opportunity),
    handler: ({ query, principal, requestId }) =>
      listOpportunities(db.dataSource.manager, callerContext(principal, requestId), query),
  })
  api.route({
    method: 'post',
    path: '/opportunities',
    summary: 'Create an opportunity (probability defaults to the stage’s)',
    tags,
    access: 'sales.opportunity.create',
    body: sales.OpportunityCreate,
    response: sales.Opportunity,
    handler: ({ body, principal, requestId }) =>
      db.transaction(async (m) => {
        const ctx = callerContext(principal, requestId)
        const { ownerId, customerId, ...input } = body
        const customer = await customerForOpportunity(m, ctx, customerId)
        const owner = await resolveOwner(m, principal, ownerId, 'sales.opportunity.transfer')
        return presentOne(m, await insertOpportunity(m, ctx, deps, { input, customer, owner }), ctx)
      }),
  })
  api.route({
    method: 'get',
    path: '/opportunities/pipeline',
    summary: 'Pipeline (kanban by stage) and funnel of the opportunities I can see',
    tags,
    access: 'sales.opportunity.read',
    query: sales.PipelineQuery,
    response: sales.Pipeline,
    handler: ({ query, principal }) => db.transaction((m) => pipeline(m, principal, deps, query)),
  })
  api.route({
    method: 'post',
    path: '/opportunities/:id/close',
    summary: 'Close (结单) as won, lost or invalid under the closure rule',
    tags,
    access: 'sales.opportunity.close',
    params: IdParams,
    body: sales.OpportunityClose,
    response: sales.Opportunity,
    status: 200,
    handler: ({ params, body, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      return db.transaction(async (m) => {
        const ctx = recordContext(principal, requestId)
        return presentOne(m, await closeOpportunity(m, ctx, deps, params.id, version, body), ctx)
      })
    },
  })
  api.route({
    method: 'post',
    path: '/opportunities/:id/reopen',
    summary: 'Reopen a closed opportunity (reason required; rule roles and day window apply)',
    tags,
    access: 'sales.opportunity.reopen',
    params: IdParams,
    body: sales.OpportunityReopen,
    response: sales.Opportunity,
    status: 200,
    handler: ({ params, body, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      return db.transaction(async (m) => {
        const ctx = recordContext(principal, requestId)
        return presentOne(m, await reopenOpportunity(m, ctx, deps, params.id, version, body.reason), ctx)
      })
    },
  })
  registerRecordRoutes(api, {
    path: '/opportunities',
    store: opportunities,
    db,
    tag: 'opportunities',
    present: (m, row, ctx) => presentOne(m, row, ctx),
    response: sales.Opportunity,
    update: {
      body: sales.OpportunityUpdate,
      apply: (m, ctx, id, version, body) => updateOpportunity(m, ctx, deps, id, version, body),
    },
    remove: deleteOpportunity,
    restore: restoreOpportunity,
    access: {
      read: 'sales.opportunity.read',
      update: 'sales.opportunity.update',
      delete: 'sales.opportunity.delete',
      restore: 'sales.opportunity.restore',
      revert: 'sales.opportunity.revert',
    },
  })
}
