import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { Id, PageQuery, RecordMeta } from '../common.js'
import { Attachment } from '../attachments.js'
import { Money, OwnerFields, dictValue, optionalDict, optionalText } from '../sales/common.js'

/** A product code (产品编码): letters, digits and dashes, unique among live products whatever the case. */
export const PRODUCT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*$/
/** A percentage with at most 2 decimals, 0 to 100 (a tax rate). */
export const PERCENT_PATTERN = /^\d{1,3}(\.\d{1,2})?$/
/** Types a product image may have. */
export const PRODUCT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const
/** Default size limit of a product image (the orders service's `ATTACHMENT_MAX_BYTES`). */
export const PRODUCT_IMAGE_MAX_BYTES = 2 * 1024 * 1024

/** The `Percent` rule as a test, for forms that check before they send. */
export const isPercentText = (value: string) => PERCENT_PATTERN.test(value.trim()) && Number(value) <= 100

export const Percent = z
  .string()
  .trim()
  .regex(PERCENT_PATTERN, 'validation.percent')
  .refine((v) => Number(v) <= 100, { message: 'validation.percent' })

export const ProductCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(PRODUCT_CODE_PATTERN, 'orders.product.code_format')

export const Product = z.object({
  ...RecordMeta,
  code: z.string(),
  name: z.string(),
  categoryId: Id.nullable(),
  /** The category's name (names, not ids, on screen); null without one. */
  categoryName: z.string().nullable(),
  spec: z.string().nullable(),
  /** `product_unit` dictionary value. */
  unit: z.string().nullable(),
  /** Money as decimal text with 2 decimals. */
  referencePrice: z.string(),
  /** Percent as decimal text with 2 decimals. */
  taxRate: z.string(),
  safetyStock: z.number().int(),
  ...OwnerFields,
  image: Attachment.nullable(),
  remark: z.string().nullable(),
  onSale: z.boolean(),
})
export type Product = z.infer<typeof Product>

const ProductFields = {
  code: ProductCode,
  name: z.string().trim().min(1).max(100),
  categoryId: Id.nullable().optional(),
  spec: optionalText(100),
  unit: optionalDict,
  referencePrice: Money,
  taxRate: Percent,
  safetyStock: z.number().int().min(0).max(1_000_000_000).optional(),
  /** The product's person in charge (负责人); default the caller. */
  ownerId: Id.optional(),
  /** An uploaded file (`POST /api/orders/attachments`), or null to remove the image. */
  image: z.strictObject({ id: Id }).nullable().optional(),
  remark: optionalText(2000),
}

/** A new product is on sale unless it says otherwise. */
export const ProductCreate = z.strictObject({ ...ProductFields, onSale: z.boolean().optional() })
export type ProductCreate = z.input<typeof ProductCreate>

/** On/off sale moves through the `on-sale` / `off-sale` actions, not an edit. */
export const ProductUpdate = z.strictObject({
  ...ProductFields,
  code: ProductCode.optional(),
  name: ProductFields.name.optional(),
  referencePrice: Money.optional(),
  taxRate: Percent.optional(),
})
export type ProductUpdate = z.input<typeof ProductUpdate>

/**
 * 批量修改 of products: category and unit through the product's edit, and on sale (批量上架/下架)
 * through its on-sale / off-sale actions.
 */
export const ProductBulkEdit = bulkEditOf(
  ProductUpdate.pick({ categoryId: true, unit: true }).extend({ onSale: z.boolean() }),
)
export type ProductBulkEdit = z.input<typeof ProductBulkEdit>

export const ProductListQuery = PageQuery.extend({
  /** Code from its start, or any part of the name. */
  q: optionalText(100),
  /** The category or any category below it. */
  categoryId: Id.optional(),
  onSale: z.enum(['true', 'false']).optional(),
  unit: dictValue.optional(),
  ownerId: Id.optional(),
})
export type ProductListQuery = z.infer<typeof ProductListQuery>
