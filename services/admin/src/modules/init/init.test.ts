import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import { expectProblem, type ReplyBody } from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
beforeAll(async () => ({ h, adminToken } = await startSignedIn()))
afterAll(() => h?.close())

const TABLES = ['role', 'dict_type', 'dict_entry', 'dept', 'app_user', 'audit_log', 'record_version']
async function counts() {
  const out: Record<string, number> = {}
  for (const t of TABLES)
    out[t] = (await h.service.db.dataSource.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n
  return out
}
const nothingCreated = {
  roles: { created: 0, existing: 6 },
  dictionaryTypes: { created: 0, existing: 14 },
  departments: { created: 0, existing: 1 },
  adminUser: 'existing',
}

describe('POST /init', () => {
  test('with the admin token it is idempotent: created 0 everywhere, row counts unchanged', async () => {
    const before = await counts()
    expect(before.role).toBe(6)
    expect(before.dict_type).toBe(14)
    const first = await h.call('POST', '/init', { token: adminToken })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject(nothingCreated)
    expect(first.body.dictionaryEntries).toEqual({ created: 0, existing: before.dict_entry })
    const second = await h.call('POST', '/init', { token: adminToken })
    expect(second.status).toBe(200)
    expect(second.body).toEqual(first.body)
    expect(await counts()).toEqual(before)
  })

  test('re-creates only what is missing', async () => {
    const entries = (await h.call('GET', '/dictionaries', { token: adminToken })).body.types.find(
      (t: ReplyBody) => t.code === 'payment_method',
    ).entries
    // A default entry that disappeared (e.g. purged) comes back; nothing else is touched.
    await h.service.db.dataSource.query(`DELETE FROM dict_entry WHERE id = $1`, [entries[0].id])
    const res = await h.call('POST', '/init', { token: adminToken })
    expect(res.body.dictionaryEntries.created).toBe(1)
    expect(res.body.roles.created).toBe(0)
    const after = (await h.call('GET', '/dictionaries', { token: adminToken })).body.types.find(
      (t: ReplyBody) => t.code === 'payment_method',
    ).entries
    expect(after.map((e: ReplyBody) => e.value)).toEqual(entries.map((e: ReplyBody) => e.value))
  })

  test('without a token and without x-init-token → 401; a wrong x-init-token → 401; nothing changes', async () => {
    const before = await counts()
    expectProblem(await h.call('POST', '/init'), 401)
    expectProblem(
      await h.call('POST', '/init', { headers: { 'x-init-token': 'wrong-token-0123456789' } }),
      401,
    )
    expectProblem(
      await h.call('POST', '/init', { headers: { 'x-init-token': 'test-init-token-012345678' } }),
      401,
    )
    expect(await counts()).toEqual(before)
  })

  test('with the installation init token → 200', async () => {
    const res = await h.call('POST', '/init', { headers: { 'x-init-token': 'test-init-token-0123456789' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject(nothingCreated)
  })

  test('a signed-in user without admin.init.run → 403', async () => {
    const { token } = await h.userWith(adminToken, { username: 'no_init', permissions: ['admin.user.read'] })
    expectProblem(await h.call('POST', '/init', { token }), 403)
    // Holding the init token does not override a signed-in caller's missing permission.
    expectProblem(
      await h.call('POST', '/init', { token, headers: { 'x-init-token': 'test-init-token-0123456789' } }),
      403,
    )
  })
})
