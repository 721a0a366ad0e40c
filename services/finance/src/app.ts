import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import type { FinanceConfig } from './config.js'
import { migrations } from './migrations.js'

/** Builds the finance service (not yet listening); tests pass a verifier that trusts their own keys. */
export function buildFinanceService(
  config: FinanceConfig,
  options: DomainServiceOptions = {},
): Promise<Service> {
  return createDomainService({
    ...options,
    config,
    database: { entities: [], migrations },
    modules: [],
  })
}
