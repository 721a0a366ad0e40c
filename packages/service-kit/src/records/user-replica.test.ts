import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EntityManager } from 'typeorm'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { KitDirectoryTables1763900000200 } from './directory-migration.js'
import { KitUserAuthVersion1764200000100 } from '../replica/auth-migration.js'
import { findUser, searchUsers, upsertUserReplica } from './user-replica.js'

describe('user replica', () => {
  let testDb: TestDatabase
  let db: Database
  const tx = <T>(work: (m: EntityManager) => Promise<T>) => db.transaction(work)
  beforeAll(async () => {
    testDb = await createTestDatabase('mosaic_users')
    db = await openDatabase({
      url: testDb.url,
      entities: [],
      migrations: [KitDirectoryTables1763900000200, KitUserAuthVersion1764200000100],
    })
  })
  afterAll(async () => {
    await db?.close()
    await testDb?.drop()
  })

  const user = (over: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    username: 'zhang.san',
    displayName: 'Zhang San',
    deptId: null,
    enabled: true,
    version: 1,
    ...over,
  })

  it('only moves forward: an older or repeated version changes nothing', async () => {
    const u = user({ version: 3 })
    expect(await tx((m) => upsertUserReplica(m, u))).toBe(true)
    expect(await tx((m) => upsertUserReplica(m, { ...u, displayName: 'Old name', version: 2 }))).toBe(false)
    expect(await tx((m) => upsertUserReplica(m, { ...u, displayName: 'Same version', version: 3 }))).toBe(
      false,
    )
    expect((await tx((m) => findUser(m, u.id)))?.displayName).toBe('Zhang San')
    expect(
      await tx((m) => upsertUserReplica(m, { ...u, displayName: 'Zhang San (Sales)', version: 4 })),
    ).toBe(true)
    expect(await tx((m) => findUser(m, u.id))).toEqual({
      id: u.id,
      username: 'zhang.san',
      displayName: 'Zhang San (Sales)',
      deptId: null,
      enabled: true,
    })
  })

  it('searches enabled users by username or display name; deleted users are gone', async () => {
    const li = user({ username: 'li.si', displayName: 'Li Si' })
    const off = user({ username: 'li.off', displayName: 'Li Disabled', enabled: false })
    const gone = user({ username: 'li.gone', displayName: 'Li Gone' })
    for (const u of [li, off, gone]) await tx((m) => upsertUserReplica(m, u))
    await tx((m) => upsertUserReplica(m, { ...gone, version: 2, deleted: true }))
    expect((await tx((m) => searchUsers(m, 'li'))).map((u) => u.username)).toEqual(['li.si'])
    expect((await tx((m) => searchUsers(m, '%'))).length).toBe(0)
    expect((await tx((m) => searchUsers(m, null, 1))).length).toBe(1)
    expect((await tx((m) => findUser(m, off.id)))?.enabled).toBe(false)
    expect(await tx((m) => findUser(m, gone.id))).toBeNull()
    expect(await tx((m) => findUser(m, 'not-a-uuid'))).toBeNull()
  })
})
