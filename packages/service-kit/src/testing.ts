import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface TestDatabase {
  /** Undefined → embedded in-memory PGlite. */
  url: string | undefined
  drop(): Promise<void>
}

/**
 * A fresh, empty database for one test file: a new database on the server named by
 * TEST_DATABASE_URL (CI), otherwise in-memory embedded Postgres (nothing to create).
 */
export async function createTestDatabase(prefix = 'mosaic_test'): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) return { url: undefined, drop: async () => {} }
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  }
}

async function withAdminClient(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}
