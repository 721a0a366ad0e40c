import { ordersRoutes } from '@mosaic/schemas/contracts'
import { describeRouteContracts } from '@mosaic/service-kit/testing'
import { startOrders } from './test-support/harness.js'

// The sales app's products client is derived from `ordersRoutes`.
describeRouteContracts('orders', ordersRoutes, () => startOrders())
