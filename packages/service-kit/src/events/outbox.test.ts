import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EntityManager } from 'typeorm'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { KitEventTables1763900000000 } from './event-migration.js'
import { publishEvent } from './outbox.js'

describe('publishEvent', () => {
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

  const dept = { id: randomUUID(), name: 'East', parentId: null, version: 1 }
  const stored = () => db.dataSource.query('SELECT topic, payload FROM outbox_event ORDER BY seq')
  const tx = <T>(work: (m: EntityManager) => Promise<T>) => db.transaction(work)

  it('stores a catalog event with its parsed payload (defaults filled in)', async () => {
    await tx((m) => publishEvent(m, { topic: 'admin.dept.changed', payload: dept }))
    expect(await stored()).toEqual([{ topic: 'admin.dept.changed', payload: { ...dept, deleted: false } }])
  })

  it('refuses a payload that does not match its topic’s schema, and a topic outside the catalog', async () => {
    const before = await stored()
    const refused = [
      { topic: 'admin.dept.changed', payload: { ...dept, version: 'two' } },
      { topic: 'admin.dept.changed', payload: { name: 'No id' } },
      { topic: 'sales.lead.converted', payload: dept },
      { topic: 'sales.lead.created', payload: {} },
    ]
    for (const event of refused)
      await expect(
        tx((m) => publishEvent(m, event as never)),
        event.topic,
      ).rejects.toThrow(new RegExp(`^Invalid event "${event.topic.replaceAll('.', '\\.')}"`))
    expect(await stored()).toEqual(before)
  })

  it('checks topic and payload at compile time', () => {
    // Only type-checked (`tsc`): never run, so nothing is written.
    const typeChecks = (m: EntityManager) => [
      // @ts-expect-error not a topic of the catalog
      publishEvent(m, { topic: 'sales.lead.created', payload: {} }),
      // @ts-expect-error `version` must be a number
      publishEvent(m, { topic: 'admin.dept.changed', payload: { ...dept, version: 'two' } }),
      // @ts-expect-error `name` is missing
      publishEvent(m, { topic: 'admin.dept.changed', payload: { id: dept.id, parentId: null, version: 1 } }),
    ]
    expect(typeChecks).toBeTypeOf('function')
  })
})
