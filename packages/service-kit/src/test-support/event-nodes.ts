/**
 * Test-only helper (excluded from the build): small services built with `createService`, with the
 * kit's event tables and a `received_note` table that event handlers write to, listening on
 * loopback ports. A node can be stopped and restarted on the same port and the same database.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createLocalJWKSet } from 'jose'
import type { MigrationInterface, QueryRunner } from 'typeorm'
import { BaseConfig } from '../config.js'
import { createService, type Service, type ServiceEventOptions, type ServiceParts } from '../service.js'
import { createTokenVerifier } from '../auth/verifier.js'
import { KitEventTables1763900000000 } from '../events/event-migration.js'
import { createTestDatabase } from '../testing.js'
import { AUDIENCE, ISSUER, newKeyPair, tokenMinter, type KeyPair, type TokenOptions } from './demo-service.js'

export const SECRET = randomBytes(32).toString('base64url')

export class ReceivedNotes1763900000900 implements MigrationInterface {
  name = 'ReceivedNotes1763900000900'
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE received_note (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id uuid NOT NULL,
      topic varchar(120) NOT NULL,
      payload jsonb NOT NULL)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE received_note')
  }
}

export interface NodeOptions {
  name: string
  env?: Record<string, string | undefined>
  events?: ServiceEventOptions
  routes?: (parts: ServiceParts) => void
  /** Keep an embedded database on disk so `restart()` finds it again (slower to start). */
  restartable?: boolean
}

export interface EventNode {
  name: string
  base: string
  port: number
  keys: KeyPair
  service: Service
  /** The client handed to the routes, for calling peers. */
  parts: ServiceParts
  token: (o?: TokenOptions) => Promise<string>
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  /** Closes the service, keeping its database. */
  stop(): Promise<void>
  /** Starts it again on the same port and database. */
  restart(): Promise<void>
  close(): Promise<void>
}

export async function startNode(o: NodeOptions): Promise<EventNode> {
  const testDb = await createTestDatabase(`mosaic_ev_${o.name}`)
  // Embedded databases live in memory unless given a directory; a restart must find its data.
  const dataDir =
    testDb.url || !o.restartable ? undefined : mkdtempSync(join(tmpdir(), `mosaic-ev-${o.name}-`))
  const keys = await newKeyPair()
  const config = BaseConfig.parse({
    SERVICE_NAME: o.name,
    MOSAIC_MODE: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: testDb.url,
    DATA_DIR: dataDir,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    SERVICE_SECRET: SECRET,
    // Tests tick by hand; the timer only runs its first round at listen().
    EVENT_POLL_MS: '60000',
    ...o.env,
  })
  let parts: ServiceParts | undefined
  const build = () =>
    createService({
      config,
      database: { entities: [], migrations: [KitEventTables1763900000000, ReceivedNotes1763900000900] },
      verifier: () =>
        createTokenVerifier({
          issuer: ISSUER,
          audience: AUDIENCE,
          keys: createLocalJWKSet({ keys: [keys.publicJwk] }),
        }),
      routes: (p) => {
        parts = p
        o.routes?.(p)
      },
      events: o.events,
    })
  let service = await build()
  let running = true
  const port = await service.listen(0)
  const node: EventNode = {
    name: o.name,
    base: `http://127.0.0.1:${port}`,
    port,
    keys,
    service,
    parts: parts!,
    token: tokenMinter(keys),
    query: (sql, params) => node.service.db.transaction((m) => m.query(sql, params)),
    async stop() {
      if (!running) return
      running = false
      await node.service.close()
    },
    async restart() {
      if (!testDb.url && !dataDir) throw new Error('start the node with restartable: true')
      await node.stop()
      service = await build()
      node.service = service
      node.parts = parts!
      await service.listen(port)
      running = true
    },
    async close() {
      await node.stop()
      await testDb.drop()
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return node
}
