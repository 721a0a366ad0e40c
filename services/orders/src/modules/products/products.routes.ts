import { orders } from '@mosaic/schemas'
import {
  registerAggregate,
  registerExchange,
  type ApiRouter,
  type Database,
  type DomainDeps,
} from '@mosaic/service-kit'
import { productExchange } from './products.exchange.js'
import {
  bulkEditProduct,
  createProduct,
  listProducts,
  presentProduct,
  products,
  restoreProduct,
  setOnSale,
  updateProduct,
} from './products.service.js'

export function registerProductRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  // Before the aggregate's `/:id` routes, which would otherwise take `/export` for an id.
  registerExchange(api, productExchange(deps), { db, ...deps })
  registerAggregate(api, {
    resource: 'orders.product',
    path: '/products',
    db,
    store: products,
    response: orders.Product,
    present: (m, row) => presentProduct(m, row),
    list: {
      summary: 'Products, newest first (a code typed from its start: by code)',
      query: orders.ProductListQuery,
      run: (m, _ctx, query) => listProducts(m, query),
    },
    create: {
      summary: 'Add a product',
      body: orders.ProductCreate,
      run: (m, ctx, body) => createProduct(m, ctx, deps, body),
    },
    update: {
      body: orders.ProductUpdate,
      apply: (m, ctx, id, version, body) => updateProduct(m, ctx, deps, id, version, body),
    },
    remove: 'soft',
    bulk: {
      edit: orders.ProductBulkEdit,
      apply: (m, ctx, id, version, changes) => bulkEditProduct(m, ctx, deps, id, version, changes),
    },
    restore: restoreProduct,
    actions: {
      'on-sale': {
        summary: 'Put a product on sale (上架)',
        access: 'update',
        run: (m, ctx, id, version) => setOnSale(m, ctx, id, version, true),
      },
      'off-sale': {
        summary: 'Take a product off sale (下架)',
        access: 'update',
        run: (m, ctx, id, version) => setOnSale(m, ctx, id, version, false),
      },
    },
  })
}
