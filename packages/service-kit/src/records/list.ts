import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import type { Page } from '@mosaic/schemas'
import type { PageRequest } from '../http/paging.js'
import { keysetPage, type KeysetOptions } from './paging.js'
import type { RecordStore } from './record-store.js'
import type { RecordBase } from './columns.js'
import type { ListOrder, WhereFragment } from './search.js'

type Keys<Q> = keyof Q & string

/** The store's rows outside the recycle bin, as a query under `alias`: where most lists start. */
export function liveRows<T extends RecordBase>(store: RecordStore<T>, m: EntityManager, alias: string) {
  return store.repo(m).createQueryBuilder(alias).where(`${alias}.deleted_at IS NULL`)
}

/**
 * How a list turns its query into WHERE fragments, ANDed in this order: scope, `filters`, `equal`,
 * `flags`, `ranges`. A query value that is unset or empty adds nothing.
 */
export interface ListSpec<Row, Q, Item> {
  /** The caller's data scope (`store.scopeWhere(principal, alias)`, indexed form); null: sees all. */
  scope?: WhereFragment | null
  /** Query keys with their own rule (a search, a view); a null fragment adds nothing. */
  filters?: { [K in Keys<Q>]?: (value: NonNullable<Q[K]>) => WhereFragment | null }
  /** Query keys matched for equality on the column of the same name in snake case (`ownerId` → `owner_id`). */
  equal?: Array<Keys<Q>>
  /** Query keys holding 'true' / 'false', matched against the boolean column of the same name. */
  flags?: Array<Keys<Q>>
  /** Column → [query key of its lower bound, of its upper bound], both inclusive. */
  ranges?: Record<string, [from: Keys<Q>, to: Keys<Q>]>
  /**
   * Sort column and property (default: newest `created_at` first, or the order a filter's index
   * serves, `WhereFragment.order`: a number prefix lists by number).
   */
  sort?: Partial<Pick<KeysetOptions, 'sortColumn' | 'sortProperty' | 'sortType' | 'direction'>>
  present: (rows: Row[]) => Item[] | Promise<Item[]>
}

/**
 * A list endpoint's page: `from` (the base query with its alias and the rows the list ever shows)
 * narrowed by the scope and the query's filters, paged by `keysetPage` (capped total; a counted set
 * read once for its total and page), then presented. Runs on the manager it is given: a read needs no transaction.
 */
export async function listPage<Row extends ObjectLiteral & { id: string }, Q extends PageRequest, Item>(
  from: SelectQueryBuilder<Row>,
  query: Q,
  spec: ListSpec<Row, Q, Item>,
): Promise<Page<Item>> {
  const alias = from.alias
  const anyOf: WhereFragment[][] = []
  let preferred: ListOrder | undefined
  let planStable = true
  for (const where of listWheres(alias, query, spec)) {
    if (where.anyOf && where.anyOf.length > 1) anyOf.push(where.anyOf)
    else from.andWhere(where.sql, where.params)
    preferred ??= where.order
    planStable &&= where.planStable === true
  }
  const page = await keysetPage(from, {
    alias,
    sortColumn: 'created_at',
    sortProperty: 'createdAt',
    ...(spec.sort ?? orderedBy(preferred)),
    paging: query,
    anyOf,
    planStable,
  })
  return { ...page, items: await spec.present(page.items) }
}

/**
 * The rows a list with `query` shows, unpaged and unordered: the same WHERE fragments `listPage`
 * ANDs (an `anyOf` condition as its plain OR), for figures that must equal the list's total (the
 * dashboard counts and sums over it).
 */
export function listedRows<Row extends ObjectLiteral, Q>(
  from: SelectQueryBuilder<Row>,
  query: NoInfer<Partial<Q>>,
  spec: Omit<ListSpec<Row, Q, unknown>, 'present'>,
): SelectQueryBuilder<Row> {
  const rows = from.clone()
  for (const where of listWheres(from.alias, query as Q, spec as ListSpec<never, Q, unknown>)) {
    rows.andWhere(where.sql, where.params)
  }
  return rows
}

/** A filter's own order (a number prefix: by number), for a list left at its default order. */
function orderedBy(order: ListOrder | undefined): Partial<KeysetOptions> {
  if (!order) return {}
  return { sortSql: order.sql, sortType: order.type, direction: order.direction ?? 'DESC' }
}

function* listWheres<Q>(
  alias: string,
  query: Q,
  spec: ListSpec<never, Q, unknown>,
): Generator<WhereFragment> {
  const value = (key: Keys<Q>) => query[key] as unknown
  // The scope narrows by who is asking (their id, department, memberships): one plan serves every caller.
  if (spec.scope) yield { ...spec.scope, planStable: true }
  for (const [key, filter] of Object.entries(spec.filters ?? {}) as Array<[Keys<Q>, Filter]>) {
    const where = value(key) ? filter(value(key)) : null
    if (where) yield where
  }
  for (const key of spec.equal ?? []) {
    if (value(key)) yield { sql: `${alias}.${snakeCase(key)} = :${key}`, params: { [key]: value(key) } }
  }
  for (const key of spec.flags ?? []) {
    if (value(key))
      yield { sql: `${alias}.${snakeCase(key)} = :${key}`, params: { [key]: value(key) === 'true' } }
  }
  for (const [column, [from, to]] of Object.entries(spec.ranges ?? {})) {
    if (value(from)) yield { sql: `${alias}.${column} >= :${from}`, params: { [from]: value(from) } }
    if (value(to)) yield { sql: `${alias}.${column} <= :${to}`, params: { [to]: value(to) } }
  }
}

type Filter = (value: unknown) => WhereFragment | null

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
