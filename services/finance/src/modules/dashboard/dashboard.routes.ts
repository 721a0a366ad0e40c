import { Dashboard, DashboardQuery } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import { financeDashboard } from './dashboard.service.js'

/**
 * `GET /dashboard`: any staff member may ask; each figure needs the read code of its list and is
 * left out without it. One transaction, so every figure reads the same state.
 */
export function registerDashboardRoute(api: ApiRouter, db: Database, deps: { timeZone: string }) {
  registerAggregate(api, {
    path: '/dashboard',
    db,
    views: {
      '': {
        summary:
          'The home dashboard’s finance figures in the caller’s scope: the amount received, mine, the trend, the team view and the overdue receivables',
        access: 'authenticated',
        query: DashboardQuery,
        response: Dashboard,
        snapshot: true,
        run: (m, ctx, { query }) => financeDashboard(m, ctx, query, deps.timeZone),
      },
    },
  })
}
