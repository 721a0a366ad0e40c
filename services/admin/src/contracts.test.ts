import { adminRoutes } from '@mosaic/schemas/contracts'
import { describeRouteContracts } from '@mosaic/service-kit/testing'
import { startAdmin } from './test-support/harness.js'

// The apps' admin client (and the shell's, the UI's) is derived from `adminRoutes`.
describeRouteContracts('admin', adminRoutes, () => startAdmin())
