import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { expectProblem, ifMatch } from '@mosaic/service-kit/testing/expect'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'

let h: AdminHarness
let adminToken: string
beforeAll(async () => ({ h, adminToken } = await startSignedIn()))
afterAll(() => h?.close())

/** Polls `GET /users` until it stops answering 200; the cache keeps a standing for ≤ 1 s. */
async function statusWithin(token: string, ms: number) {
  const deadline = Date.now() + ms
  for (;;) {
    const res = await h.call('GET', '/users?limit=1', { token })
    if (res.status !== 200 || Date.now() > deadline) return res
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('revocation within seconds', () => {
  test('a disabled user’s access token stops working (401 auth.account_unavailable)', async () => {
    const { user, token } = await h.userWith(adminToken, {
      username: 'leaver',
      permissions: ['admin.user.read'],
    })
    expect((await h.call('GET', '/users?limit=1', { token })).status).toBe(200)
    const current = await h.call('GET', `/users/${user.id}`, { token: adminToken })
    const started = Date.now()
    const off = await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(current.body.version),
      body: { enabled: false },
    })
    expect(off.status).toBe(200)
    const res = await statusWithin(token, 3000)
    expect(expectProblem(res, 401)).toMatchObject({ code: 'auth.account_unavailable' })
    expect(Date.now() - started).toBeLessThan(2000)
    expect((await h.call('GET', '/auth/me', { token })).status).toBe(401)
  })

  test('a role or scope change outdates the holder’s token (401 auth.token_outdated); a refresh gives a current one', async () => {
    const { user, token } = await h.userWith(adminToken, {
      username: 'mover',
      permissions: ['admin.user.read'],
      dataScope: 'all',
    })
    const role = await h.call('GET', `/roles/${user.roleIds[0]}`, { token: adminToken })
    const narrowed = await h.call('PATCH', `/roles/${role.body.id}`, {
      token: adminToken,
      headers: ifMatch(role.body.version),
      body: { dataScope: 'self' },
    })
    expect(narrowed.status).toBe(200)
    const res = await statusWithin(token, 3000)
    expect(expectProblem(res, 401)).toMatchObject({ code: 'auth.token_outdated' })

    // The holder's state is published for other services' replicas, with the new auth version.
    const [event] = await h.service.db.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = 'admin.user.changed' AND payload->>'id' = $1
       ORDER BY seq DESC LIMIT 1`,
      [user.id],
    )
    expect(event.payload.authVersion).toBeGreaterThan(0)

    // Signing in again yields a token carrying the new scope, which works.
    const fresh = await h.login('mover', 'password-123')
    const me = await h.call('GET', '/auth/me', { token: fresh })
    expect(me.body.dataScope).toBe('self')
  })

  test('a password reset by an administrator outdates the tokens too', async () => {
    const { user, token } = await h.userWith(adminToken, {
      username: 'resetme',
      permissions: ['admin.user.read'],
    })
    const reset = await h.call('POST', `/users/${user.id}/reset-password`, {
      token: adminToken,
      body: { newPassword: 'another-pass-1' },
    })
    expect(reset.status).toBe(204)
    expect(expectProblem(await statusWithin(token, 3000), 401)).toMatchObject({ code: 'auth.token_outdated' })
  })

  test('moving a user to another department outdates their tokens (department scopes follow the department)', async () => {
    const sales = await h.call('POST', '/depts', { token: adminToken, body: { name: 'Revocation east' } })
    const service = await h.call('POST', '/depts', { token: adminToken, body: { name: 'Revocation west' } })
    const { user, token } = await h.userWith(adminToken, {
      username: 'transferee',
      permissions: ['admin.user.read'],
      dataScope: 'dept',
      deptId: sales.body.id,
    })
    expect((await h.call('GET', '/users?limit=1', { token })).status).toBe(200)
    const current = await h.call('GET', `/users/${user.id}`, { token: adminToken })
    const moved = await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(current.body.version),
      body: { deptId: service.body.id },
    })
    expect(moved.status).toBe(200)
    expect(expectProblem(await statusWithin(token, 3000), 401)).toMatchObject({ code: 'auth.token_outdated' })
  })
})
