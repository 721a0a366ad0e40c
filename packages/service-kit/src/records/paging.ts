import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import type { Page } from '@mosaic/schemas'
import { COUNT_CAP, encodeCursor, invalidCursor, resolvePaging, type PageRequest } from '../http/paging.js'
import type { WhereFragment } from './search.js'
import { mergedParameters, splitBranches, unionAllSql } from './branches.js'
import { cappedCount, cappedCountSql, countedSets, worthCounting } from './list-total.js'
import { runWithGenericPlan } from '../db/generic-plans.js'

export interface KeysetOptions {
  alias: string
  /** Sort column (SQL name) and the matching property on the entity. */
  sortColumn: string
  sortProperty: string
  /** A sort expression instead of the column (qualified with the alias), e.g. `upper(c.number) COLLATE "C"`. */
  sortSql?: string
  /** Postgres type of the sort column, for comparing against the cursor value. */
  sortType?: 'timestamptz' | 'text' | 'int'
  direction?: 'ASC' | 'DESC'
  /**
   * The list request as the route validated it (`PageQuery`: limit, cursor, page). Pass the whole
   * query object so every paging mode the kit knows reaches the list without per-route code.
   */
  paging?: PageRequest
  /**
   * Conditions held apart from `qb` as alternatives: every group must hold, through any one of its
   * alternatives (`WhereFragment.anyOf`). The list is paged per combination and merged (see keysetPage).
   */
  anyOf?: WhereFragment[][]
  /**
   * The page's best plan does not depend on its values (only the caller's scope narrows it): its
   * statement may run prepared with a generic plan (see generic-plans.ts). Numbered pages past the
   * first never do (their OFFSET makes every page a statement of its own).
   */
  planStable?: boolean
  /** @deprecated pass `paging` (the route's query); kept for callers written before numbered pages. */
  limit?: number
  /** @deprecated pass `paging`. */
  cursor?: string
}

/**
 * Keyset pagination: (sort, id) strictly after the cursor, so deep pages cost the same as the
 * first. A numbered `page` is offset paging in the same order, allowed within the first
 * PAGE_DEPTH_MAX rows (see resolvePaging); its answer carries the cursor to walk on from there.
 * The total is counted over at most COUNT_CAP + 1 rows, and not at all when the planner expects
 * far more (see `worthCounting`).
 *
 * Alternatives (`anyOf`: a rep's own customers or those shared with them; a name or a number) are
 * paged branch by branch (see splitBranches): each branch takes its first rows in order from its
 * own index (the owner's `(owner_id, created_at, id)`, the number's btree), and the page is the
 * first of their union, its total counted in the same statement. As one OR, no index hands the
 * rows out in order: Postgres reads every match and sorts them.
 * Without alternatives, a set worth counting is read once, in one statement with its page (see
 * setPage), not walked in the sort order: the planner, misled by correlated filters (a manager's
 * department, all of one status) or by a search term's estimate, would otherwise walk the sort
 * index through a million rows looking for 21 that are not there.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  options: KeysetOptions,
): Promise<Page<T>> {
  const { alias, sortProperty, sortType = 'timestamptz', direction = 'DESC' } = options
  const sort = options.sortSql ?? `${alias}.${options.sortColumn}`
  const { limit, cursor, offset } = resolvePaging(
    options.paging ?? { limit: options.limit, cursor: options.cursor },
  )
  const { list, branches } = splitBranches(qb, options.anyOf ?? [])
  const sets = countedSets(list, branches, alias)
  const counted = await worthCounting(sets)
  const op = direction === 'DESC' ? '<' : '>'
  const after = cursor
    ? `(${sort}, ${alias}.id) ${op} (CAST(:cursorKey AS ${sortType}), CAST(:cursorId AS uuid))`
    : null
  const cursorParams = cursor ? { cursorKey: cursor.key, cursorId: cursor.id } : {}
  const ordered = <Q extends SelectQueryBuilder<T>>(query: Q) => {
    if (after) query.andWhere(after, cursorParams)
    return query.orderBy(sort, direction).addOrderBy(`${alias}.id`, direction)
  }
  const reach = offset + limit + 1
  const page = list.clone()
  if (branches.length) {
    // Each branch's first rows in order (as many as the page reaches), then the page from their union.
    const firsts = branches.map((b) => ordered(b.clone().select(`${alias}.id`)).limit(reach))
    page.andWhere(`${alias}.id = ANY(ARRAY(${unionAllSql(firsts)}))`).setParameters(mergedParameters(firsts))
    if (counted) page.addSelect(`(${cappedCountSql(sets)})`, 'kit_total')
  } else if (counted) {
    setPage(page, sets[0]!, { alias, sort, direction, after, cursorParams, reach })
  }
  // The key goes into the cursor as Postgres prints it: a JS Date would drop timestamptz microseconds,
  // and rows sharing a millisecond would then repeat or go missing on the next page.
  const generic = options.planStable === true && offset === 0
  const pageOf = async (from: SelectQueryBuilder<T>) => {
    const query = ordered(from)
      .addSelect(`CAST(${sort} AS text)`, 'kit_cursor_key')
      .skip(offset)
      .take(limit + 1)
    try {
      return (generic && (await runWithGenericPlan(query))) || (await query.getRawAndEntities())
    } catch (error) {
      // A tampered cursor the database cannot cast (SQLSTATE class 22, data exception) is the client's fault.
      const failed = error as { code?: string; driverError?: { code?: string } }
      if (cursor && (failed.driverError?.code ?? failed.code)?.startsWith('22')) throw invalidCursor()
      throw error
    }
  }
  let { entities: rows, raw } = await pageOf(page)
  let total = counted ? (raw[0] as { kit_total?: number } | undefined)?.kit_total : COUNT_CAP + 1
  if (counted && !branches.length && total !== undefined && total > COUNT_CAP) {
    // More than the cap: the set's rows read were some of it, not its first in order. The plain query.
    ;({ entities: rows, raw } = await pageOf(list.clone()))
  }
  // An empty page carries no count: on the first page it is 0, past the end it takes a statement of its own.
  const firstPage = !cursor && offset === 0
  total ??= firstPage ? 0 : await cappedCount(sets)
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  const hasMore = rows.length > limit
  const lastKey = raw[items.length - 1]?.kit_cursor_key as string | undefined
  return {
    items,
    nextCursor:
      hasMore && last ? encodeCursor({ key: lastKey ?? cursorValue(last[sortProperty]), id: last.id }) : null,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
  }
}

function cursorValue(value: unknown): string | number | null {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'number' || typeof value === 'string') return value
  return value == null ? null : String(value)
}

/**
 * A page of a set without alternatives, counted in the same statement (`kit_total`): the set's
 * first COUNT_CAP + 1 rows, in whatever order its own indexes give them (a search term's GIN
 * bitmap, a department's index), are read once into `kit_set` with their sort key; their number
 * is the capped total, and when they are the whole set (at most COUNT_CAP) the page is its first
 * rows after the cursor, sorted from those keys, then fetched by id. Counting such a set reads
 * every row of it anyway (thousands of heap blocks for a trigram or bigram term); before, the page
 * read them again, either by id (all matching full rows, their filters evaluated again: 225 ms
 * for 8,168 opportunities named 华鑫) or through the planner's plan for the search (~100 rows
 * expected, thousands read and sorted). The cursor test is evaluated on the table's columns
 * inside the set, so a sort expression keeps its own collation (`upper(number) COLLATE "C"`).
 */
function setPage<T extends ObjectLiteral>(
  page: SelectQueryBuilder<T>,
  set: SelectQueryBuilder<T>,
  o: {
    alias: string
    sort: string
    direction: 'ASC' | 'DESC'
    after: string | null
    cursorParams: Record<string, unknown>
    reach: number
  },
) {
  const keyed = set
    .clone()
    .select(`${o.alias}.id`, 'id')
    .addSelect(o.sort, 'kit_key')
    .addSelect(o.after ?? 'TRUE', 'kit_after')
    .setParameters(o.cursorParams)
    .limit(COUNT_CAP + 1)
  const first =
    `SELECT s.id FROM kit_set s WHERE s.kit_after` +
    ` ORDER BY s.kit_key ${o.direction}, s.id ${o.direction} LIMIT ${o.reach}`
  page
    .addCommonTableExpression(keyed, 'kit_set', { materialized: true })
    .andWhere(`${o.alias}.id = ANY(ARRAY(${first}))`)
    .addSelect('(SELECT count(*)::int FROM kit_set)', 'kit_total')
}
