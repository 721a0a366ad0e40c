import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import { expectProblem, fieldErrors, ifMatch, type ReplyBody } from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
beforeAll(async () => ({ h, adminToken } = await startSignedIn()))
afterAll(() => h?.close())

async function createUser(username: string, extra: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/users', {
    token: adminToken,
    body: { username, displayName: `Name ${username}`, password: 'password-123', ...extra },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

async function createDept(name: string, parentId: string | null = null) {
  const res = await h.call('POST', '/depts', { token: adminToken, body: { name, parentId } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

/** Users with this username, as the (all-seeing) admin lists them. */
async function adminFind(username: string) {
  const res = await h.call('GET', `/users?q=${encodeURIComponent(username)}&limit=100`, { token: adminToken })
  expect(res.status).toBe(200)
  return (res.body.items as Array<{ username: string }>).filter((u) => u.username === username)
}

async function listIds(token: string) {
  const res = await h.call('GET', '/users?limit=100', { token })
  expect(res.status).toBe(200)
  return new Set((res.body.items as Array<{ id: string }>).map((u) => u.id))
}

const getUser = (id: string) => h.call('GET', `/users/${id}`, { token: adminToken })

describe('permissions', () => {
  test('without admin.user.create: POST /users → 403 and nothing is created', async () => {
    const { token } = await h.userWith(adminToken, {
      username: 'reader_only',
      permissions: ['admin.user.read'],
    })
    expect((await h.call('GET', '/users', { token })).status).toBe(200)
    const res = await h.call('POST', '/users', {
      token,
      body: { username: 'sneaky', displayName: 'Sneaky', password: 'password-123' },
    })
    expectProblem(res, 403)
    expect(await adminFind('sneaky')).toHaveLength(0)
  })

  test('without admin.user.read: GET /users and GET /users/:id → 403', async () => {
    const { token, user } = await h.userWith(adminToken, {
      username: 'dept_reader',
      permissions: ['admin.dept.read'],
    })
    expect((await h.call('GET', '/depts', { token })).status).toBe(200)
    expectProblem(await h.call('GET', '/users', { token }), 403)
    expectProblem(await h.call('GET', `/users/${user.id}`, { token }), 403)
  })

  test('without admin.user.update / delete: PATCH and DELETE → 403, record unchanged', async () => {
    const target = await createUser('untouched')
    const { token } = await h.userWith(adminToken, {
      username: 'read_only2',
      permissions: ['admin.user.read'],
    })
    expectProblem(
      await h.call('PATCH', `/users/${target.id}`, {
        token,
        headers: ifMatch(1),
        body: { displayName: 'Hacked' },
      }),
      403,
    )
    expectProblem(await h.call('DELETE', `/users/${target.id}`, { token, headers: ifMatch(1) }), 403)
    const now = await getUser(target.id)
    expect(now.status).toBe(200)
    expect(now.body).toMatchObject({ displayName: 'Name untouched', version: 1 })
  })
})

describe('data scope', () => {
  let deptA: ReplyBody, deptB: ReplyBody, childOfA: ReplyBody
  let inA: ReplyBody, inB: ReplyBody, inChild: ReplyBody

  beforeAll(async () => {
    deptA = await createDept('Scope A')
    deptB = await createDept('Scope B')
    childOfA = await createDept('Scope A child', deptA.id)
    inA = await createUser('in_a', { deptId: deptA.id })
    inB = await createUser('in_b', { deptId: deptB.id })
    inChild = await createUser('in_a_child', { deptId: childOfA.id })
  })

  test("'dept': sees users of the own department, not of another one nor of sub-departments", async () => {
    const { token, user } = await h.userWith(adminToken, {
      username: 'scope_dept',
      permissions: ['admin.user.read'],
      dataScope: 'dept',
      deptId: deptA.id,
    })
    const ids = await listIds(token)
    expect(ids).toContain(inA.id)
    expect(ids).toContain(user.id)
    expect(ids).not.toContain(inB.id)
    expect(ids).not.toContain(inChild.id)
    // The admin user sits in the root department: not visible either.
    expect([...ids].every((id) => [inA.id, user.id].includes(id))).toBe(true)
    expect((await h.call('GET', `/users/${inA.id}`, { token })).status).toBe(200)
  })

  test('a record outside the scope is 404 with the same body as a missing id (not 403)', async () => {
    const { token } = await h.userWith(adminToken, {
      username: 'scope_dept2',
      permissions: ['admin.user.read'],
      dataScope: 'dept',
      deptId: deptA.id,
    })
    const hidden = expectProblem(await h.call('GET', `/users/${inB.id}`, { token }), 404)
    const missing = expectProblem(await h.call('GET', `/users/${randomUUID()}`, { token }), 404)
    const shape = ({ requestId: _r, instance: _i, ...rest }: ReplyBody) => rest
    expect(shape(hidden)).toEqual(shape(missing))
    expect(Object.keys(hidden).sort()).toEqual(Object.keys(missing).sort())
    // The history endpoints hide it the same way.
    expectProblem(await h.call('GET', `/users/${inB.id}/audit`, { token }), 404)
    expectProblem(await h.call('GET', `/users/${inB.id}/versions`, { token }), 404)
  })

  test('a record outside the scope cannot be edited either (404), and stays unchanged', async () => {
    const { token } = await h.userWith(adminToken, {
      username: 'scope_editor',
      permissions: ['admin.user.read', 'admin.user.update'],
      dataScope: 'dept',
      deptId: deptA.id,
    })
    expectProblem(
      await h.call('PATCH', `/users/${inB.id}`, {
        token,
        headers: ifMatch(1),
        body: { displayName: 'Changed' },
      }),
      404,
    )
    expect((await getUser(inB.id)).body).toMatchObject({ displayName: 'Name in_b', version: 1 })
    const ok = await h.call('PATCH', `/users/${inA.id}`, {
      token,
      headers: ifMatch(1),
      body: { displayName: 'Edited in A' },
    })
    expect(ok.status).toBe(200)
  })

  test("'self': sees only themselves", async () => {
    const { token, user } = await h.userWith(adminToken, {
      username: 'scope_self',
      permissions: ['admin.user.read'],
      dataScope: 'self',
      deptId: deptA.id,
    })
    const ids = await listIds(token)
    expect([...ids]).toEqual([user.id])
    expectProblem(await h.call('GET', `/users/${inA.id}`, { token }), 404)
    expect((await h.call('GET', `/users/${user.id}`, { token })).status).toBe(200)
  })

  test("'dept_and_children': sees the own department and its sub-departments, not others", async () => {
    const { token } = await h.userWith(adminToken, {
      username: 'scope_tree',
      permissions: ['admin.user.read'],
      dataScope: 'dept_and_children',
      deptId: deptA.id,
    })
    const ids = await listIds(token)
    expect(ids).toContain(inA.id)
    expect(ids).toContain(inChild.id)
    expect(ids).not.toContain(inB.id)
    expect((await h.call('GET', `/users/${inChild.id}`, { token })).status).toBe(200)
    expectProblem(await h.call('GET', `/users/${inB.id}`, { token }), 404)
  })
})

describe('unknown fields', () => {
  for (const [field, value] of [
    ['version', 5],
    ['createdAt', '2020-01-01T00:00:00.000Z'],
    ['id', randomUUID()],
  ] as const) {
    test(`POST /users with "${field}" → 400 naming the field, nothing stored`, async () => {
      const username = `unknown_${field.toLowerCase()}`
      const res = await h.call('POST', '/users', {
        token: adminToken,
        body: { username, displayName: 'X', password: 'password-123', [field]: value },
      })
      const problem = expectProblem(res, 400)
      expect(problem.errors).toContainEqual(expect.objectContaining({ field, message: 'Unknown field' }))
      expect(await adminFind(username)).toHaveLength(0)
      if (field === 'id') expectProblem(await getUser(value as string), 404)
    })
  }

  test('PATCH with "version" in the body → 400, record unchanged', async () => {
    const user = await createUser('patch_version')
    const res = await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { displayName: 'New name', version: 7 },
    })
    expect(expectProblem(res, 400).errors).toContainEqual(
      expect.objectContaining({ field: 'version', message: 'Unknown field' }),
    )
    const now = await getUser(user.id)
    expect(now.body).toMatchObject({ version: 1, displayName: 'Name patch_version' })
    expect(now.headers.get('etag')).toMatch(/^"1-/)
  })
})

describe('validation', () => {
  test('bad email and short password → 400 with an error per field', async () => {
    const res = await h.call('POST', '/users', {
      token: adminToken,
      body: { username: 'bad_input', displayName: 'Bad', password: 'short', email: 'not-an-email' },
    })
    const errors = fieldErrors(res)
    expectProblem(res, 400)
    expect(Object.keys(errors).sort()).toEqual(['email', 'password'])
    expect(await adminFind('bad_input')).toHaveLength(0)
  })

  test('unknown role id → 400 field roleIds', async () => {
    const res = await h.call('POST', '/users', {
      token: adminToken,
      body: { username: 'bad_role', displayName: 'Bad', password: 'password-123', roleIds: [randomUUID()] },
    })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('roleIds')
    expect(await adminFind('bad_role')).toHaveLength(0)
  })

  test('unknown department → 400 field deptId', async () => {
    const res = await h.call('POST', '/users', {
      token: adminToken,
      body: { username: 'bad_dept', displayName: 'Bad', password: 'password-123', deptId: randomUUID() },
    })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('deptId')
  })

  test('duplicate username (any case) → 409 with field error username', async () => {
    await createUser('dup_user')
    for (const username of ['dup_user', 'DUP_User']) {
      const res = await h.call('POST', '/users', {
        token: adminToken,
        body: { username, displayName: 'Two', password: 'password-123' },
      })
      expectProblem(res, 409)
      expect(fieldErrors(res)).toHaveProperty('username')
    }
    const list = await h.call('GET', '/users?q=dup_user', { token: adminToken })
    expect(list.body.total).toBe(1)
  })
})

describe('optimistic locking', () => {
  test('ETag, If-Match success, stale If-Match → 412 with current and nothing overwritten, no If-Match → 428', async () => {
    const user = await createUser('locking')
    const first = await getUser(user.id)
    expect(first.headers.get('etag')).toMatch(/^"1-/)
    expect(first.body.version).toBe(1)

    const ok = await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { displayName: 'Second' },
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ version: 2, displayName: 'Second' })
    expect(ok.headers.get('etag')).toMatch(/^"2-/)

    const stale = await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { displayName: 'Stale write' },
    })
    const problem = expectProblem(stale, 412)
    expect(problem.current).toMatchObject({ id: user.id, version: 2, displayName: 'Second' })

    const after = await getUser(user.id)
    expect(after.body).toMatchObject({ version: 2, displayName: 'Second' })

    expectProblem(
      await h.call('PATCH', `/users/${user.id}`, {
        token: adminToken,
        body: { displayName: 'No precondition' },
      }),
      428,
    )
    expect((await getUser(user.id)).body).toMatchObject({ version: 2, displayName: 'Second' })

    // A bare version number is accepted too.
    const bare = await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: { 'if-match': '2' },
      body: { displayName: 'Third' },
    })
    expect(bare.status).toBe(200)
    expect(bare.body.version).toBe(3)
  })

  test('DELETE with a stale If-Match → 412 and the user stays', async () => {
    const user = await createUser('locking_delete')
    await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { phone: '123456' },
    })
    expectProblem(
      await h.call('DELETE', `/users/${user.id}`, { token: adminToken, headers: ifMatch(1) }),
      412,
    )
    expect((await getUser(user.id)).status).toBe(200)
    expectProblem(await h.call('DELETE', `/users/${user.id}`, { token: adminToken }), 428)
    expect((await getUser(user.id)).status).toBe(200)
  })

  test('a PATCH that changes nothing does not create a version', async () => {
    const user = await createUser('noop_patch')
    const res = await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { displayName: 'Name noop_patch' },
    })
    expect(res.status).toBe(200)
    expect(res.body.version).toBe(1)
    const versions = await h.call('GET', `/users/${user.id}/versions`, { token: adminToken })
    expect(versions.body).toHaveLength(1)
  })
})

describe('versions', () => {
  test('versions newest first; restoring v1 saves it as a new, audited version', async () => {
    const user = await createUser('versioned', { email: 'v1@example.com' })
    await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { displayName: 'Second', email: 'v2@example.com' },
    })
    await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(2),
      body: { displayName: 'Third' },
    })

    const versions = await h.call('GET', `/users/${user.id}/versions`, { token: adminToken })
    expect(versions.status).toBe(200)
    expect(versions.body.map((v: ReplyBody) => v.version)).toEqual([3, 2, 1])
    expect(versions.body.map((v: ReplyBody) => v.action)).toEqual(['update', 'update', 'create'])
    expect(versions.body[2].snapshot).toMatchObject({
      displayName: 'Name versioned',
      email: 'v1@example.com',
    })
    expect(versions.body[0].snapshot.displayName).toBe('Third')

    // Stale If-Match: refused, nothing restored.
    expectProblem(
      await h.call('POST', `/users/${user.id}/versions/1/restore`, {
        token: adminToken,
        headers: ifMatch(2),
      }),
      412,
    )
    expectProblem(await h.call('POST', `/users/${user.id}/versions/1/restore`, { token: adminToken }), 428)
    expect((await getUser(user.id)).body).toMatchObject({ version: 3, displayName: 'Third' })

    const restored = await h.call('POST', `/users/${user.id}/versions/1/restore`, {
      token: adminToken,
      headers: ifMatch(3),
    })
    expect(restored.status).toBe(200)
    expect(restored.body).toMatchObject({
      version: 4,
      displayName: 'Name versioned',
      email: 'v1@example.com',
    })
    expect((await getUser(user.id)).body).toMatchObject({
      version: 4,
      displayName: 'Name versioned',
      email: 'v1@example.com',
    })

    const audit = await h.call('GET', `/users/${user.id}/audit`, { token: adminToken })
    expect(audit.body[0]).toMatchObject({
      action: 'restore_version',
      note: 'Restored version 1',
      diff: {
        displayName: { before: 'Third', after: 'Name versioned' },
        email: { before: 'v2@example.com', after: 'v1@example.com' },
      },
    })
    const after = await h.call('GET', `/users/${user.id}/versions`, { token: adminToken })
    expect(after.body[0]).toMatchObject({ version: 4, action: 'restore_version' })

    // The restored user can still sign in with their password (restore never touches secrets).
    expect(
      (await h.call('POST', '/auth/login', { body: { username: 'versioned', password: 'password-123' } }))
        .status,
    ).toBe(200)
  })

  test('restoring a version that points at a deleted department → 400 field deptId, record unchanged', async () => {
    const dept = await createDept('Soon deleted')
    const user = await createUser('versioned_dept', { deptId: dept.id })
    expect(
      (
        await h.call('PATCH', `/users/${user.id}`, {
          token: adminToken,
          headers: ifMatch(1),
          body: { deptId: null },
        })
      ).status,
    ).toBe(200)
    expect(
      (await h.call('DELETE', `/depts/${dept.id}`, { token: adminToken, headers: ifMatch(1) })).status,
    ).toBe(204)
    const res = await h.call('POST', `/users/${user.id}/versions/1/restore`, {
      token: adminToken,
      headers: ifMatch(2),
    })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('deptId')
    expect((await getUser(user.id)).body).toMatchObject({ version: 2, deptId: null })
  })

  test('restoring a version that points at a deleted role → 400 field roleIds', async () => {
    const role = await h.call('POST', '/roles', {
      token: adminToken,
      body: { code: 'short_lived', name: 'Short lived' },
    })
    const user = await createUser('versioned_role', { roleIds: [role.body.id] })
    expect(
      (
        await h.call('PATCH', `/users/${user.id}`, {
          token: adminToken,
          headers: ifMatch(1),
          body: { roleIds: [] },
        })
      ).status,
    ).toBe(200)
    expect(
      (await h.call('DELETE', `/roles/${role.body.id}`, { token: adminToken, headers: ifMatch(1) })).status,
    ).toBe(204)
    const res = await h.call('POST', `/users/${user.id}/versions/1/restore`, {
      token: adminToken,
      headers: ifMatch(2),
    })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('roleIds')
    expect((await getUser(user.id)).body).toMatchObject({ version: 2, roleIds: [] })
  })

  test('restoring a version that does not exist → 404, record unchanged', async () => {
    const user = await createUser('versioned_missing')
    expectProblem(
      await h.call('POST', `/users/${user.id}/versions/9/restore`, {
        token: adminToken,
        headers: ifMatch(1),
      }),
      404,
    )
    expect((await getUser(user.id)).body.version).toBe(1)
  })
})

describe('soft delete, recycle bin and purge', () => {
  test('delete → 404 and in the recycle bin; restore brings it back; purge removes it but keeps the audit trail', async () => {
    const user = await createUser('recyclable')
    const del = await h.call('DELETE', `/users/${user.id}`, { token: adminToken, headers: ifMatch(1) })
    expect(del.status).toBe(204)
    expectProblem(await getUser(user.id), 404)
    expect(await adminFind('recyclable')).toHaveLength(0)
    // A deleted user cannot sign in.
    expectProblem(
      await h.call('POST', '/auth/login', { body: { username: 'recyclable', password: 'password-123' } }),
      401,
    )

    const bin = await h.call('GET', '/recycle-bin?entityType=user', { token: adminToken })
    expect(bin.status).toBe(200)
    const item = bin.body.items.find((i: ReplyBody) => i.id === user.id)
    expect(item).toMatchObject({
      entityType: 'user',
      title: 'Name recyclable (recyclable)',
      deletedByName: '系统管理员',
    })
    expect(
      (await h.call('GET', '/recycle-bin', { token: adminToken })).body.items.map((i: ReplyBody) => i.id),
    ).toContain(user.id)

    // Purging needs the record to be in the bin; restoring needs it to be there too.
    const restored = await h.call('POST', `/users/${user.id}/restore`, { token: adminToken })
    expect(restored.status).toBe(200)
    expect(restored.body).toMatchObject({ id: user.id, username: 'recyclable' })
    expect((await getUser(user.id)).status).toBe(200)
    expectProblem(await h.call('POST', `/users/${user.id}/restore`, { token: adminToken }), 409)
    expectProblem(await h.call('DELETE', `/recycle-bin/user/${user.id}`, { token: adminToken }), 409)
    expect((await getUser(user.id)).status).toBe(200)
    const binAfter = await h.call('GET', '/recycle-bin?entityType=user', { token: adminToken })
    expect(binAfter.body.items.map((i: ReplyBody) => i.id)).not.toContain(user.id)

    const current = (await getUser(user.id)).body
    expect(
      (await h.call('DELETE', `/users/${user.id}`, { token: adminToken, headers: ifMatch(current.version) }))
        .status,
    ).toBe(204)
    const purge = await h.call('DELETE', `/recycle-bin/user/${user.id}`, { token: adminToken })
    expect(purge.status).toBe(204)

    expectProblem(await getUser(user.id), 404)
    expectProblem(await h.call('GET', `/users/${user.id}/audit`, { token: adminToken }), 404)
    expectProblem(await h.call('POST', `/users/${user.id}/restore`, { token: adminToken }), 404)
    expect(
      (await h.call('GET', '/recycle-bin?entityType=user', { token: adminToken })).body.items.map(
        (i: ReplyBody) => i.id,
      ),
    ).not.toContain(user.id)
    expect(
      await h.service.db.dataSource.query('SELECT 1 FROM app_user WHERE id = $1', [user.id]),
    ).toHaveLength(0)
    expect(
      await h.service.db.dataSource.query('SELECT 1 FROM record_version WHERE entity_id = $1', [user.id]),
    ).toHaveLength(0)

    const trail = await h.call('GET', `/audit?entityType=user&entityId=${user.id}&limit=100`, {
      token: adminToken,
    })
    expect(trail.status).toBe(200)
    expect(trail.body.items.map((e: ReplyBody) => e.action)).toEqual([
      'purge',
      'delete',
      'restore',
      'delete',
      'create',
    ])
  })

  test('purge of an unknown record type → 404', async () => {
    expectProblem(await h.call('DELETE', `/recycle-bin/nothing/${randomUUID()}`, { token: adminToken }), 404)
  })

  test('an administrator cannot delete their own account', async () => {
    const me = (await h.call('GET', '/auth/me', { token: adminToken })).body
    const self = await getUser(me.id)
    expectProblem(
      await h.call('DELETE', `/users/${me.id}`, { token: adminToken, headers: ifMatch(self.body.version) }),
      409,
    )
    expect((await getUser(me.id)).status).toBe(200)
  })
})

describe('page size', () => {
  test('limit is clamped to 1..100', async () => {
    // More than a page's maximum of users, inserted directly (hashing 100 passwords would be slow).
    await h.service.db.dataSource.query(
      `INSERT INTO app_user (id, username, display_name, password_hash)
       SELECT gen_random_uuid(), 'bulk_' || g, 'Bulk ' || g, 'not-a-hash' FROM generate_series(1, 105) g`,
    )
    const huge = await h.call('GET', '/users?limit=100000', { token: adminToken })
    expect(huge.status).toBe(200)
    expect(huge.body.total).toBeGreaterThan(105)
    expect(huge.body.items).toHaveLength(100)
    expect(huge.body.nextCursor).toEqual(expect.any(String))

    const zero = await h.call('GET', '/users?limit=0', { token: adminToken })
    expect(zero.status).toBe(200)
    expect(zero.body.items).toHaveLength(1)
    expect(zero.body.nextCursor).toEqual(expect.any(String))

    const negative = await h.call('GET', '/users?limit=-5', { token: adminToken })
    expect(negative.body.items).toHaveLength(1)

    const byDefault = await h.call('GET', '/users', { token: adminToken })
    expect(byDefault.body.items).toHaveLength(20)
  })

  test('cursor pagination walks every user exactly once', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    let total: number
    do {
      const res: ReplyBody = await h.call('GET', `/users?limit=37${cursor ? `&cursor=${cursor}` : ''}`, {
        token: adminToken,
      })
      expect(res.status).toBe(200)
      total = res.body.total
      seen.push(...res.body.items.map((u: ReplyBody) => u.id))
      cursor = res.body.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(total)
  })

  test('a malformed cursor → 400 field cursor', async () => {
    const res = await h.call('GET', '/users?cursor=not-a-cursor', { token: adminToken })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('cursor')
  })
  test('numbered pages (?page=) reach the same users as the cursor walk; page+cursor and too deep → 400', async () => {
    const first = await h.call('GET', '/users?limit=10&page=1', { token: adminToken })
    const second = await h.call('GET', '/users?limit=10&page=2', { token: adminToken })
    expect([first.status, second.status]).toEqual([200, 200])
    const walked = await h.call('GET', `/users?limit=10&cursor=${first.body.nextCursor}`, {
      token: adminToken,
    })
    expect(second.body.items.map((u: ReplyBody) => u.id)).toEqual(
      walked.body.items.map((u: ReplyBody) => u.id),
    )
    expect(second.body.total).toBe(first.body.total)
    const both = await h.call('GET', `/users?page=2&cursor=${first.body.nextCursor}`, { token: adminToken })
    expectProblem(both, 400)
    expect(both.body.code).toBe('paging.page_with_cursor')
    const deep = await h.call('GET', '/users?page=10001&limit=1', { token: adminToken })
    expectProblem(deep, 400)
    expect(deep.body.code).toBe('paging.page_too_deep')
  })
})

describe('unlock', () => {
  test('POST /users/:id/unlock lifts a lockout (admin.user.lock), is audited, and the user signs in again', async () => {
    const user = await createUser('locked1')
    for (let i = 0; i < 5; i++)
      await h.call('POST', '/auth/login', { body: { username: 'locked1', password: `wrong-${i}` } })
    const shown = await h.call('GET', `/users/${user.id}`, { token: adminToken })
    expect(shown.body.lockedUntil).not.toBeNull()

    const without = await h.userWith(adminToken, { username: 'nolock', permissions: ['admin.user.read'] })
    expectProblem(await h.call('POST', `/users/${user.id}/unlock`, { token: without.token }), 403)

    const res = await h.call('POST', `/users/${user.id}/unlock`, { token: adminToken })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.lockedUntil).toBeNull()
    const login = await h.call('POST', '/auth/login', {
      body: { username: 'locked1', password: 'password-123' },
    })
    expect(login.status).toBe(200)
    const audit = await h.call('GET', `/users/${user.id}/audit`, { token: adminToken })
    expect((audit.body.items ?? audit.body).map((e: ReplyBody) => e.action)).toContain('unlock')

    const again = await h.call('POST', `/users/${user.id}/unlock`, { token: adminToken })
    expect(expectProblem(again, 409)).toMatchObject({ code: 'admin.user.not_locked' })
  })
})
