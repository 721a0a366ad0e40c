import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Principal } from '@mosaic/permissions'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { KitDirectoryTables1763900000200 } from '../records/directory-migration.js'
import { KitUserAuthVersion1764200000100 } from '../replica/auth-migration.js'
import { upsertUserReplica } from '../records/user-replica.js'
import { replicaAuthState } from '../replica/auth-state.js'
import { HttpError } from '../errors.js'
import { cachedAuthState, withTokenFreshness } from './freshness.js'
import type { TokenVerifier } from './verifier.js'

let testDb: TestDatabase
let db: Database
beforeAll(async () => {
  testDb = await createTestDatabase('mosaic_freshness')
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

const principal = (userId: string, authVersion?: number): Principal => ({
  userId,
  username: 'u',
  deptId: null,
  roles: [],
  permissions: [],
  dataScope: 'self',
  kind: 'staff',
  ...(authVersion === undefined ? {} : { authVersion }),
})
/** A verifier whose "token" is `<userId>:<av>`. */
const fake: TokenVerifier = {
  async verify(token) {
    const [id, av] = token.split(':')
    return principal(id!, av ? Number(av) : undefined)
  },
}
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: HttpError) => `${e.status} ${e.code}`,
  )
const put = (
  id: string,
  o: { version: number; authVersion?: number; enabled?: boolean; deleted?: boolean },
) =>
  db.transaction((m) =>
    upsertUserReplica(m, {
      id,
      username: 'u',
      displayName: 'U',
      deptId: null,
      enabled: o.enabled ?? true,
      deleted: o.deleted,
      version: o.version,
      authVersion: o.authVersion,
    }),
  )

describe('token freshness against the user replica', () => {
  it('refuses disabled, deleted and outdated; passes current and unknown users', async () => {
    const verifier = withTokenFreshness(fake, replicaAuthState(db, 0))
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()]
    await put(a, { version: 1 })
    expect(await codeOf(verifier.verify(`${a}:`))).toBe('ok')
    expect(await codeOf(verifier.verify(`${randomUUID()}:0`))).toBe('ok')

    // A role change only bumps the auth version: the replica still takes it.
    expect(await put(a, { version: 1, authVersion: 1 })).toBe(true)
    expect(await put(a, { version: 1, authVersion: 0 })).toBe(false)
    expect(await codeOf(verifier.verify(`${a}:0`))).toBe('401 auth.token_outdated')
    expect(await codeOf(verifier.verify(`${a}:`))).toBe('401 auth.token_outdated')
    expect(await codeOf(verifier.verify(`${a}:1`))).toBe('ok')

    await put(b, { version: 2, enabled: false })
    expect(await codeOf(verifier.verify(`${b}:5`))).toBe('401 auth.account_unavailable')
    await put(c, { version: 2, deleted: true })
    expect(await codeOf(verifier.verify(`${c}:0`))).toBe('401 auth.account_unavailable')
  })

  it('caches a standing for at most the given time', async () => {
    let calls = 0
    const lookup = cachedAuthState(async () => {
      calls++
      return { authVersion: calls, active: true }
    }, 50)
    expect((await lookup('x'))?.authVersion).toBe(1)
    expect((await lookup('x'))?.authVersion).toBe(1)
    await new Promise((r) => setTimeout(r, 60))
    expect((await lookup('x'))?.authVersion).toBe(2)
  })
})
