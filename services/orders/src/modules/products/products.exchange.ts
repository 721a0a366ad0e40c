import { orders } from '@mosaic/schemas'
import {
  existingMatches,
  parseOrThrow,
  type DomainDeps,
  type ExchangeSpec,
  type ImportValues,
  type RefResolver,
} from '@mosaic/service-kit'
import type { ProductRow } from './products.entity.js'
import { createProduct, listProducts, products, updateProduct } from './products.service.js'

const label = (zh: string, en: string) => ({ zh, en })

/** Only the named keys that have a value: an empty cell never reaches the domain function. */
export function pick(values: ImportValues, keys: readonly string[]) {
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]))
}

const EDITABLE = [
  'code',
  'name',
  'categoryId',
  'spec',
  'unit',
  'referencePrice',
  'taxRate',
  'safetyStock',
  'ownerId',
  'remark',
] as const

/** On/off sale is set when a product is created; afterwards it moves only through its actions. */
const productCreate = (v: ImportValues) =>
  parseOrThrow(orders.ProductCreate, pick(v, [...EDITABLE, 'onSale'])) as orders.ProductCreate
const productUpdate = (v: ImportValues) =>
  parseOrThrow(orders.ProductUpdate, pick(v, EDITABLE)) as orders.ProductUpdate

/**
 * Live categories by name (case ignored). Names are unique only among siblings, so a name two
 * categories share is left out (the row reports it unknown) rather than guessed.
 */
export const categoryRef: RefResolver = {
  async ids(m, _ctx, texts) {
    const rows: { id: string; name: string }[] = await m.query(
      'SELECT id, name FROM product_category WHERE deleted_at IS NULL AND lower(name) = ANY($1::text[])',
      [texts.map((t) => t.toLowerCase())],
    )
    const byName = new Map<string, string[]>()
    for (const r of rows)
      byName.set(r.name.toLowerCase(), [...(byName.get(r.name.toLowerCase()) ?? []), r.id])
    const found = new Map<string, string>()
    for (const text of texts) {
      const ids = byName.get(text.toLowerCase())
      if (ids?.length === 1) found.set(text, ids[0]!)
    }
    return found
  },
  async names(m, ids) {
    const rows: { id: string; name: string }[] = await m.query(
      'SELECT id, name FROM product_category WHERE id = ANY($1::uuid[])',
      [ids],
    )
    return new Map(rows.map((r) => [r.id, r.name]))
  },
}

/** Products: business key = the code (unique among live products whatever the case). */
export function productExchange(deps: DomainDeps): ExchangeSpec<ProductRow, orders.ProductListQuery> {
  return {
    resource: 'orders.product',
    path: '/products',
    title: label('产品', 'Products'),
    store: products,
    listQuery: orders.ProductListQuery,
    fields: [
      {
        key: 'code',
        label: label('产品编码', 'Code'),
        kind: 'text',
        required: true,
        businessKey: true,
        maxLength: 40,
        example: 'HW-001',
      },
      { key: 'name', label: label('产品名称', 'Name'), kind: 'text', required: true, maxLength: 100 },
      { key: 'categoryId', label: label('产品分类', 'Category'), kind: 'ref', ref: categoryRef },
      { key: 'spec', label: label('规格型号', 'Specification'), kind: 'text', maxLength: 100 },
      { key: 'unit', label: label('单位', 'Unit'), kind: 'dict', dict: 'product_unit' },
      {
        key: 'referencePrice',
        label: label('参考价格', 'Reference price'),
        kind: 'money',
        required: true,
        example: '12800.00',
      },
      // A percentage as decimal text, read like money and checked by the product's own rule.
      {
        key: 'taxRate',
        label: label('税率(%)', 'Tax rate (%)'),
        kind: 'money',
        required: true,
        example: '13',
      },
      { key: 'safetyStock', label: label('安全库存', 'Safety stock'), kind: 'number' },
      { key: 'ownerId', label: label('负责人', 'Owner'), kind: 'user' },
      { key: 'onSale', label: label('上架', 'On sale'), kind: 'bool' },
      { key: 'remark', label: label('备注', 'Remark'), kind: 'text', maxLength: 2000 },
      { key: 'createdAt', label: label('创建时间', 'Created'), kind: 'datetime', readOnly: true },
    ],
    list: (m, _ctx, query) => listProducts(m, query),
    async findExisting(m, ctx, keys) {
      const rows = await products
        .repo(m)
        .createQueryBuilder('p')
        .where('p.deleted_at IS NULL')
        .andWhere('lower(p.code) IN (:...codes)', { codes: keys.map((k) => k[0]!) })
        .getMany()
      return existingMatches(m, ctx, products, rows, { keys, keyOf: (p) => [p.code], outside: 'refuse' })
    },
    check: (v, mode) => void (mode === 'create' ? productCreate(v) : productUpdate(v)),
    create: (m, ctx, v) => createProduct(m, ctx, deps, productCreate(v)),
    update: (m, ctx, id, version, v) => updateProduct(m, ctx, deps, id, version, productUpdate(v)),
    remove: (m, ctx, id, version) => products.softDelete(m, ctx, id, version),
  }
}
