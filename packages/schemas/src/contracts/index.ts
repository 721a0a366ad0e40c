import { adminRoutes } from './admin.js'
import { salesRoutes } from './sales.js'
import { ordersRoutes } from './orders.js'
import { financeRoutes } from './finance.js'
import { ticketsRoutes } from './tickets.js'

export { defineRoutes } from './contract.js'
export type {
  ContractBody,
  ContractMethod,
  ContractQuery,
  ContractResponse,
  PathParamNames,
  RouteContract,
} from './contract.js'
export { adminRoutes } from './admin.js'
export { salesRoutes } from './sales.js'
export { ordersRoutes } from './orders.js'
export { financeRoutes } from './finance.js'
export { portalRoutes, ticketsRoutes } from './tickets.js'
// The per-list route shapes, for clients written once over any list (the ui kit's import and bulk).
export { exchangeRoutesOf, bulkRoutesOf } from './workbench.js'

/** Every service's contracts by service name (`/api/<service>/…`), e.g. for its audit search. */
export const serviceRoutes = {
  admin: adminRoutes,
  sales: salesRoutes,
  orders: ordersRoutes,
  finance: financeRoutes,
  tickets: ticketsRoutes,
} as const
export type ServiceName = keyof typeof serviceRoutes
