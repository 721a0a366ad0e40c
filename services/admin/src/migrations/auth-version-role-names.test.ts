import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReplyBody } from '@mosaic/service-kit/testing/expect'
import { openDatabase, type Database } from '@mosaic/service-kit'
import { createTestDatabase, type TestDatabase } from '@mosaic/service-kit/testing'
import { migrations } from './index.js'
import { AdminAuthVersionRoleNames1764200000200 } from './1764200000200-auth-version-role-names.js'

let testDb: TestDatabase
let db: Database
beforeAll(async () => {
  testDb = await createTestDatabase('mosaic_admin_mig')
  // Everything before the migration under test, as an installation that still has duplicate names.
  const before = migrations.filter((m) => m !== AdminAuthVersionRoleNames1764200000200)
  db = await openDatabase({ url: testDb.url, entities: [], migrations: before })
})
afterAll(async () => {
  await db?.close()
  await testDb?.drop()
})

describe('AdminAuthVersionRoleNames migration', () => {
  it('renames later duplicates (case-insensitive, live roles only), then makes live names unique', async () => {
    const insert = (code: string, name: string, at: string, deleted = false) =>
      db.dataSource.query(
        `INSERT INTO role (id, code, name, permissions, data_scope, built_in, created_at, deleted_at)
         VALUES (gen_random_uuid(), $1, $2, '[]', 'self', false, $3, $4)`,
        [code, name, at, deleted ? at : null],
      )
    await insert('a', 'Sales', '2026-01-01T00:00:00Z')
    await insert('b', 'sales', '2026-01-02T00:00:00Z')
    await insert('c', 'SALES', '2026-01-03T00:00:00Z')
    await insert('d', 'Sales', '2026-01-04T00:00:00Z', true)
    await insert('e', 'x'.repeat(64), '2026-01-01T00:00:00Z')
    await insert('f', 'x'.repeat(64), '2026-01-02T00:00:00Z')

    const runner = db.dataSource.createQueryRunner()
    try {
      await new AdminAuthVersionRoleNames1764200000200().up(runner)
    } finally {
      await runner.release()
    }
    const names = Object.fromEntries(
      (await db.dataSource.query('SELECT code, name FROM role')).map((r: ReplyBody) => [r.code, r.name]),
    )
    expect(names).toMatchObject({ a: 'Sales', b: 'sales (2)', c: 'SALES (3)', d: 'Sales', e: 'x'.repeat(64) })
    expect(names.f).toBe(`${'x'.repeat(60)} (2)`)
    await expect(insert('g', 'sales', '2026-02-01T00:00:00Z')).rejects.toThrow(/role_name_live_uq/)
    await insert('h', 'sales', '2026-02-01T00:00:00Z', true)
    const [{ auth_version }] = await db.dataSource.query(
      "SELECT column_default AS auth_version FROM information_schema.columns WHERE table_name = 'app_user' AND column_name = 'auth_version'",
    )
    expect(auth_version).toBe('0')
  })
})
