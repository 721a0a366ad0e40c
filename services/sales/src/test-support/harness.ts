import { PERMISSIONS } from '@mosaic/permissions'
import type { DomainServiceOptions } from '@mosaic/service-kit'
import { startServiceHarness } from '@mosaic/service-kit/testing'
import { SalesConfig } from '../config.js'
import { buildSalesService } from '../app.js'

export type { CallOptions, Reply, TestUser } from '@mosaic/service-kit/testing'

const ALL_SALES = PERMISSIONS.filter((p) => p.service === 'sales').map((p) => p.code as string)

/**
 * A real sales service on a fresh database, trusting tokens minted here. `user()` signs in a user
 * holding every sales permission unless told otherwise, and puts them into the user replica.
 */
export function startSales(
  env: Record<string, string> = {},
  options: Omit<DomainServiceOptions, 'verifier'> = {},
) {
  return startServiceHarness({
    name: 'sales',
    config: (e) => SalesConfig.parse({ RECYCLE_INTERVAL_MINUTES: '0', ...e }),
    build: (config, { verifier }) => buildSalesService(config, { ...options, verifier }),
    env,
    permissions: ALL_SALES,
  })
}

export type SalesHarness = Awaited<ReturnType<typeof startSales>>
