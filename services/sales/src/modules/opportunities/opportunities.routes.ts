import { sales } from '@mosaic/schemas'
import { closingTerms, registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import { resolveOwner } from '../directory/owners.js'
import { closeOpportunity, reopenOpportunity } from './opportunities.closure.js'
import { listOpportunities, pipeline, presentOne } from './opportunities.query.js'
import {
  customerForOpportunity,
  deleteOpportunity,
  insertOpportunity,
  restoreOpportunity,
  updateOpportunity,
  type OpportunityDeps,
} from './opportunities.service.js'
import { resolveLines } from './products.js'
import { opportunities } from './opportunities.store.js'

export function registerOpportunityRoutes(api: ApiRouter, db: Database, deps: OpportunityDeps) {
  registerAggregate(api, {
    resource: 'sales.opportunity',
    path: '/opportunities',
    db,
    store: opportunities,
    response: sales.Opportunity,
    present: presentOne,
    list: {
      summary: 'Opportunities in my data scope or shared with me (newest first)',
      query: sales.OpportunityListQuery,
      run: (m, ctx, query) => listOpportunities(m, ctx, query),
    },
    create: {
      summary: 'Create an opportunity (probability defaults to the stage’s)',
      body: sales.OpportunityCreate,
      run: async (m, ctx, { ownerId, customerId, products: lines, ...input }) => {
        const customer = await customerForOpportunity(m, ctx, customerId)
        const owner = await resolveOwner(m, ctx.principal, ownerId, 'sales.opportunity.transfer')
        const products = await resolveLines(deps.products, lines)
        return insertOpportunity(m, ctx, deps, { input, customer, owner, products })
      },
    },
    update: {
      body: sales.OpportunityUpdate,
      apply: (m, ctx, id, version, body) => updateOpportunity(m, ctx, deps, id, version, body),
    },
    remove: deleteOpportunity,
    bulk: { edit: sales.OpportunityBulkEdit },
    restore: restoreOpportunity,
    views: {
      closing: {
        summary:
          'What closing asks for now: the closure rule’s required fields and whether it goes to approval',
        response: sales.OpportunityClosing,
        run: (m) => closingTerms(m, 'opportunity'),
      },
      pipeline: {
        summary: 'Pipeline (kanban by stage) and funnel of the opportunities I can see',
        query: sales.PipelineQuery,
        response: sales.Pipeline,
        run: (m, ctx, { query }) => pipeline(m, ctx.principal, deps, query),
      },
    },
    actions: {
      close: {
        summary: 'Close (结单) as won, lost or invalid under the closure rule',
        body: sales.OpportunityClose,
        run: (m, ctx, id, version, body) => closeOpportunity(m, ctx, deps, id, version, body),
      },
      reopen: {
        summary: 'Reopen a closed opportunity (reason required; rule roles and day window apply)',
        body: sales.OpportunityReopen,
        run: (m, ctx, id, version, body) => reopenOpportunity(m, ctx, deps, id, version, body.reason),
      },
    },
  })
}
