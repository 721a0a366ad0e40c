import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import { ORDERS_RECYCLE_BIN_ACCESS } from '@mosaic/permissions'
import { orders } from '@mosaic/schemas'
import type { OrdersConfig } from './config.js'
import { migrations } from './migrations.js'
import { ContractEntity } from './modules/contracts/contracts.entity.js'
import { registerContractRoutes } from './modules/contracts/contracts.routes.js'
import { registerDashboardRoute } from './modules/dashboard/dashboard.routes.js'
import { contracts, contractScans } from './modules/contracts/contracts.store.js'
import { CategoryEntity } from './modules/categories/categories.entity.js'
import { registerCategoryRoutes } from './modules/categories/categories.routes.js'
import { categories } from './modules/categories/categories.service.js'
import { ProductEntity } from './modules/products/products.entity.js'
import { registerProductRoutes } from './modules/products/products.routes.js'
import { productImages, products } from './modules/products/products.service.js'
import { registerOrdersInternalRoutes } from './modules/internal/internal.routes.js'
import { transferHandlers } from './modules/internal/transfer-events.js'
import { SalesOrderEntity } from './modules/sales-orders/sales-orders.entity.js'
import { registerSalesOrderRoutes } from './modules/sales-orders/sales-orders.routes.js'
import { salesOrders } from './modules/sales-orders/sales-orders.store.js'
import { QuoteEntity } from './modules/quotes/quotes.entity.js'
import { registerQuoteRoutes } from './modules/quotes/quotes.routes.js'
import { quoteFiles, quotes } from './modules/quotes/quotes.service.js'
import { quoteExpiryJob } from './modules/quotes/quotes.lifecycle.js'
import { approvalHandlers } from './approvals.js'
import { receivableHandlers } from './modules/receivables/receivables.js'
import { ticketHandlers } from './modules/tickets/contract-tickets.js'

/**
 * Files: product images (images only), contract scans and quote files (PDF or images), each as
 * visible as the record carrying it.
 */
const ordersFiles = {
  visible: async (...args: Parameters<typeof productImages.visible>) =>
    (await productImages.visible(...args)) ||
    (await contractScans.visible(...args)) ||
    quoteFiles.visible(...args),
  accept: contractScans.accept,
  acceptOne: productImages.acceptOne,
}

/** Builds the orders service (not yet listening); tests pass a verifier that trusts their own keys. */
export function buildOrdersService(
  config: OrdersConfig,
  options: DomainServiceOptions = {},
): Promise<Service> {
  return createDomainService({
    ...options,
    config,
    database: {
      entities: [CategoryEntity, ProductEntity, QuoteEntity, ContractEntity, SalesOrderEntity],
      migrations,
    },
    modules: [
      ({ api, db }) => registerCategoryRoutes(api, db),
      (ctx) => registerProductRoutes(ctx.api, ctx.db, ctx),
      (ctx) => registerQuoteRoutes(ctx.api, ctx.db, ctx),
      ({ internal, db }) => registerOrdersInternalRoutes(internal, db),
      (ctx) => registerContractRoutes(ctx.api, ctx.db, ctx),
      (ctx) => registerSalesOrderRoutes(ctx.api, ctx.db, ctx),
      (ctx) => registerDashboardRoute(ctx.api, ctx.db, ctx),
    ],
    // The customer's quotes follow it when sales changes its owner with the quotes option; the
    // approval engine's decisions move the documents that waited on them; finance's figures per
    // contract feed the closure gates and the contracts' collected %; the tickets service's reports
    // feed the contracts' "no open tickets" gate.
    events: {
      handlers: { ...transferHandlers, ...approvalHandlers, ...receivableHandlers, ...ticketHandlers },
    },
    // Each store's deleted rows in the caller's own scope (a rep sees the quotes they deleted).
    recycleBin: {
      stores: [products, categories, quotes, contracts, salesOrders],
      read: { anyOf: [...ORDERS_RECYCLE_BIN_ACCESS] },
    },
    // Product images (PNG, JPEG or WebP) and contract scans (PDF or those images), ATTACHMENT_MAX_BYTES
    // (2 MB); each field checks its own types when a record takes the file.
    attachments: {
      policy: ordersFiles,
      upload: {
        anyOf: [
          'orders.product.create',
          'orders.product.update',
          'orders.contract.create',
          'orders.contract.update',
          'orders.quote.create',
          'orders.quote.update',
        ],
      },
      read: { anyOf: ['orders.product.read', 'orders.contract.read', 'orders.quote.read'] },
      allowedTypes: [...new Set([...orders.PRODUCT_IMAGE_TYPES, ...Object.keys(orders.CONTRACT_SCAN_TYPES)])],
    },
    jobs: [
      quoteExpiryJob({ minutes: config.QUOTE_EXPIRY_INTERVAL_MINUTES, timeZone: config.BUSINESS_TIME_ZONE }),
    ],
  })
}
