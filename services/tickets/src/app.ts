import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import type { TicketsConfig } from './config.js'
import { migrations } from './migrations.js'

/** Builds the tickets service (not yet listening); tests pass a verifier that trusts their own keys. */
export function buildTicketsService(
  config: TicketsConfig,
  options: DomainServiceOptions = {},
): Promise<Service> {
  return createDomainService({
    ...options,
    config,
    database: { entities: [], migrations },
    modules: [],
  })
}
