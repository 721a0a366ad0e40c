import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import { orders } from '@mosaic/schemas'
import type { OrdersConfig } from './config.js'
import { migrations } from './migrations.js'
import { CategoryEntity } from './modules/categories/categories.entity.js'
import { registerCategoryRoutes } from './modules/categories/categories.routes.js'
import { categories } from './modules/categories/categories.service.js'
import { ProductEntity } from './modules/products/products.entity.js'
import { registerProductRoutes } from './modules/products/products.routes.js'
import { productImages, products } from './modules/products/products.service.js'

/** Builds the orders service (not yet listening); tests pass a verifier that trusts their own keys. */
export function buildOrdersService(
  config: OrdersConfig,
  options: DomainServiceOptions = {},
): Promise<Service> {
  return createDomainService({
    ...options,
    config,
    database: { entities: [CategoryEntity, ProductEntity], migrations },
    modules: [
      ({ api, db }) => registerCategoryRoutes(api, db),
      (ctx) => registerProductRoutes(ctx.api, ctx.db, ctx),
    ],
    recycleBin: { stores: [products, categories], read: 'orders.product.restore' },
    // The service's only files are product images: PNG, JPEG or WebP, ATTACHMENT_MAX_BYTES (2 MB).
    attachments: {
      policy: productImages,
      upload: { anyOf: ['orders.product.create', 'orders.product.update'] },
      read: 'orders.product.read',
      allowedTypes: orders.PRODUCT_IMAGE_TYPES,
    },
  })
}
