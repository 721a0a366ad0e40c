import type { Dashboard, DashboardQuery } from '@mosaic/schemas'
import { serviceRoutes, type ServiceName } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'

const call = contractCaller(api)

/** A service the shell has a contract for (a remote may name any; an unknown one shows as unavailable). */
export function isDashboardService(name: string): name is ServiceName {
  return Object.hasOwn(serviceRoutes, name)
}

/** `GET /api/<service>/dashboard`: every service answers the same contract (contracts/workbench.ts). */
export function fetchDashboard(service: ServiceName, query: DashboardQuery): Promise<Dashboard> {
  const route = serviceRoutes[service].dashboard as typeof serviceRoutes.sales.dashboard
  return call(route, { query })
}
