import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import { COUNT_CAP } from '../http/paging.js'
import { mergedParameters, unionAllSql } from './branches.js'

/**
 * Above this many rows by the planner's estimate a list is not counted: its total is "COUNT_CAP+".
 * Counting even a capped 10,001 rows costs tens of milliseconds when they are scattered through a
 * big table (a filter no single index serves); the estimate is one planning pass. Between
 * COUNT_CAP and this, and below, the count is exact (capped), so a total the UI shows as a
 * number is always true; only a badly overestimated small set can read "10,000+".
 */
export const COUNT_ESTIMATE_CUTOFF = 2 * COUNT_CAP

/**
 * How long the planner's estimate for one list query (its SQL and values) is reused. The estimate
 * comes from table statistics, which change when ANALYZE runs, not per request; reusing it spares
 * a list read that is opened again (the next page, back to the list, a refresh) one round trip.
 * It only decides whether to count: a reused estimate never makes a shown total wrong.
 */
export const ESTIMATE_TTL_MS = 30_000
const ESTIMATES_KEPT = 2_000

const estimates = new WeakMap<DataSource, Map<string, { rows: number; until: number }>>()

/** The id sets a list's total counts: its branches, or the list itself. */
export function countedSets<T extends ObjectLiteral>(
  list: SelectQueryBuilder<T>,
  branches: SelectQueryBuilder<T>[],
  alias: string,
) {
  return (branches.length ? branches : [list]).map((b) => b.clone().select(`${alias}.id`).orderBy())
}

/** Whether the sets are small enough, by the planner's (reused) estimate, to count exactly. */
export async function worthCounting<T extends ObjectLiteral>(
  sets: SelectQueryBuilder<T>[],
): Promise<boolean> {
  const [sql, params] = queryOf(sets, unionAllSql(sets))
  const key = `${sql}\u0000${JSON.stringify(params)}`
  const connection = sets[0]!.connection
  const cache = estimates.get(connection) ?? new Map<string, { rows: number; until: number }>()
  estimates.set(connection, cache)
  const now = Date.now()
  let known = cache.get(key)
  if (!known || known.until < now) {
    const [explained] = await runnerOf(sets[0]!).query(`EXPLAIN (FORMAT JSON) ${sql}`, params)
    known = { rows: estimatedRows(explained), until: now + ESTIMATE_TTL_MS }
    cache.delete(key)
    cache.set(key, known)
    if (cache.size > ESTIMATES_KEPT) cache.delete(cache.keys().next().value!)
  }
  return known.rows <= COUNT_ESTIMATE_CUTOFF
}

/**
 * SQL counting the sets' rows, each set capped at COUNT_CAP + 1 (the sets are disjoint): if none
 * reaches the cap the sum is exact; if one does, so does the sum ("COUNT_CAP+").
 */
export function cappedCountSql<T extends ObjectLiteral>(sets: SelectQueryBuilder<T>[]): string {
  const capped = sets.map((set) => set.clone().limit(COUNT_CAP + 1))
  return `SELECT count(*)::int AS n FROM (${unionAllSql(capped)}) capped`
}

export async function cappedCount<T extends ObjectLiteral>(sets: SelectQueryBuilder<T>[]): Promise<number> {
  const [row] = await runnerOf(sets[0]!).query(...queryOf(sets, cappedCountSql(sets)))
  return row.n
}

/** `sql` (named parameters, TypeORM style) with the sets' values, as the driver takes it. */
function queryOf<T extends ObjectLiteral>(sets: SelectQueryBuilder<T>[], sql: string) {
  return sets[0]!.connection.driver.escapeQueryWithParameters(sql, mergedParameters(sets))
}

/** The builder's own query runner (a transaction's): a fresh pool connection would wait forever on it. */
function runnerOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>) {
  return (
    (qb as unknown as { queryRunner?: { query: typeof qb.connection.query } }).queryRunner ?? qb.connection
  )
}

/** The top plan node's row estimate from an `EXPLAIN (FORMAT JSON)` row (JSON parsed or not). */
function estimatedRows(row: Record<string, unknown>): number {
  const value = Object.values(row)[0]
  const plan = (typeof value === 'string' ? JSON.parse(value) : value) as Array<{
    Plan: { 'Plan Rows': number }
  }>
  return plan[0]?.Plan['Plan Rows'] ?? 0
}
