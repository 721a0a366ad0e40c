import type { EntityManager } from 'typeorm'
import { orders } from '@mosaic/schemas'
import {
  definedOnly,
  presentBy,
  RecordStore,
  descendantIds,
  fieldConflict,
  fieldError,
  nestTree,
  problem,
  uniqueOr,
  validationFailed,
  type RecordContext,
} from '@mosaic/service-kit'
import { CategoryEntity, type CategoryRow } from './categories.entity.js'

export const presentCategory = presentBy(orders.ProductCategory)

/** Product categories: the company's one catalog tree, seen by everyone who may read products. */
export const categories = new RecordStore<CategoryRow>({
  entityType: 'product_category',
  entity: CategoryEntity,
  title: (c) => c.name,
  checkRestore: (m, ctx, patch, id) => checkRestore(m, ctx, patch, id),
  present: async (_m, row) => presentCategory(row),
})

const NAME_INDEX = 'product_category_name_uq'
const nameTaken = (name: string) => fieldConflict('name', 'orders.category.name_taken', { name })

/** The whole tree of live categories, siblings by `sort` then name. */
export async function categoryTree(m: EntityManager): Promise<orders.ProductCategoryNode[]> {
  const rows = await categories.repo(m).createQueryBuilder('c').where('c.deleted_at IS NULL').getMany()
  return nestTree(rows.map(presentCategory))
}

/** A live category as a product's or a category's parent; 400 on `field` otherwise. */
async function liveParent(
  m: EntityManager,
  id: string,
  field: string,
  code: 'orders.category.parent_unknown',
) {
  const row = await categories.find(m, id)
  if (!row) throw validationFailed([fieldError(field, code)])
  return row
}

/** Another live category of that name at that level (case-insensitive)? */
async function assertNameFree(m: EntityManager, name: string, parentId: string | null, selfId?: string) {
  const qb = categories
    .repo(m)
    .createQueryBuilder('c')
    .where('c.deleted_at IS NULL AND lower(c.name) = lower(:name)', { name })
    .andWhere(parentId ? 'c.parent_id = :parentId' : 'c.parent_id IS NULL', { parentId })
  if (selfId) qb.andWhere('c.id <> :selfId', { selfId })
  if (await qb.getExists()) throw nameTaken(name)
}

/** The parent rules of a create, an edit or a version restore: it exists, and is not the category or below it. */
async function checkPlace(m: EntityManager, parentId: string | null, selfId?: string) {
  if (!parentId) return
  await liveParent(m, parentId, 'parentId', 'orders.category.parent_unknown')
  if (selfId && (await descendantIds(m, 'product_category', selfId)).includes(parentId))
    throw validationFailed([fieldError('parentId', 'orders.category.parent_cycle')])
}

export async function createCategory(
  m: EntityManager,
  ctx: RecordContext,
  input: orders.ProductCategoryCreate,
) {
  const parentId = input.parentId ?? null
  await checkPlace(m, parentId)
  await assertNameFree(m, input.name, parentId)
  return uniqueOr(
    categories.create(m, ctx, { name: input.name, parentId, sort: input.sort ?? 0 }),
    NAME_INDEX,
    () => nameTaken(input.name),
  )
}

/** Rename, move or reorder. */
export async function updateCategory(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  input: orders.ProductCategoryUpdate,
) {
  const before = await categories.get(m, id, ctx, { access: 'write' })
  const after = { ...before, ...definedOnly(input) } as CategoryRow
  await checkRestore(m, ctx, after, id)
  return uniqueOr(categories.update(m, ctx, id, version, definedOnly(input)), NAME_INDEX, () =>
    nameTaken(after.name),
  )
}

/** An edit's and a version restore's rules (the store calls this before bringing a version back). */
export async function checkRestore(
  m: EntityManager,
  _ctx: RecordContext,
  patch: Partial<CategoryRow>,
  id: string,
) {
  const current = await categories.get(m, id)
  const next = { ...current, ...patch }
  if (patch.parentId !== undefined) await checkPlace(m, next.parentId, id)
  if (patch.name !== undefined || patch.parentId !== undefined)
    await assertNameFree(m, next.name, next.parentId, id)
}

/** Refused while the category holds live subcategories or products: the answer says which and how many. */
export async function deleteCategory(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  await categories.get(m, id, ctx, { access: 'owner', lock: true })
  const [{ children, products }] = await m.query(
    `SELECT (SELECT count(*)::int FROM product_category WHERE parent_id = $1 AND deleted_at IS NULL) AS children,
            (SELECT count(*)::int FROM product WHERE category_id = $1 AND deleted_at IS NULL) AS products`,
    [id],
  )
  if (children) throw problem(409, 'orders.category.has_children', { children })
  if (products) throw problem(409, 'orders.category.has_products', { products })
  await categories.softDelete(m, ctx, id, version)
}

/** Back from the recycle bin under a live parent, with its name still free at that level. */
export async function restoreCategory(m: EntityManager, ctx: RecordContext, id: string) {
  const row = await categories.get(m, id, ctx, { withDeleted: true, access: 'owner' })
  if (row.parentId) {
    const parent = await categories.find(m, row.parentId, undefined, { withDeleted: true })
    if (parent?.deletedAt) throw problem(409, 'orders.category.parent_deleted', { name: parent.name })
  }
  if (row.deletedAt) await assertNameFree(m, row.name, row.parentId, id)
  return uniqueOr(categories.restore(m, ctx, id), NAME_INDEX, () => nameTaken(row.name))
}
