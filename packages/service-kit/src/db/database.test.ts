import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MigrationInterface, QueryRunner } from 'typeorm'
import { openDatabase, type Database } from './database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'

class CreateCounter1700000000000 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)')
    await q.query('INSERT INTO counter VALUES (1, 0)')
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE counter')
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('openDatabase', () => {
  let testDb: TestDatabase
  let db: Database
  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({ url: testDb.url, entities: [], migrations: [CreateCounter1700000000000] })
  })
  afterAll(async () => {
    await db.close()
    await testDb.drop()
  })

  it('runs migrations once and answers pings', async () => {
    await db.ping()
    const rows = await db.dataSource.query('SELECT count(*)::int AS n FROM migrations')
    expect(rows[0].n).toBe(1)
  })

  // The trap this guards: on one shared PGlite session, interleaved transactions let one
  // ROLLBACK undo other requests' committed increments (measured: 0 instead of 40).
  it('keeps 50 concurrent transactions apart: 10 rollbacks leave exactly 40', async () => {
    await db.dataSource.query('UPDATE counter SET n = 0')
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction(async (m) => {
          await m.query('UPDATE counter SET n = n + 1 WHERE id = 1')
          await sleep(1 + (i % 3)) // yield so other transactions would interleave if they could
          if (i % 5 === 0) throw new Error('roll back')
        }),
      ),
    )
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(10)
    const [{ n }] = await db.dataSource.query('SELECT n FROM counter WHERE id = 1')
    expect(n).toBe(40)
  })
})
