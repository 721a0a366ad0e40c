import { z } from 'zod'
import { orders } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import {
  categories,
  categoryTree,
  createCategory,
  deleteCategory,
  restoreCategory,
  updateCategory,
} from './categories.service.js'

/**
 * Product categories share the products' codes: whoever reads products sees the tree, whoever may
 * edit products manages it (create, rename, move, delete and restore are `orders.product.update`).
 */
export function registerCategoryRoutes(api: ApiRouter, db: Database) {
  registerAggregate(api, {
    resource: 'orders.product',
    path: '/categories',
    db,
    store: categories,
    response: orders.ProductCategory,
    access: { create: 'update', delete: 'update', restore: 'update' },
    list: {
      summary: 'The product category tree (live categories, siblings by sort then name)',
      response: z.array(orders.ProductCategoryNode),
      run: (m) => categoryTree(m),
    },
    create: {
      summary: 'Add a product category',
      body: orders.ProductCategoryCreate,
      run: (m, ctx, body) => createCategory(m, ctx, body),
    },
    update: {
      body: orders.ProductCategoryUpdate,
      apply: (m, ctx, id, version, body) => updateCategory(m, ctx, id, version, body),
    },
    remove: (m, ctx, id, version) => deleteCategory(m, ctx, id, version),
    restore: restoreCategory,
  })
}
