import { PERMISSIONS } from '@mosaic/permissions'
import type { DomainServiceOptions } from '@mosaic/service-kit'
import { startServiceHarness } from '@mosaic/service-kit/testing'
import { TicketsConfig } from '../config.js'
import { buildTicketsService } from '../app.js'
import { startStandInPeers } from './peers.js'

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

export const PEER_SECRET = 'tickets-peer-secret-0123456789abcdef'

/** A tickets service whose sales and orders are stand-ins (`peers`), both closed by `close()`. */
export async function startTicketsWithPeers(env: Record<string, string> = {}) {
  const peers = await startStandInPeers(PEER_SECRET)
  const h = await startTickets({ ...peers.env, ...env })
  const closeService = h.close
  return Object.assign(h, {
    peers,
    async close() {
      await closeService()
      await peers.close()
    },
  })
}

export type TicketsHarnessWithPeers = Awaited<ReturnType<typeof startTicketsWithPeers>>
