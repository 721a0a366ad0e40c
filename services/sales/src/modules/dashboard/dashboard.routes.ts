import { Dashboard, DashboardQuery } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database, type DomainDeps } from '@mosaic/service-kit'
import { salesDashboard } from './dashboard.service.js'

/** `GET /api/sales/dashboard`: any signed-in staff member; each figure needs its list's read permission. */
export function registerDashboardRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  registerAggregate(api, {
    path: '/dashboard',
    tag: 'dashboard',
    db,
    access: { read: 'authenticated' },
    list: {
      summary: "Sales' home-page figures, to-do lines, trends, funnel and team view in the caller's scope",
      query: DashboardQuery,
      response: Dashboard,
      run: (m, ctx, query) => salesDashboard(m, ctx, deps, query),
    },
  })
}
