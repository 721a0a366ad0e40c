import { pageOf, sales } from '@mosaic/schemas'
import {
  recordContext,
  registerRecordRoutes,
  type ApiRouter,
  type Database,
  type DomainDeps,
} from '@mosaic/service-kit'
import { presentFollowUp } from './followups.present.js'
import {
  createFollowUp,
  deleteFollowUp,
  listFollowUps,
  restoreFollowUp,
  updateFollowUp,
} from './followups.service.js'
import { followups } from './followups.store.js'

export function registerFollowUpRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  const tags = ['followups']
  api.route({
    method: 'get',
    path: '/followups',
    summary: 'Follow-ups of the records I can see (latest contact first)',
    tags,
    access: 'sales.followup.read',
    query: sales.FollowUpListQuery,
    response: pageOf(sales.FollowUp),
    handler: ({ query, principal }) => listFollowUps(db.dataSource.manager, principal, query),
  })
  api.route({
    method: 'post',
    path: '/followups',
    summary: 'Record a follow-up on a lead, customer or opportunity (updates its last/next follow-up time)',
    tags,
    access: 'sales.followup.create',
    body: sales.FollowUpCreate,
    response: sales.FollowUp,
    handler: ({ body, principal, requestId }) =>
      db.transaction(async (m) =>
        presentFollowUp(await createFollowUp(m, recordContext(principal, requestId), deps, body)),
      ),
  })
  registerRecordRoutes(api, {
    path: '/followups',
    store: followups,
    db,
    tag: 'followups',
    present: async (_m, row) => presentFollowUp(row),
    response: sales.FollowUp,
    update: {
      body: sales.FollowUpUpdate,
      apply: (m, ctx, id, version, body) => updateFollowUp(m, ctx, deps, id, version, body),
    },
    remove: deleteFollowUp,
    restore: restoreFollowUp,
    access: {
      read: 'sales.followup.read',
      update: 'sales.followup.update',
      delete: 'sales.followup.delete',
      restore: 'sales.followup.restore',
    },
  })
}
