import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import type { FinanceConfig } from './config.js'
import { migrations } from './migrations.js'
import { financeApprovalHandlers } from './approvals.js'
import { PaymentEntity } from './modules/payments/payments.entity.js'
import { registerPaymentRoutes } from './modules/payments/payments.routes.js'
import { payments } from './modules/payments/payments.store.js'

/** Builds the finance service (not yet listening); tests pass a verifier that trusts their own keys. */
export function buildFinanceService(
  config: FinanceConfig,
  options: DomainServiceOptions = {},
): Promise<Service> {
  return createDomainService({
    ...options,
    config,
    database: { entities: [PaymentEntity], migrations },
    modules: [(ctx) => registerPaymentRoutes(ctx.api, ctx.db, ctx)],
    // The approval engine's decisions confirm or reject the payments that waited on them.
    events: { handlers: { ...financeApprovalHandlers(config.BUSINESS_TIME_ZONE) } },
    recycleBin: { stores: [payments], read: 'finance.payment.restore' },
  })
}
