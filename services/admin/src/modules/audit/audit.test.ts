import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import { expectProblem, ifMatch, type ReplyBody } from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
let adminId: string
let user: ReplyBody
let passwordHash: string

const sql = (text: string, params: unknown[] = []) => h.service.db.dataSource.query(text, params)
const userAudit = async (id: string) => {
  const res = await h.call('GET', `/users/${id}/audit`, { token: adminToken })
  expect(res.status).toBe(200)
  return res.body as ReplyBody[]
}

beforeAll(async () => {
  ;({ h, adminToken } = await startSignedIn())
  adminId = (await h.call('GET', '/auth/me', { token: adminToken })).body.id

  // One user through its whole life: create, edit, role change, password reset, delete, restore.
  const role = await h.call('POST', '/roles', {
    token: adminToken,
    body: { code: 'audited_role', name: 'Audited role', permissions: ['admin.user.read'] },
  })
  const created = await h.call('POST', '/users', {
    token: adminToken,
    body: {
      username: 'audited',
      displayName: 'Before',
      password: 'first-password-1',
      email: 'a@example.com',
    },
  })
  expect(created.status).toBe(201)
  user = created.body
  const steps = [
    await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: { ...ifMatch(1), 'x-request-id': 'audit-test-update' },
      body: { displayName: 'After' },
    }),
    await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(2),
      body: { roleIds: [role.body.id] },
    }),
    await h.call('POST', `/users/${user.id}/reset-password`, {
      token: adminToken,
      body: { newPassword: 'second-password-2' },
    }),
    await h.call('DELETE', `/users/${user.id}`, { token: adminToken, headers: ifMatch(4) }),
    await h.call('POST', `/users/${user.id}/restore`, { token: adminToken }),
  ]
  expect(steps.map((s) => s.status)).toEqual([200, 200, 204, 204, 200])
  ;[{ password_hash: passwordHash }] = await sql('SELECT password_hash FROM app_user WHERE id = $1', [
    user.id,
  ])
})
afterAll(() => h?.close())

describe('audit trail of a record', () => {
  test('every change leaves a row, newest first, with actor and exact field diffs', async () => {
    const audit = await userAudit(user.id)
    expect(audit.map((a) => a.action)).toEqual([
      'restore',
      'delete',
      'reset_password',
      'update',
      'update',
      'create',
    ])
    const [restore, del, reset, roleChange, update, create] = audit
    expect(create).toMatchObject({
      entityType: 'user',
      entityId: user.id,
      actorId: adminId,
      actorName: '系统管理员',
    })
    expect(create.diff).toMatchObject({
      username: { before: null, after: 'audited' },
      displayName: { before: null, after: 'Before' },
    })
    expect(update.diff).toEqual({ displayName: { before: 'Before', after: 'After' } })
    expect(update.requestId).toBe('audit-test-update')
    expect(roleChange.diff).toEqual({ roleIds: { before: [], after: [expect.any(String)] } })
    expect(reset.diff).toEqual({})
    for (const a of [restore, del]) expect(a).toMatchObject({ actorId: adminId, diff: {} })
    expect(new Set(audit.map((a) => a.id)).size).toBe(6)
  })

  test('a role change names the roles, the actor and the department (resolved in SQL)', async () => {
    const [, , , roleChange, , create] = await userAudit(user.id)
    const [roleId] = roleChange.diff.roleIds.after as string[]
    expect(roleChange.names).toEqual({ [roleId!]: 'Audited role', [adminId]: '系统管理员' })
    expect(create.names).toMatchObject({ [adminId]: '系统管理员' })
    const versions = (await h.call('GET', `/users/${user.id}/versions`, { token: adminToken }))
      .body as ReplyBody[]
    expect(versions[0].names).toMatchObject({ [roleId!]: 'Audited role' })
    // The search answers carry names too.
    const page = await h.call('GET', `/audit?entityType=user&entityId=${user.id}&action=update`, {
      token: adminToken,
    })
    expect(page.body.items.find((e: ReplyBody) => e.diff.roleIds).names[roleId!]).toBe('Audited role')
  })

  test('the password hash never appears in an audit diff or a version snapshot', async () => {
    expect(passwordHash).toMatch(/^\$argon2id\$/)
    const audit = await userAudit(user.id)
    const versions = (await h.call('GET', `/users/${user.id}/versions`, { token: adminToken }))
      .body as ReplyBody[]
    expect(versions.map((v) => v.action)).toEqual(['reset_password', 'update', 'update', 'create'])
    for (const text of [JSON.stringify(audit), JSON.stringify(versions)]) {
      expect(text).not.toContain(passwordHash)
      expect(text).not.toContain('argon2')
      expect(text).not.toMatch(/password_?hash/i)
    }
    // The whole trail, including rows written by sign-in failures and every other record.
    const [{ n }] = await sql(
      `SELECT count(*)::int AS n FROM audit_log WHERE diff::text ILIKE '%argon2%' OR diff::text ILIKE '%passwordHash%'`,
    )
    const [{ m }] = await sql(
      `SELECT count(*)::int AS m FROM record_version WHERE snapshot::text ILIKE '%argon2%' OR snapshot::text ILIKE '%passwordHash%'`,
    )
    const [{ rows }] = await sql(
      `SELECT count(*)::int AS rows FROM record_version WHERE entity_type = 'user'`,
    )
    expect(rows).toBeGreaterThan(4)
    expect(n).toBe(0)
    expect(m).toBe(0)
  })

  test('the user can sign in with the reset password only (the reset really happened)', async () => {
    expect(
      (await h.call('POST', '/auth/login', { body: { username: 'audited', password: 'first-password-1' } }))
        .status,
    ).toBe(401)
    expect(
      (await h.call('POST', '/auth/login', { body: { username: 'audited', password: 'second-password-2' } }))
        .status,
    ).toBe(200)
  })

  test('dictionary entry create and update are audited', async () => {
    const entry = await h.call('POST', '/dictionaries/industry/entries', {
      token: adminToken,
      body: { value: 'gaming', label: { zh: '游戏', en: 'Gaming' } },
    })
    expect(entry.status).toBe(201)
    const edited = await h.call('PATCH', `/dictionaries/industry/entries/${entry.body.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { label: { zh: '游戏', en: 'Games' }, sort: 5 },
    })
    expect(edited.status).toBe(200)
    const audit = await h.call('GET', `/dictionaries/industry/entries/${entry.body.id}/audit`, {
      token: adminToken,
    })
    expect(audit.status).toBe(200)
    expect(audit.body.map((a: ReplyBody) => a.action)).toEqual(['update', 'create'])
    expect(audit.body[0].diff).toEqual({
      label: { before: { zh: '游戏', en: 'Gaming' }, after: { zh: '游戏', en: 'Games' } },
      sort: { before: 0, after: 5 },
    })
    expect(audit.body[1]).toMatchObject({
      entityType: 'dict_entry',
      diff: { value: { before: null, after: 'gaming' } },
    })
  })

  test('role create and update are audited', async () => {
    const role = (await h.call('GET', '/roles?q=audited_role', { token: adminToken })).body.items[0]
    const edit = await h.call('PATCH', `/roles/${role.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { dataScope: 'dept', name: 'Renamed role' },
    })
    expect(edit.status).toBe(200)
    const audit = await h.call('GET', `/roles/${role.id}/audit`, { token: adminToken })
    expect(audit.body.map((a: ReplyBody) => a.action)).toEqual(['update', 'create'])
    expect(audit.body[0].diff).toEqual({
      name: { before: 'Audited role', after: 'Renamed role' },
      dataScope: { before: 'self', after: 'dept' },
    })
  })
})

describe('audit_log is append-only', () => {
  test('UPDATE, DELETE and TRUNCATE are rejected by the database and nothing changes', async () => {
    const [{ n: before }] = await sql('SELECT count(*)::int AS n FROM audit_log')
    const [{ diff: diffBefore }] = await sql(
      `SELECT diff FROM audit_log WHERE entity_id = $1 AND action = 'update' ORDER BY seq LIMIT 1`,
      [user.id],
    )
    await expect(
      sql(`UPDATE audit_log SET action = 'tampered', diff = '{}'::jsonb WHERE entity_id = $1`, [user.id]),
    ).rejects.toThrow(/append-only/)
    await expect(sql(`DELETE FROM audit_log WHERE entity_id = $1`, [user.id])).rejects.toThrow(/append-only/)
    await expect(sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
    await expect(sql('TRUNCATE audit_log')).rejects.toThrow(/append-only/)
    const [{ n: after }] = await sql('SELECT count(*)::int AS n FROM audit_log')
    expect(after).toBe(before)
    const [{ diff: diffAfter }] = await sql(
      `SELECT diff FROM audit_log WHERE entity_id = $1 AND action = 'update' ORDER BY seq LIMIT 1`,
      [user.id],
    )
    expect(diffAfter).toEqual(diffBefore)
    expect((await userAudit(user.id)).map((a) => a.action)).not.toContain('tampered')
  })
})

describe('audit search', () => {
  test('GET /audit?entityType=user&entityId= finds the rows of that record only', async () => {
    const res = await h.call('GET', `/audit?entityType=user&entityId=${user.id}&limit=100`, {
      token: adminToken,
    })
    expect(res.status).toBe(200)
    const own = await userAudit(user.id)
    expect(res.body.items.map((a: ReplyBody) => a.id)).toEqual(own.map((a) => a.id))
    expect(res.body.total).toBe(own.length)
    expect(res.body.items.every((a: ReplyBody) => a.entityType === 'user' && a.entityId === user.id)).toBe(
      true,
    )
    // Each row names the record as it was then: the creation says "Before", later rows the renamed user.
    const titles = res.body.items.map((a: ReplyBody) => a.entityTitle)
    expect(titles.at(-1)).toBe('Before (audited)')
    expect(titles.every((t: string) => / \(audited\)$/.test(t))).toBe(true)

    const byAction = await h.call('GET', `/audit?entityId=${user.id}&action=reset_password`, {
      token: adminToken,
    })
    expect(byAction.body.items.map((a: ReplyBody) => a.action)).toEqual(['reset_password'])
    const otherType = await h.call('GET', `/audit?entityType=role&entityId=${user.id}`, { token: adminToken })
    expect(otherType.body).toMatchObject({ items: [], total: 0, nextCursor: null })
  })

  test('limit=1 with nextCursor walks every row exactly once, in order', async () => {
    const all = (
      await h.call('GET', `/audit?entityType=user&entityId=${user.id}&limit=100`, { token: adminToken })
    ).body.items.map((a: ReplyBody) => a.id)
    expect(all.length).toBeGreaterThanOrEqual(6)
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res: ReplyBody = await h.call(
        'GET',
        `/audit?entityType=user&entityId=${user.id}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: adminToken },
      )
      expect(res.status).toBe(200)
      expect(res.body.items.length).toBeLessThanOrEqual(1)
      expect(res.body.total).toBe(all.length)
      seen.push(...res.body.items.map((a: ReplyBody) => a.id))
      cursor = res.body.nextCursor
      pages++
      expect(pages).toBeLessThanOrEqual(all.length + 1)
    } while (cursor)
    expect(seen).toEqual(all)
    expect(new Set(seen).size).toBe(seen.length)
  })

  test('page size is clamped to 100 on the whole trail', async () => {
    const res = await h.call('GET', '/audit?limit=100000', { token: adminToken })
    expect(res.status).toBe(200)
    expect(res.body.total).toBeGreaterThan(100)
    expect(res.body.items).toHaveLength(100)
    expect(res.body.nextCursor).toEqual(expect.any(String))
  })

  test('a malformed or tampered cursor → 400 field cursor (not a 500)', async () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
    for (const cursor of ['not-a-cursor', enc(['abc', 'x']), enc([1.5, 'x']), enc([{}, 'x'])]) {
      const res = await h.call('GET', `/audit?cursor=${cursor}`, { token: adminToken })
      expectProblem(res, 400)
      expect(res.body.errors).toMatchObject([{ field: 'cursor', code: 'validation.cursor' }])
    }
  })

  test('searching needs admin.audit.read', async () => {
    const { token } = await h.userWith(adminToken, { username: 'no_audit', permissions: ['admin.user.read'] })
    expectProblem(await h.call('GET', '/audit', { token }), 403)
  })
})
