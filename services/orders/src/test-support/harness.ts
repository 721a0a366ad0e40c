import { PERMISSIONS } from '@mosaic/permissions'
import type { DomainServiceOptions } from '@mosaic/service-kit'
import { startServiceHarness } from '@mosaic/service-kit/testing'
import { OrdersConfig } from '../config.js'
import { buildOrdersService } from '../app.js'

export const ALL_ORDERS = PERMISSIONS.filter((p) => p.service === 'orders').map((p) => p.code as string)

/**
 * A real orders service on a fresh database, trusting tokens minted here. `user()` signs in a user
 * holding every orders permission unless told otherwise, and puts them into the user replica.
 */
export function startOrders(
  env: Record<string, string> = {},
  options: Omit<DomainServiceOptions, 'verifier'> = {},
) {
  return startServiceHarness({
    name: 'orders',
    config: (e) => OrdersConfig.parse(e),
    build: (config, { verifier }) => buildOrdersService(config, { ...options, verifier }),
    env,
    permissions: ALL_ORDERS,
  })
}

export type OrdersHarness = Awaited<ReturnType<typeof startOrders>>
