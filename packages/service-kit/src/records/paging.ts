import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import type { Page } from '@mosaic/schemas'
import { COUNT_CAP, encodeCursor, invalidCursor, resolvePaging, type PageRequest } from '../http/paging.js'

export interface KeysetOptions {
  alias: string
  /** Sort column (SQL name) and the matching property on the entity. */
  sortColumn: string
  sortProperty: string
  /** Postgres type of the sort column, for comparing against the cursor value. */
  sortType?: 'timestamptz' | 'text' | 'int'
  direction?: 'ASC' | 'DESC'
  /**
   * The list request as the route validated it (`PageQuery`: limit, cursor, page). Pass the whole
   * query object so every paging mode the kit knows reaches the list without per-route code.
   */
  paging?: PageRequest
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
 * far more (see `cappedTotal`). A set counted exactly (at most COUNT_CAP rows) is fetched by id:
 * the planner, misled by correlated filters (a rep's customers, all of one status), would otherwise
 * walk the sort index through a million rows looking for 21 that are not there.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  options: KeysetOptions,
): Promise<Page<T>> {
  const { alias, sortColumn, sortProperty, sortType = 'timestamptz', direction = 'DESC' } = options
  const { limit, cursor, offset } = resolvePaging(
    options.paging ?? { limit: options.limit, cursor: options.cursor },
  )
  const total = await cappedTotal(qb, alias)
  if (total === 0 && !cursor) return { items: [], nextCursor: null, total: 0, totalCapped: false }
  const page = qb.clone()
  if (total <= COUNT_CAP) {
    const ids = qb.clone().select(`${alias}.id`).orderBy().getQuery()
    page.andWhere(`${alias}.id = ANY(ARRAY(${ids}))`)
  }
  if (cursor) {
    const op = direction === 'DESC' ? '<' : '>'
    page.andWhere(
      `(${alias}.${sortColumn}, ${alias}.id) ${op} (CAST(:cursorKey AS ${sortType}), CAST(:cursorId AS uuid))`,
      {
        cursorKey: cursor.key,
        cursorId: cursor.id,
      },
    )
  }
  // The key goes into the cursor as Postgres prints it: a JS Date would drop timestamptz microseconds,
  // and rows sharing a millisecond would then repeat or go missing on the next page.
  const { entities: rows, raw } = await page
    .addSelect(`CAST(${alias}.${sortColumn} AS text)`, 'kit_cursor_key')
    .orderBy(`${alias}.${sortColumn}`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .skip(offset)
    .take(limit + 1)
    .getRawAndEntities()
    .catch((error: unknown) => {
      // A tampered cursor the database cannot cast (SQLSTATE class 22, data exception) is the client's fault.
      const code = (error as { driverError?: { code?: string } }).driverError?.code
      if (cursor && code?.startsWith('22')) {
        throw invalidCursor()
      }
      throw error
    })
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  const hasMore = rows.length > limit
  const lastKey =
    last &&
    (raw.find((r: Record<string, unknown>) => r[`${alias}_id`] === last.id)?.kit_cursor_key as
      string | undefined)
  return {
    items,
    nextCursor:
      hasMore && last ? encodeCursor({ key: lastKey ?? cursorValue(last[sortProperty]), id: last.id }) : null,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
  }
}

/** The builder's own query runner (a transaction's): a fresh pool connection would wait forever on it. */
function queryRunnerOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>) {
  return (qb as unknown as { queryRunner?: { query: typeof qb.connection.query } }).queryRunner
}

function cursorValue(value: unknown): string | number | null {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'number' || typeof value === 'string') return value
  return value == null ? null : String(value)
}

/**
 * Above this many rows by the planner's estimate a list is not counted: its total is "COUNT_CAP+".
 * Counting even a capped 10,001 rows costs tens of milliseconds when they are scattered through a
 * big table (a filter no single index serves); the estimate is one planning pass. Between
 * COUNT_CAP and this, and below, the count is exact (capped), so a total the UI shows as a
 * number is always true; only a badly overestimated small set can read "10,000+".
 */
export const COUNT_ESTIMATE_CUTOFF = 2 * COUNT_CAP

async function cappedTotal<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
): Promise<number> {
  const ids = qb.clone().select(`${alias}.id`).orderBy()
  const runner = queryRunnerOf(qb) ?? qb.connection
  const [plainSql, plainParams] = ids.getQueryAndParameters()
  const [explained] = await runner.query(`EXPLAIN (FORMAT JSON) ${plainSql}`, plainParams)
  if (estimatedRows(explained) > COUNT_ESTIMATE_CUTOFF) return COUNT_CAP + 1
  const [sql, params] = ids.limit(COUNT_CAP + 1).getQueryAndParameters()
  const [row] = await runner.query(`SELECT count(*)::int AS n FROM (${sql}) capped`, params)
  return row.n
}

/** The top plan node's row estimate from an `EXPLAIN (FORMAT JSON)` row (JSON parsed or not). */
function estimatedRows(row: Record<string, unknown>): number {
  const value = Object.values(row)[0]
  const plan = (typeof value === 'string' ? JSON.parse(value) : value) as Array<{
    Plan: { 'Plan Rows': number }
  }>
  return plan[0]?.Plan['Plan Rows'] ?? 0
}

/** An ILIKE pattern matching `text` anywhere, with the user's `%`, `_` and backslash taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
