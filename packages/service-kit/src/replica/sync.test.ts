import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DirectorySnapshot } from '@mosaic/schemas'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { KitDirectoryTables1763900000200 } from '../records/directory-migration.js'
import { KitRuleTables1763900000100 } from '../numbering/kit-migration.js'
import { KitUserAuthVersion1764200000100 } from './auth-migration.js'
import { KitDeptReplica1764400000000 } from '../records/dept-replica.js'
import { findUser, upsertUserReplica } from '../records/user-replica.js'
import type { ServiceClient } from '../events/client.js'
import { readRuleReplica } from './rules.js'
import { directoryReplicaHandlers, seedDirectoryReplicas } from './sync.js'

describe('seeding replicas from the admin snapshot', () => {
  let testDb: TestDatabase
  let db: Database
  const userId = randomUUID()
  const snapshot: DirectorySnapshot = {
    users: [
      {
        id: userId,
        username: 'ann',
        displayName: 'Ann',
        deptId: null,
        enabled: true,
        deleted: false,
        version: 3,
        authVersion: 0,
      },
    ],
    rules: [{ kind: 'pool', key: 'default', version: 2, rule: { claimsPerDay: 4 } }],
  }
  let calls = 0
  const client: ServiceClient = {
    peers: ['admin'],
    internalFetch: (async (peer: string, path: string) => {
      calls++
      expect([peer, path]).toEqual(['admin', '/snapshot'])
      return snapshot
    }) as ServiceClient['internalFetch'],
  }

  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({
      url: testDb.url,
      entities: [],
      migrations: [
        KitRuleTables1763900000100,
        KitDirectoryTables1763900000200,
        KitUserAuthVersion1764200000100,
        KitDeptReplica1764400000000,
      ],
    })
  })
  afterAll(async () => {
    await db.close()
    await testDb.drop()
  })

  it('fills empty replicas once; later events only move them forward', async () => {
    expect(await seedDirectoryReplicas(db, client)).toBe(true)
    expect(await seedDirectoryReplicas(db, client)).toBe(false)
    expect(calls).toBe(1)
    await db.transaction(async (m) => {
      expect(await findUser(m, userId)).toMatchObject({ displayName: 'Ann' })
      expect((await readRuleReplica(m, 'pool', 'default'))?.payload).toEqual({ claimsPerDay: 4 })
      // A late event older than the snapshot changes nothing.
      expect(await upsertUserReplica(m, { ...snapshot.users[0]!, displayName: 'Old', version: 2 })).toBe(
        false,
      )
      expect(await findUser(m, userId)).toMatchObject({ displayName: 'Ann' })
    })
  })

  it('fills the departments of a database whose users arrived before it kept departments', async () => {
    const deptId = randomUUID()
    const movedId = randomUUID()
    await db.transaction((m) =>
      upsertUserReplica(m, { ...snapshot.users[0]!, id: movedId, username: 'bo', deptId, version: 1 }),
    )
    snapshot.depts = [{ id: deptId, name: 'East', parentId: null, version: 1, deleted: false }]
    expect(await seedDirectoryReplicas(db, client)).toBe(true)
    const [dept] = await db.dataSource.query('SELECT name FROM directory_name WHERE id = $1', [deptId])
    expect(dept).toEqual({ name: 'East' })
    // Named now: no more fetching.
    expect(await seedDirectoryReplicas(db, client)).toBe(false)
  })

  it('applies admin.user.changed events and acknowledges (and logs) malformed ones', async () => {
    const u = { ...snapshot.users[0]!, id: randomUUID(), username: 'wang.wu', displayName: 'Wang Wu' }
    const handler = directoryReplicaHandlers['admin.user.changed']!
    const envelope = (payload: Record<string, unknown>) => ({
      id: randomUUID(),
      topic: 'admin.user.changed',
      source: 'admin',
      occurredAt: new Date().toISOString(),
      actorId: null,
      payload,
      notify: [],
    })
    const warnings: unknown[] = []
    const inbox = { logger: { warn: (...args: unknown[]) => void warnings.push(args) } }
    await db.transaction((m) => handler(m, envelope(u), inbox))
    expect(await db.transaction((m) => findUser(m, u.id))).toMatchObject({ displayName: 'Wang Wu' })
    expect(warnings).toEqual([])
    await db.transaction((m) => handler(m, envelope({ id: u.id, version: 'nope' }), inbox))
    expect(await db.transaction((m) => findUser(m, u.id))).toMatchObject({ displayName: 'Wang Wu' })
    expect(warnings).toEqual([
      [expect.objectContaining({ topic: 'admin.user.changed' }), expect.stringMatching(/malformed/)],
    ])
  })
})
