import { salesRoutes } from '@mosaic/schemas/contracts'
import { describeRouteContracts } from '@mosaic/service-kit/testing'
import { startSales } from './test-support/harness.js'

// The apps' sales client is derived from `salesRoutes`.
describeRouteContracts('sales', salesRoutes, () => startSales())
