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
 * The total is counted over at most COUNT_CAP + 1 rows.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  options: KeysetOptions,
): Promise<Page<T>> {
  const { alias, sortColumn, sortProperty, sortType = 'timestamptz', direction = 'DESC' } = options
  const { limit, cursor, offset } = resolvePaging(
    options.paging ?? { limit: options.limit, cursor: options.cursor },
  )
  const total = await cappedCount(qb, alias)
  const page = qb.clone()
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
    last && raw.find((r: Record<string, unknown>) => r[`${alias}_id`] === last.id)?.kit_cursor_key
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

async function cappedCount<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
): Promise<number> {
  const [sql, params] = qb
    .clone()
    .select(`${alias}.id`)
    .orderBy()
    .limit(COUNT_CAP + 1)
    .getQueryAndParameters()
  // Through the builder's own query runner: inside a transaction a fresh pool connection would wait forever.
  const runner =
    (qb as unknown as { queryRunner?: { query: typeof qb.connection.query } }).queryRunner ?? qb.connection
  const [row] = await runner.query(`SELECT count(*)::int AS n FROM (${sql}) capped`, params)
  return row.n
}

/** An ILIKE pattern matching `text` anywhere, with the user's `%`, `_` and backslash taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
