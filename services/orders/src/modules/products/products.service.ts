import type { EntityManager } from 'typeorm'
import { roundMoney } from '@mosaic/money'
import { orders } from '@mosaic/schemas'
import {
  attachmentPolicy,
  definedOnly,
  directoryOwners,
  fieldConflict,
  fieldError,
  inSubtreeSql,
  listPage,
  liveRows,
  nameOrNumber,
  ownerOfCaller,
  presentBy,
  problem,
  RecordStore,
  uniqueOr,
  validationFailed,
  type AggregateContext,
  type DomainDeps,
  type RecordBase,
  type RecordContext,
} from '@mosaic/service-kit'
import { categories } from '../categories/categories.service.js'
import { ProductEntity, type ProductRow } from './products.entity.js'

const CODE_INDEX = 'product_code_uq'
const codeTaken = (code: string) => fieldConflict('code', 'orders.product.code_taken', { code })

const presentRow = presentBy(orders.Product)

/** Products with their categories' names (one query per page). */
export async function presentProducts(m: EntityManager, rows: ProductRow[]): Promise<orders.Product[]> {
  const ids = [...new Set(rows.map((r) => r.categoryId).filter((id): id is string => Boolean(id)))]
  const names = new Map<string, string>()
  if (ids.length) {
    const found: Array<{ id: string; name: string }> = await m.query(
      'SELECT id, name FROM product_category WHERE id = ANY($1::uuid[])',
      [ids],
    )
    for (const c of found) names.set(c.id, c.name)
  }
  return rows.map((r) =>
    presentRow({ ...r, categoryName: r.categoryId ? (names.get(r.categoryId) ?? null) : null }),
  )
}

export const presentProduct = async (m: EntityManager, row: ProductRow) =>
  (await presentProducts(m, [row]))[0]!

/**
 * Products (产品管理): the company's one catalog. Not owner-scoped: whoever may read products sees
 * all of them (quotes, contracts and orders pick from the whole catalog); the owner (负责人) is the
 * product's person in charge. On/off sale moves only through its actions.
 */
export const products = new RecordStore<ProductRow>({
  entityType: 'product',
  entity: ProductEntity,
  title: (p) => `${p.name} (${p.code})`,
  systemFields: ['onSale'],
  checkRestore: (m, _ctx, patch, id) => checkProduct(m, patch, id),
  present: (m, row) => presentProduct(m, row),
})

/** A product image is as visible as the products showing it (every reader of products). */
export const productImages = attachmentPolicy([{ store: products, field: 'image', single: true }])

const { directoryOwner } = directoryOwners('orders')

export function listProducts(m: EntityManager, q: orders.ProductListQuery) {
  return listPage(liveRows(products, m, 'p'), q, {
    filters: {
      q: (term) => nameOrNumber('p', term, { number: 'code' }),
      categoryId: (id) => ({
        sql: inSubtreeSql('product_category', 'p.category_id', 'categoryId'),
        params: { categoryId: id },
      }),
    },
    equal: ['unit', 'ownerId'],
    flags: ['onSale'],
    present: (rows) => presentProducts(m, rows),
  })
}

/** The code is free among live products (whatever the case), the category is live. */
async function checkProduct(m: EntityManager, patch: Partial<ProductRow>, selfId?: string) {
  if (patch.code !== undefined) {
    const qb = products
      .repo(m)
      .createQueryBuilder('p')
      .where('p.deleted_at IS NULL AND upper(p.code) = upper(:code)', { code: patch.code })
    if (selfId) qb.andWhere('p.id <> :selfId', { selfId })
    if (await qb.getExists()) throw codeTaken(patch.code)
  }
  if (patch.categoryId) {
    const category = await categories.find(m, patch.categoryId, undefined, { withDeleted: true })
    if (!category) throw validationFailed([fieldError('categoryId', 'orders.product.category_unknown')])
    if (category.deletedAt)
      throw validationFailed([
        fieldError('categoryId', 'orders.product.category_deleted', { name: category.name }),
      ])
  }
}

type ProductFields = Omit<orders.ProductUpdate, 'ownerId' | 'image'>

/** The columns of the fields a create or an edit sends (money and percent as 2-decimal text). */
function columnsOf(input: ProductFields): Partial<ProductRow> {
  const { referencePrice, taxRate, ...rest } = input
  return {
    ...definedOnly(rest),
    ...(referencePrice !== undefined ? { referencePrice: roundMoney(referencePrice) } : {}),
    ...(taxRate !== undefined ? { taxRate: roundMoney(taxRate) } : {}),
  } as Partial<ProductRow>
}

export async function createProduct(
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  input: orders.ProductCreate,
) {
  await deps.dicts.assert([{ field: 'unit', type: 'product_unit', value: input.unit }])
  const { ownerId, image, onSale, ...fields } = input
  const values = columnsOf(fields)
  await checkProduct(m, values)
  const owner =
    ownerId && ownerId !== ctx.principal.userId
      ? await directoryOwner(m, ownerId)
      : ownerOfCaller(ctx.principal)
  const row: Omit<ProductRow, keyof RecordBase> = {
    code: input.code,
    name: input.name,
    categoryId: input.categoryId ?? null,
    spec: input.spec ?? null,
    unit: input.unit ?? null,
    referencePrice: roundMoney(input.referencePrice),
    taxRate: roundMoney(input.taxRate),
    safetyStock: input.safetyStock ?? 0,
    ...owner,
    image: await productImages.acceptOne(m, ctx, image, 'image', orders.PRODUCT_IMAGE_TYPES),
    remark: input.remark ?? null,
    onSale: onSale ?? true,
  }
  return uniqueOr(products.create(m, ctx, row), CODE_INDEX, () => codeTaken(input.code.trim()))
}

export async function updateProduct(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
  input: orders.ProductUpdate,
) {
  await products.get(m, id, ctx, { access: 'write' })
  await deps.dicts.assert([{ field: 'unit', type: 'product_unit', value: input.unit }])
  const { ownerId, image, ...fields } = input
  const patch = columnsOf(fields)
  await checkProduct(m, patch, id)
  if (ownerId !== undefined) Object.assign(patch, await directoryOwner(m, ownerId))
  if (image !== undefined)
    patch.image = await productImages.acceptOne(m, ctx, image, 'image', orders.PRODUCT_IMAGE_TYPES)
  return uniqueOr(products.update(m, ctx, id, version, patch), CODE_INDEX, () => codeTaken(patch.code ?? ''))
}

/** On sale (上架) / off sale (下架): an audited state change of its own. */
export async function setOnSale(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  onSale: boolean,
) {
  const row = await products.get(m, id, ctx, { access: 'write' })
  if (row.onSale === onSale)
    throw problem(409, onSale ? 'orders.product.already_on_sale' : 'orders.product.already_off_sale')
  return products.update(m, ctx, id, version, { onSale }, { action: onSale ? 'on_sale' : 'off_sale' })
}

/**
 * One product of a bulk edit (批量修改): category and unit through the edit, on sale through the
 * on-sale / off-sale rule. A product already in the asked sale state is left as it is (a bulk
 * "put on sale" over a mixed selection is not an error for the ones already on sale).
 */
export async function bulkEditProduct(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
  { onSale, ...fields }: orders.ProductBulkEdit['changes'],
) {
  let row = await products.get(m, id, ctx, { access: 'write' })
  if (Object.values(fields).some((v) => v !== undefined))
    row = await updateProduct(m, ctx, deps, id, version, fields)
  if (onSale !== undefined && row.onSale !== onSale) row = await setOnSale(m, ctx, id, row.version, onSale)
  return row
}

/** Back from the recycle bin while its code is still free and its category is live. */
export async function restoreProduct(m: EntityManager, ctx: RecordContext, id: string) {
  const row = await products.get(m, id, ctx, { withDeleted: true, access: 'owner' })
  if (row.deletedAt) {
    if (row.categoryId) {
      const category = await categories.find(m, row.categoryId, undefined, { withDeleted: true })
      if (category?.deletedAt) throw problem(409, 'orders.product.category_deleted', { name: category.name })
    }
    await checkProduct(m, { code: row.code }, id)
  }
  return uniqueOr(products.restore(m, ctx, id), CODE_INDEX, () => codeTaken(row.code))
}
