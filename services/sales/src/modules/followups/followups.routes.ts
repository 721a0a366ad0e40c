import { sales } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database, type DomainDeps } from '@mosaic/service-kit'
import {
  createFollowUp,
  deleteFollowUp,
  listFollowUps,
  restoreFollowUp,
  updateFollowUp,
} from './followups.service.js'
import { followups } from './followups.store.js'

export function registerFollowUpRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  registerAggregate(api, {
    resource: 'sales.followup',
    path: '/followups',
    db,
    store: followups,
    response: sales.FollowUp,
    list: {
      summary: 'Follow-ups of the records I can see (latest contact first)',
      query: sales.FollowUpListQuery,
      run: (m, ctx, query) => listFollowUps(m, ctx.principal, query),
    },
    create: {
      summary: 'Record a follow-up on a lead, customer or opportunity (updates its last/next follow-up time)',
      body: sales.FollowUpCreate,
      run: (m, ctx, body) => createFollowUp(m, ctx, deps, body),
    },
    update: {
      body: sales.FollowUpUpdate,
      apply: (m, ctx, id, version, body) => updateFollowUp(m, ctx, deps, id, version, body),
    },
    remove: deleteFollowUp,
    bulk: { edit: sales.FollowUpBulkEdit },
    restore: restoreFollowUp,
  })
}
