import { execFile } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres {
  host: string
  port: number
  close(): Promise<void>
}

/**
 * Postgres settings for one service's embedded database. The server defaults (shared_buffers
 * 128MB, maintenance_work_mem 64MB) are sized for a machine's only database; here five services
 * each run their own, and WASM memory, once touched, is never given back. With these, a
 * service's RSS drops from ~450 MB to ~250 MB (bench/memory measures it).
 */
export const EMBEDDED_POSTGRES_CONF = [
  'shared_buffers=16MB',
  'temp_buffers=2MB',
  'work_mem=2MB',
  'maintenance_work_mem=16MB',
  'wal_buffers=1MB',
]

/**
 * Runs PGlite (Postgres compiled to WASM) in-process and exposes it on a loopback port, so the
 * service talks to it with the ordinary `pg` driver exactly as it would to a server. PGlite has a
 * single session: callers must hold at most one connection (see `openDatabase`).
 * `dataDir` undefined → in memory (tests).
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) await initialiseDataDir(dataDir)
  // pg_trgm backs fuzzy name search (ILIKE '%…%') with GIN indexes, as on a server Postgres with contrib;
  // btree_gin lets such an index lead with a scope column (a department's, an owner's names).
  const db = await PGlite.create(dataDir, {
    extensions: { pg_trgm, btree_gin },
    postgresqlconf: EMBEDDED_POSTGRES_CONF,
  })
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 })
  await server.start()
  // getServerConn() is "host:port" once listening on TCP.
  const port = Number(server.getServerConn().split(':').pop())
  if (!Number.isInteger(port) || port <= 0) throw new Error('Embedded Postgres did not bind a TCP port')
  return {
    host: '127.0.0.1',
    port,
    async close() {
      await server.stop()
      await db.close()
    },
  }
}

/**
 * Creates a new data directory (initdb) in a short-lived child process. initdb touches about a
 * gigabyte of WASM memory that a process never returns to the system, so running it in the
 * service would leave every first start that much larger for as long as it runs.
 */
async function initialiseDataDir(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return
  mkdirSync(dataDir, { recursive: true })
  const script = [
    'const [moduleUrl, dir, conf] = process.argv.slice(1)',
    'const { PGlite } = await import(moduleUrl)',
    'const db = await PGlite.create(dir, { postgresqlconf: JSON.parse(conf) })',
    'await db.close()',
  ].join('\n')
  const args = [import.meta.resolve('@electric-sql/pglite'), dataDir, JSON.stringify(EMBEDDED_POSTGRES_CONF)]
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, ...args], {
    maxBuffer: 16 * 1024 * 1024,
  })
}
