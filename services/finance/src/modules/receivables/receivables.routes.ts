import { finance } from '@mosaic/schemas'
import { IdParams, registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import { presentReceivable } from './receivables.present.js'
import { listReceivables, receivablePlan, updatePlan } from './receivables.service.js'
import { receivables } from './receivables.store.js'

/**
 * Receivables (`/receivables`): made from contract events, so no create, edit or delete; the
 * payment plan is read and replaced under `/:id/plan`.
 */
export function registerReceivableRoutes(api: ApiRouter, db: Database, o: { timeZone: string }) {
  registerAggregate(api, {
    resource: 'finance.receivable',
    path: '/receivables',
    db,
    store: receivables,
    response: finance.Receivable,
    present: (_m, row) => presentReceivable(row),
    // Nothing is ever deleted; a version restore is refused by the store (the contract rules).
    access: { restore: 'finance.receivable.update' },
    list: {
      summary:
        'Receivables in the caller’s data scope, newest first (q: contract number from its start, customer or owner name)',
      query: finance.ReceivableListQuery,
      run: (m, ctx, query) => listReceivables(m, ctx, query),
    },
    views: {
      ':id/plan': {
        summary: 'A receivable with its payment plan (回款计划)',
        params: IdParams,
        response: finance.ReceivablePlan,
        snapshot: true,
        run: (m, ctx, { params }) => receivablePlan(m, ctx, params.id!, o.timeZone),
      },
    },
    commands: {
      updatePlan: {
        path: ':id/plan',
        method: 'put',
        summary:
          'Replace the payment plan (If-Match: the receivable’s version): sums to the total, never below what is written off',
        access: 'finance.payment-plan.update',
        body: finance.PlanUpdate,
        params: IdParams,
        response: finance.ReceivablePlan,
        ifMatch: true,
        run: (m, ctx, { body, params, version }) => updatePlan(m, ctx, params.id!, version, body, o.timeZone),
      },
    },
  })
}
