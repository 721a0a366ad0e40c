import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import { SALES_RECYCLE_BIN_ACCESS } from '@mosaic/permissions'
import type { SalesConfig } from './config.js'
import { migrations } from './migrations/index.js'
import { entities } from './entities.js'
import { registerContactRoutes, registerCustomerRoutes } from './modules/customers/customers.routes.js'
import { registerCustomerInternalRoutes } from './modules/customers/customers.internal.js'
import { contacts, customers } from './modules/customers/customers.store.js'
import { ANY_SALES_READ, registerDirectoryRoutes } from './modules/directory/directory.routes.js'
import { registerTeamRoutes } from './modules/team/team.routes.js'
import { registerLeadRoutes } from './modules/leads/leads.routes.js'
import { leads } from './modules/leads/leads.store.js'
import { registerFollowUpRoutes } from './modules/followups/followups.routes.js'
import { followups } from './modules/followups/followups.store.js'
import { salesAttachments } from './modules/followups/attachment-policy.js'
import { registerOpportunityRoutes } from './modules/opportunities/opportunities.routes.js'
import { opportunities } from './modules/opportunities/opportunities.store.js'
import { ordersProducts } from './modules/opportunities/products.js'
import { registerPoolRoutes } from './modules/pool/pool.routes.js'
import { registerTransferRoutes } from './modules/transfers/transfers.routes.js'
import { ordersDocuments } from './modules/transfers/transfers.orders.js'
import { businessClockJob } from './modules/jobs/business-clock.js'
import { registerDashboardRoutes } from './modules/dashboard/dashboard.routes.js'
import { approvalHandlers } from './approvals.js'
import { receivableHandlers } from './modules/customers/receivables.js'

/** Builds the sales service (not yet listening), so tests can drive it in-process. */
export function buildSalesService(config: SalesConfig, options: DomainServiceOptions = {}): Promise<Service> {
  return createDomainService({
    ...options,
    config,
    database: { entities, migrations },
    modules: [
      ({ api, db }) => registerDirectoryRoutes(api, db),
      (ctx) => registerCustomerRoutes(ctx.api, ctx.db, ctx),
      ({ internal, db }) => registerCustomerInternalRoutes(internal, db),
      (ctx) => registerContactRoutes(ctx.api, ctx.db, ctx),
      ({ api, db }) => registerTeamRoutes(api, db, '/customers', customers),
      (ctx) => registerLeadRoutes(ctx.api, ctx.db, ctx),
      (ctx) => registerFollowUpRoutes(ctx.api, ctx.db, ctx),
      (ctx) =>
        registerOpportunityRoutes(ctx.api, ctx.db, { ...ctx, products: ordersProducts(ctx.serviceClient) }),
      ({ api, db }) => registerTeamRoutes(api, db, '/opportunities', opportunities),
      ({ api, db, logger }) => registerPoolRoutes(api, db, config, logger),
      ({ api, db, logger, serviceClient }) =>
        registerTransferRoutes(api, db, logger, ordersDocuments(serviceClient)),
      (ctx) => registerDashboardRoutes(ctx.api, ctx.db, ctx),
    ],
    recycleBin: {
      stores: [customers, contacts, leads, opportunities, followups],
      read: { anyOf: [...SALES_RECYCLE_BIN_ACCESS] },
    },
    // Follow-ups carry them; whoever may see sales records may download what they reference
    // (a file is as visible as the follow-ups that carry it).
    attachments: {
      policy: salesAttachments,
      upload: 'sales.followup.create',
      read: { anyOf: ANY_SALES_READ },
    },
    // Approval decisions move the documents that waited on them; finance's figures give the
    // customer's collected %.
    events: { handlers: { ...approvalHandlers, ...receivableHandlers } },
    jobs: [
      businessClockJob({ minutes: config.RECYCLE_INTERVAL_MINUTES, timeZone: config.BUSINESS_TIME_ZONE }),
    ],
  })
}
