import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import type { FinanceConfig } from './config.js'
import { migrations } from './migrations.js'
import { financeApprovalHandlers } from './approvals.js'
import { InvoiceEntity } from './modules/invoices/invoices.entity.js'
import { registerInvoiceRoutes } from './modules/invoices/invoices.routes.js'
import { invoices } from './modules/invoices/invoices.store.js'
import { PaymentEntity } from './modules/payments/payments.entity.js'
import { registerPaymentRoutes } from './modules/payments/payments.routes.js'
import { registerDashboardRoute } from './modules/dashboard/dashboard.routes.js'
import { payments } from './modules/payments/payments.store.js'
import { ReceivableEntity } from './modules/receivables/receivables.entity.js'
import { contractHandlers } from './modules/receivables/receivables.events.js'
import { overdueJob } from './modules/receivables/receivables.overdue.js'
import { registerReceivableRoutes } from './modules/receivables/receivables.routes.js'
import { StatementResponseEntity } from './modules/statements/statements.entity.js'
import { registerStatementRoutes } from './modules/statements/statements.routes.js'

/** Builds the finance service (not yet listening); tests pass a verifier that trusts their own keys. */
export function buildFinanceService(
  config: FinanceConfig,
  options: DomainServiceOptions = {},
): Promise<Service> {
  const timeZone = config.BUSINESS_TIME_ZONE
  return createDomainService({
    ...options,
    config,
    database: {
      entities: [ReceivableEntity, PaymentEntity, InvoiceEntity, StatementResponseEntity],
      migrations,
    },
    modules: [
      (ctx) => registerReceivableRoutes(ctx.api, ctx.db, { timeZone }),
      (ctx) => registerPaymentRoutes(ctx.api, ctx.db, ctx),
      (ctx) => registerInvoiceRoutes(ctx.api, ctx.db, ctx),
      (ctx) => registerStatementRoutes(ctx.api, ctx.internal, ctx.db),
      (ctx) => registerDashboardRoute(ctx.api, ctx.db, { timeZone }),
    ],
    events: {
      handlers: {
        // Receivables follow the contracts orders approves, changes and ends.
        ...contractHandlers(timeZone),
        // The approval engine's decisions confirm or reject the payments that waited on them.
        ...financeApprovalHandlers(timeZone),
      },
    },
    // Payments and invoices go to the bin (receivables are never deleted: they follow their contract).
    recycleBin: {
      stores: [payments, invoices],
      read: { anyOf: ['finance.payment.restore', 'finance.invoice.restore'] },
    },
    jobs: [overdueJob({ minutes: config.OVERDUE_INTERVAL_MINUTES, timeZone })],
  })
}
