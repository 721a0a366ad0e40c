import { Dashboard, DashboardQuery } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import { adminDashboard } from './dashboard.service.js'

/** `GET /api/admin/dashboard`: any signed-in staff member sees their own approvals to-do. */
export function registerDashboardRoutes(api: ApiRouter, db: Database, timeZone: string) {
  registerAggregate(api, {
    path: '/dashboard',
    tag: 'dashboard',
    db,
    access: { read: 'authenticated' },
    list: {
      summary: "Admin's home-page to-do line: the approvals waiting for the caller",
      query: DashboardQuery,
      response: Dashboard,
      run: (m, ctx, query) => adminDashboard(m, ctx.principal, timeZone, query),
    },
  })
}
