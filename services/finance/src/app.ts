import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import type { FinanceConfig } from './config.js'
import { migrations } from './migrations.js'
import { ReceivableEntity } from './modules/receivables/receivables.entity.js'
import { contractHandlers } from './modules/receivables/receivables.events.js'
import { overdueJob } from './modules/receivables/receivables.overdue.js'
import { registerReceivableRoutes } from './modules/receivables/receivables.routes.js'
import { receivables } from './modules/receivables/receivables.store.js'

/** Builds the finance service (not yet listening); tests pass a verifier that trusts their own keys. */
export function buildFinanceService(
  config: FinanceConfig,
  options: DomainServiceOptions = {},
): Promise<Service> {
  const timeZone = config.BUSINESS_TIME_ZONE
  return createDomainService({
    ...options,
    config,
    database: { entities: [ReceivableEntity], migrations },
    modules: [(ctx) => registerReceivableRoutes(ctx.api, ctx.db, { timeZone })],
    // Receivables follow the contracts orders approves, changes and ends.
    events: { handlers: { ...contractHandlers(timeZone) } },
    // Receivables are never deleted (listed for completeness); whoever may restore payments or
    // invoices reads the bin.
    recycleBin: {
      stores: [receivables],
      read: { anyOf: ['finance.payment.restore', 'finance.invoice.restore'] },
    },
    jobs: [overdueJob({ minutes: config.OVERDUE_INTERVAL_MINUTES, timeZone })],
  })
}
