import { createHash } from 'node:crypto'
import pg from 'pg'
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm'

/**
 * List pages whose best plan does not depend on the values (a caller's own, department or shared
 * customers, newest first) run as named prepared statements on a pool of their own whose sessions
 * use one generic plan per statement (`plan_cache_mode = force_generic_plan`). Planned per request,
 * such a page cost Postgres more to plan than to run: 24 customer indexes, and a union of scope
 * branches each with its own ordered index walk (at a million customers a rep's first page planned
 * in ~0.6 ms and ran in ~0.6 ms; prepared and generic the statement takes 0.4 ms in all, a
 * manager's 0.3 ms instead of 1.3).
 *
 * Why a pool of its own: the setting applies to every statement of a session with parameters,
 * unnamed ones included (measured: a rep's page sent unnamed under it took 2.8 ms instead of 1.2),
 * so the service's own pool, where searches and writes want plans for their values, keeps the
 * default. Why only some pages: a search term's or a rare value's best plan depends on the value
 * (a manager's 2-character name search went from 43 to 65 ms under a generic plan); those lists
 * are planned per request as before (`WhereFragment.planStable`, see listPage).
 *
 * Only on a Postgres server: embedded PGlite is one session (and the plans matter at a million rows,
 * not at an embedded installation's size).
 */
export const GENERIC_PLAN_POOL_SIZE = 3

/**
 * The generic-plan sessions' settings (libpq `options`). No parallel workers: a page reads at most a
 * capped count's index entries, and a parallel plan only comes out of a generic estimate (a user's
 * memberships guessed at 1,009 rows where there were none: a follow-up page took 74 ms instead of 2,
 * most of it starting two workers).
 */
export const GENERIC_PLAN_SESSION =
  '-c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0'

/**
 * Distinct statements prepared at most (per session, and named per process). A page's SQL depends on
 * its shape (scope kind, filters set, cursor or not), not on values; beyond this many the page is
 * planned per request on the service's pool, so a session never accumulates unbounded plans.
 */
export const GENERIC_PLAN_STATEMENTS_MAX = 200

export interface GenericPlans {
  /** The statement's name when it runs prepared (a new name while fewer than the maximum are known). */
  nameOf(sql: string): string | null
  /** The name `sql` was prepared under, if it was. */
  preparedAs(sql: string): string | undefined
  run(name: string, sql: string, values: unknown[]): Promise<Record<string, unknown>[]>
  close(): Promise<void>
}

const registry = new WeakMap<DataSource, GenericPlans>()

/** A pool of generic-plan sessions on `url`, used for `dataSource`'s plan-stable list pages. */
export function attachGenericPlans(dataSource: DataSource, url: string): GenericPlans {
  const pool = new pg.Pool({
    connectionString: url,
    max: GENERIC_PLAN_POOL_SIZE,
    idleTimeoutMillis: 10_000,
    options: GENERIC_PLAN_SESSION,
  })
  // An idle session dropped by the server must not take the process down; the next query reconnects.
  pool.on('error', () => {})
  const names = new Map<string, string>()
  const plans: GenericPlans = {
    nameOf(sql) {
      const known = names.get(sql)
      if (known) return known
      if (names.size >= GENERIC_PLAN_STATEMENTS_MAX) return null
      const name = `kit_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`
      names.set(sql, name)
      return name
    },
    preparedAs: (sql) => names.get(sql),
    async run(name, sql, values) {
      const { rows } = await pool.query({ name, text: sql, values })
      return rows
    },
    close: () => pool.end(),
  }
  registry.set(dataSource, plans)
  return plans
}

/** The name `sql` runs under as a generic-plan statement of `dataSource`, if it does (for the bench's replay). */
export function genericPlanName(dataSource: DataSource, sql: string): string | undefined {
  return registry.get(dataSource)?.preparedAs(sql)
}

/**
 * The page query's rows and entities, run as a named generic-plan statement when the data source
 * has a generic-plan pool, the query runs outside a transaction (a transaction's reads must see its
 * own session) and its entity maps plainly onto the selected columns; otherwise null (the caller
 * runs it through TypeORM).
 */
export async function runWithGenericPlan<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
): Promise<{ entities: T[]; raw: Record<string, unknown>[] } | null> {
  const plans = registry.get(query.connection)
  if (!plans || (query as unknown as { queryRunner?: unknown }).queryRunner) return null
  const columns = hydration(query)
  if (!columns) return null
  const [sql, values] = query.getQueryAndParameters()
  const name = plans.nameOf(sql)
  if (!name) return null
  query.connection.logger.logQuery(sql, values)
  let raw: Record<string, unknown>[]
  try {
    raw = await plans.run(name, sql, values)
  } catch (error) {
    // The pool could not serve (no session to be had: the server's connection limit, a restart): the
    // page is still answered, planned per request on the service's pool. The statement's own errors
    // (a tampered cursor's cast) are the caller's to handle.
    if (sessionFailure(error)) return null
    throw error
  }
  return { entities: raw.map((row) => hydrate(query, columns, row)), raw }
}

/**
 * A failure of the session rather than of the statement: no SQLSTATE at all (the socket), or class
 * 08 (connection exception), 53 (insufficient resources: too many connections) or 57P (shut down).
 */
function sessionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true
  return code.startsWith('08') || code.startsWith('53') || code.startsWith('57P')
}

type Hydration = Array<{ alias: string; set: (entity: ObjectLiteral, raw: unknown) => void }>

/**
 * How the main alias's selected columns become entity properties, as TypeORM maps them (its column
 * alias `<alias>_<column>`, the driver's hydration of the value); null when the query joins or
 * selects partially, which TypeORM's own transformer handles.
 */
function hydration<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Hydration | null {
  const map = query.expressionMap
  const main = map.mainAlias
  if (!main?.hasMetadata || map.joinAttributes.length || map.relationIdAttributes.length) return null
  const selected = new Set(map.selects.map((s) => s.selection))
  if (!selected.has(main.name)) return null
  const driver = query.connection.driver
  const columns: Hydration = []
  for (const column of main.metadata.columns) {
    const alias = `${main.name}_${column.databaseName}`
    if (alias.length > driver.maxAliasLength!) return null
    columns.push({
      alias,
      set: (entity, raw) => column.setEntityValue(entity, driver.prepareHydratedValue(raw, column)),
    })
  }
  return columns
}

function hydrate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  columns: Hydration,
  row: Record<string, unknown>,
): T {
  const entity = query.expressionMap.mainAlias!.metadata.create(undefined, { fromDeserializer: true }) as T
  for (const { alias, set } of columns) set(entity, row[alias])
  return entity
}
