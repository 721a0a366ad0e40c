import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import type { FinanceConfig } from './config.js'
import { migrations } from './migrations.js'
import { financeApprovalHandlers } from './approvals.js'
import { InvoiceEntity } from './modules/invoices/invoices.entity.js'
import { registerInvoiceRoutes } from './modules/invoices/invoices.routes.js'
import { invoices } from './modules/invoices/invoices.store.js'
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
    database: { entities: [PaymentEntity, InvoiceEntity], migrations },
    modules: [
      (ctx) => registerPaymentRoutes(ctx.api, ctx.db, ctx),
      (ctx) => registerInvoiceRoutes(ctx.api, ctx.db, ctx),
    ],
    // The approval engine's decisions confirm or reject the payments that waited on them.
    events: { handlers: { ...financeApprovalHandlers(config.BUSINESS_TIME_ZONE) } },
    // Each store's deleted rows in the caller's own scope.
    recycleBin: {
      stores: [payments, invoices],
      read: { anyOf: ['finance.payment.restore', 'finance.invoice.restore'] },
    },
  })
}
