import { z } from 'zod'
import { Id, RecordMeta } from '../common.js'

/** A product category (产品类别): a tree by `parentId`, siblings ordered by `sort`. */
export const ProductCategory = z.object({
  ...RecordMeta,
  name: z.string(),
  parentId: Id.nullable(),
  sort: z.number().int(),
})
export type ProductCategory = z.infer<typeof ProductCategory>

export type ProductCategoryNode = ProductCategory & { children: ProductCategoryNode[] }
export const ProductCategoryNode: z.ZodType<ProductCategoryNode> = ProductCategory.extend({
  get children() {
    return z.array(ProductCategoryNode)
  },
})

const name = z.string().trim().min(1).max(60)
const sort = z.number().int().min(0).max(100_000)

export const ProductCategoryCreate = z.strictObject({
  name,
  parentId: Id.nullable().optional(),
  sort: sort.optional(),
})
export type ProductCategoryCreate = z.input<typeof ProductCategoryCreate>

/** Rename (`name`), move (`parentId`, null: to the top) or reorder (`sort`). */
export const ProductCategoryUpdate = z.strictObject({
  name: name.optional(),
  parentId: Id.nullable().optional(),
  sort: sort.optional(),
})
export type ProductCategoryUpdate = z.input<typeof ProductCategoryUpdate>
