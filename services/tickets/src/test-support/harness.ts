import { PERMISSIONS } from '@mosaic/permissions'
import type { DomainServiceOptions } from '@mosaic/service-kit'
import { startServiceHarness } from '@mosaic/service-kit/testing'
import { TicketsConfig } from '../config.js'
import { buildTicketsService } from '../app.js'

export const ALL_TICKETS = PERMISSIONS.filter((p) => p.service === 'tickets').map((p) => p.code as string)

/**
 * A real tickets service on a fresh database, trusting staff tokens minted here. `user()` signs in a user
 * holding every tickets permission unless told otherwise, and puts them into the user replica.
 */
export function startTickets(
  env: Record<string, string> = {},
  options: Omit<DomainServiceOptions, 'verifier'> = {},
  harness: { restartable?: boolean } = {},
) {
  return startServiceHarness({
    name: 'tickets',
    config: (e) => TicketsConfig.parse(e),
    build: (config, { verifier }) => buildTicketsService(config, { ...options, verifier }),
    env,
    permissions: ALL_TICKETS,
    ...harness,
  })
}

export type TicketsHarness = Awaited<ReturnType<typeof startTickets>>
