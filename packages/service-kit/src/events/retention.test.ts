import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { KitEventTables1763900000000 } from './event-migration.js'
import { writeOutboxEvent } from './outbox-write.js'
import { pruneEvents } from './retention.js'

describe('event retention', () => {
  let testDb: TestDatabase
  let db: Database
  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({ url: testDb.url, entities: [], migrations: [KitEventTables1763900000000] })
  })
  afterAll(async () => {
    await db.close()
    await testDb.drop()
  })

  const publish = () =>
    db.transaction((m) => writeOutboxEvent(m, { topic: 'sales.customer.created', payload: {} }))
  const age = (table: string, column: string, days: number) =>
    db.dataSource.query(`UPDATE ${table} SET ${column} = now() - make_interval(days => $1)`, [days])

  it('deletes old acknowledged events and old inbox ids, never an event still owed', async () => {
    const delivered = await publish()
    const owed = await publish()
    await db.dataSource.query('UPDATE outbox_event SET fanned_out = true')
    await db.dataSource.query(
      `INSERT INTO outbox_delivery (event_id, subscriber, delivered_at) VALUES ($1, 'admin', now()), ($2, 'admin', NULL)`,
      [delivered, owed],
    )
    await db.dataSource.query(
      `INSERT INTO inbox_event (event_id, source, topic) VALUES (gen_random_uuid(), 'admin', 'admin.user.changed')`,
    )
    expect(await pruneEvents(db)).toEqual({ outbox: 0, inbox: 0 })

    await age('outbox_event', 'created_at', 8)
    await age('inbox_event', 'received_at', 31)
    expect(await pruneEvents(db)).toEqual({ outbox: 1, inbox: 1 })
    const left = await db.dataSource.query('SELECT id FROM outbox_event')
    expect(left.map((r: { id: string }) => r.id)).toEqual([owed])
  })
})
