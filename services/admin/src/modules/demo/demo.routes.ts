import { DemoStatus } from '@mosaic/schemas'
import { problem, recordContext, type ApiRouter } from '@mosaic/service-kit'
import type { AdminConfig } from '../../config.js'
import type { DemoLoader } from './demo.loader.js'

/**
 * `GET`/`POST /demo`: the demo company's progress and its start (decision 115). Demo mode only —
 * elsewhere both refuse, which is also how the admin app knows whether to offer the button.
 */
export function registerDemoRoutes(api: ApiRouter, loader: DemoLoader, config: AdminConfig) {
  const demoModeOnly = () => {
    if (config.MOSAIC_MODE !== 'demo') throw problem(409, 'admin.demo.not_demo_mode')
  }
  api.route({
    method: 'get',
    path: '/demo',
    summary: 'Progress of the demo data load (demo mode only)',
    tags: ['init'],
    access: 'admin.init.run',
    response: DemoStatus,
    cache: 'no-store',
    handler: () => {
      demoModeOnly()
      return loader.status()
    },
  })
  api.route({
    method: 'post',
    path: '/demo',
    summary: 'Start loading the demo company in the background (idempotent; demo mode only)',
    tags: ['init'],
    access: 'admin.init.run',
    response: DemoStatus,
    status: 202,
    handler: ({ principal, requestId }) => {
      demoModeOnly()
      return loader.start(recordContext(principal, requestId))
    },
  })
}
