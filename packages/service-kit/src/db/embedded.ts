import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres {
  host: string
  port: number
  close(): Promise<void>
}

/**
 * Runs PGlite (Postgres compiled to WASM) in-process and exposes it on a loopback port, so the
 * service talks to it with the ordinary `pg` driver exactly as it would to a server. PGlite has a
 * single session: callers must hold at most one connection (see `openDatabase`).
 * `dataDir` undefined → in memory (tests).
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  // pg_trgm backs fuzzy name search (ILIKE '%…%') with GIN indexes, as on a server Postgres with contrib.
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } })
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
