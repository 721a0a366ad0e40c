import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { expectProblem, ifMatch, type ReplyBody } from '@mosaic/service-kit/testing/expect'
import { formatProblem } from '@mosaic/schemas'
import { startSignedIn, type AdminHarness } from '../test-support/harness.js'

/** Every admin refusal is a catalog code with params: the UI says it in the reader's language. */
let h: AdminHarness
let token: string
beforeAll(async () => ({ h, adminToken: token } = await startSignedIn()))
afterAll(() => h?.close())

const fieldCodes = (res: { body: ReplyBody }) =>
  Object.fromEntries((res.body.errors ?? []).map((e: ReplyBody) => [e.field, e.code]))

describe('admin answers coded problems', () => {
  test('delete guards name what depends, as params', async () => {
    const parent = await h.call('POST', '/depts', { token, body: { name: 'Guarded' } })
    await h.call('POST', '/depts', { token, body: { name: 'Child', parentId: parent.body.id } })
    const res = await h.call('DELETE', `/depts/${parent.body.id}`, {
      token,
      headers: ifMatch(parent.body.version),
    })
    expect(expectProblem(res, 409)).toMatchObject({
      code: 'admin.dept.in_use',
      params: { children: 1, members: 0 },
    })
    expect(formatProblem(res.body.code, res.body.params, 'zh-CN')).toBe(
      '该部门仍有 1 个下级部门和 0 个用户，请先移走或删除',
    )

    const role = await h.call('POST', '/roles', {
      token,
      body: { code: 'held', name: 'Held', permissions: ['admin.user.read'], dataScope: 'self' },
    })
    await h.call('POST', '/users', {
      token,
      body: { username: 'holder', displayName: 'Holder', password: 'password-123', roleIds: [role.body.id] },
    })
    const roleDelete = await h.call('DELETE', `/roles/${role.body.id}`, {
      token,
      headers: ifMatch(role.body.version),
    })
    expect(expectProblem(roleDelete, 409)).toMatchObject({ code: 'admin.role.in_use', params: { count: 1 } })

    const dict = await h.call('DELETE', '/dictionaries/lead_source', { token, headers: ifMatch(1) })
    expect(dict.status).toBeGreaterThanOrEqual(400)
    expect(dict.body.code).toMatch(/^admin\.dict\.|^http\./)
  })

  test('field checks: phone, username format and taken, unknown department', async () => {
    const bad = await h.call('POST', '/users', {
      token,
      body: { username: 'x!', displayName: 'X', password: 'password-123', phone: 'call me' },
    })
    expectProblem(bad, 400)
    expect(fieldCodes(bad)).toMatchObject({
      phone: 'validation.phone',
      username: 'admin.user.username_format',
    })
    const body = { username: 'twice', displayName: 'Twice', password: 'password-123' }
    expect((await h.call('POST', '/users', { token, body })).status).toBe(201)
    const again = await h.call('POST', '/users', { token, body })
    expect(expectProblem(again, 409)).toMatchObject({ code: 'admin.user.username_taken' })
    expect(fieldCodes(again)).toEqual({ username: 'admin.user.username_taken' })
    const nowhere = await h.call('POST', '/users', {
      token,
      body: { ...body, username: 'nowhere', deptId: '00000000-0000-4000-8000-000000000000' },
    })
    expect(fieldCodes(nowhere)).toEqual({ deptId: 'admin.user.dept_missing' })
  })

  test('the lockout time is a param, and sign-in failures are coded', async () => {
    const res = await h.call('POST', '/auth/login', { body: { username: 'admin', password: 'nope' } })
    expect(expectProblem(res, 401)).toMatchObject({ code: 'auth.invalid_credentials' })
    const noSession = await h.call('POST', '/auth/refresh')
    expect(expectProblem(noSession, 401)).toMatchObject({ code: 'auth.no_session' })
  })
})
