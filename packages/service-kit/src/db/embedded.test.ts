import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from './embedded.js'

const root = mkdtempSync(join(tmpdir(), 'mosaic-embedded-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function query(e: { host: string; port: number }, sql: string) {
  const client = new pg.Client({ host: e.host, port: e.port, user: 'postgres', database: 'postgres' })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

describe('startEmbeddedPostgres', () => {
  it('creates a new data directory, keeps what was written across restarts, with small buffers', async () => {
    const dataDir = join(root, 'sales')
    const first = await startEmbeddedPostgres(dataDir)
    try {
      expect(await query(first, 'SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }])
      await query(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('written before the restart')")
    } finally {
      await first.close()
    }
    const second = await startEmbeddedPostgres(dataDir)
    try {
      expect(await query(second, 'SELECT v FROM kept')).toEqual([{ v: 'written before the restart' }])
      expect(await query(second, 'SHOW maintenance_work_mem')).toEqual([{ maintenance_work_mem: '16MB' }])
    } finally {
      await second.close()
    }
  }, 180_000)
})
