import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm'
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js'
import { attachGenericPlans, type GenericPlans } from './generic-plans.js'

export interface DatabaseOptions {
  /** A Postgres server URL; when absent, embedded PGlite in `dataDir` (in memory if that is absent too). */
  url?: string
  dataDir?: string
  entities: NonNullable<DataSourceOptions['entities']>
  migrations: NonNullable<DataSourceOptions['migrations']>
  /** Pool size for a server database. Embedded is always exactly one connection. */
  poolSize?: number
  logging?: boolean
  /**
   * Plan-stable list pages as prepared generic-plan statements on a small pool of their own (see
   * generic-plans.ts); server databases only. Default true.
   */
  genericPlans?: boolean
}

export interface Database {
  dataSource: DataSource
  embedded: boolean
  /** Runs `work` in one transaction; everything inside must use the given manager. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>
  ping(): Promise<void>
  close(): Promise<void>
}

/**
 * Opens the service's database and runs pending migrations.
 *
 * Embedded PGlite is one Postgres session shared by everything: two interleaved transactions
 * would both run on it, and one's ROLLBACK would undo the other's writes. A pool of exactly one
 * connection makes every transaction an exclusive lease of that session from BEGIN to release,
 * so concurrent requests queue instead of interleaving. (Corollary: never call `dataSource.query`
 * from inside a transaction — it would wait for the connection the transaction holds.)
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined
  let connection: { url: string } | { host: string; port: number; username: string; database: string }
  if (options.url) {
    connection = { url: options.url }
  } else {
    embedded = await startEmbeddedPostgres(options.dataDir)
    connection = { host: embedded.host, port: embedded.port, username: 'postgres', database: 'postgres' }
  }
  let genericPlans: GenericPlans | undefined
  const dataSource = new DataSource({
    type: 'postgres',
    ...connection,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    synchronize: false,
    logging: options.logging ?? false,
    poolSize: embedded ? 1 : (options.poolSize ?? 10),
    extra: embedded ? { max: 1, idleTimeoutMillis: 0 } : {},
  })
  try {
    await dataSource.initialize()
    await dataSource.runMigrations({ transaction: 'each' })
    if (options.url && options.genericPlans !== false)
      genericPlans = attachGenericPlans(dataSource, options.url)
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy()
    await embedded?.close()
    throw error
  }
  return {
    dataSource,
    embedded: Boolean(embedded),
    transaction: (work) => dataSource.transaction(work),
    async ping() {
      await dataSource.query('SELECT 1')
    },
    async close() {
      await genericPlans?.close()
      if (dataSource.isInitialized) await dataSource.destroy()
      await embedded?.close()
    },
  }
}
