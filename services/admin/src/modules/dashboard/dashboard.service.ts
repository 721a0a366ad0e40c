import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { Dashboard, DashboardQuery, DashboardTodo } from '@mosaic/schemas'
import { countTodo, dashboardLink, dashboardPeriod, emptyDashboard } from '@mosaic/service-kit'
import { taskRows } from '../approvals/reads.js'

/**
 * Admin's part of the home dashboard (SPEC §6): the approvals waiting for the caller, counted over
 * the very rows the approval centre's to-do tab lists (`taskRows`), so the line equals its total.
 * The shell's approval centre opens on that tab (`/approvals?tab=todo`); its API reads `box=todo`,
 * the default, so the link's query selects the same list both ways.
 */
export async function adminDashboard(
  m: EntityManager,
  principal: Principal,
  timeZone: string,
  query: DashboardQuery,
  now = new Date(),
): Promise<Dashboard> {
  const period = dashboardPeriod(query.month, timeZone, now)
  return { ...emptyDashboard(period), todo: [await approvalsWaiting(m, principal)] }
}

function approvalsWaiting(m: EntityManager, principal: Principal): Promise<DashboardTodo> {
  return countTodo(
    'admin.approvalsWaiting',
    taskRows(m, principal, { box: 'todo' }),
    dashboardLink('/approvals', { tab: 'todo' }),
  )
}
