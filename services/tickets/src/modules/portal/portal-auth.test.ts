import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { tickets } from '@mosaic/schemas'
import { startPortalWorld, testCustomer, type PortalWorld } from '../../test-support/portal-fixture.js'
import { LOGIN_FAILURES_BEFORE_LOCK } from './portal-session.js'

const acme = testCustomer('顶点科技', '张三')

describe('portal sign-in', () => {
  let w: PortalWorld
  beforeAll(async () => {
    // A tight per-account limit, so the in-memory limiter is seen; the lock-out needs fewer failures.
    w = await startPortalWorld([acme], { PORTAL_LOGIN_RATE_LIMIT_PER_MINUTE: '8' })
  })
  afterAll(() => w?.close())

  const login = (account: string, password: string) =>
    w.h.call<{ code: string } & tickets.PortalSession>('POST', '/portal/auth/login', {
      body: { account, password },
    })

  it('signs in (any letter case): a token for audience portal naming the account, its customer and contact', async () => {
    const a = await w.account(acme, 'Sign.In')
    const before = Date.now()
    const res = await login('sign.IN', 'correct-horse-1')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(tickets.PortalSession.parse(res.body).me).toEqual({
      accountId: a.id,
      account: 'Sign.In',
      displayName: 'Sign.In user',
      customerId: acme.id,
      customerName: acme.name,
      contactId: acme.contact.id,
      contactName: acme.contact.name,
    })
    const claims = decodeJwt(res.body.token)
    expect(decodeProtectedHeader(res.body.token).alg).toBe('EdDSA')
    expect(claims).toMatchObject({
      iss: 'mosaic-tickets',
      aud: 'portal',
      sub: a.id,
      customer: acme.id,
      contact: acme.contact.id,
      tv: 0,
    })
    // PORTAL_SESSION_MINUTES (default 8 hours).
    expect(claims.exp! * 1000 - before).toBeGreaterThan(8 * 3600_000 - 5000)
    expect(claims.exp! * 1000 - before).toBeLessThan(8 * 3600_000 + 5000)
    expect(new Date(res.body.expiresAt).getTime()).toBe(claims.exp! * 1000)
    const me = await w.h.call('GET', '/portal/me', { token: res.body.token })
    expect(me.body).toEqual(res.body.me)
    const listed = await w.h.call<{ lastLoginAt: string | null }>('GET', `/portal-accounts/${a.id}`, {
      token: w.agent.token,
    })
    expect(new Date(listed.body.lastLoginAt!).getTime()).toBeGreaterThanOrEqual(before - 1000)
  })

  it('answers a wrong password and an unknown account alike (401 portal.invalid_credentials), both as slow', async () => {
    await w.account(acme, 'wrong.pass')
    const timed = async (account: string) => {
      const start = performance.now()
      const res = await login(account, 'not-the-password')
      return { res, ms: performance.now() - start }
    }
    const wrong = await timed('wrong.pass')
    const unknown = await timed('no.such.account')
    for (const { res } of [wrong, unknown]) {
      expect(res.status).toBe(401)
      expect(res.body.code).toBe('portal.invalid_credentials')
    }
    expect(Object.keys(wrong.res.body).sort()).toEqual(Object.keys(unknown.res.body).sort())
    // Both ran one argon2 check (tens of milliseconds), not an early return.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 4)
  })

  it(`locks an account after ${LOGIN_FAILURES_BEFORE_LOCK} wrong passwords in a row (429, even with the right one)`, async () => {
    await w.account(acme, 'lock.me')
    await w.account(acme, 'not.locked')
    for (let i = 0; i < LOGIN_FAILURES_BEFORE_LOCK; i++)
      expect((await login('lock.me', 'guess-' + i)).status).toBe(401)
    const locked = await login('lock.me', 'correct-horse-1')
    expect(locked.status).toBe(429)
    expect(locked.body.code).toBe('portal.too_many_logins')
    // Another account of the same address is not affected; staff lift the lock with a new password.
    expect((await login('not.locked', 'correct-horse-1')).status).toBe(200)
  })

  it('limits attempts per account and address per minute, known account or not (429)', async () => {
    const codes: number[] = []
    for (let i = 0; i < 9; i++) codes.push((await login('ghost.account', 'whatever')).status)
    expect(codes.slice(0, 8)).toEqual(Array(8).fill(401))
    expect(codes[8]).toBe(429)
  })

  it('logout ends every session of the account', async () => {
    await w.account(acme, 'log.out')
    const one = await w.login('log.out')
    const two = await w.login('log.out')
    expect((await w.h.call('POST', '/portal/auth/logout', { token: one.token })).status).toBe(204)
    for (const s of [one, two])
      expect((await w.h.call('GET', '/portal/me', { token: s.token })).status).toBe(401)
    await w.login('log.out')
  })

  it('changes the own password: the current one must be right, sessions end, the new one works', async () => {
    await w.account(acme, 'change.pw')
    const s = await w.login('change.pw')
    const wrong = await w.h.call<{ errors: Array<{ field: string; code: string }> }>(
      'POST',
      '/portal/me/password',
      {
        token: s.token,
        body: { currentPassword: 'nope', newPassword: 'brand-new-pass' },
      },
    )
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors[0]).toMatchObject({ field: 'currentPassword', code: 'portal.password_wrong' })
    const ok = await w.h.call('POST', '/portal/me/password', {
      token: s.token,
      body: { currentPassword: 'correct-horse-1', newPassword: 'brand-new-pass' },
    })
    expect(ok.status).toBe(204)
    expect((await w.h.call('GET', '/portal/me', { token: s.token })).status).toBe(401)
    expect((await login('change.pw', 'correct-horse-1')).status).toBe(401)
    await w.login('change.pw', 'brand-new-pass')
  })

  it('keeps the signing key across a restart (sessions survive)', async () => {
    await w.account(acme, 'survive.restart')
    const s = await w.login('survive.restart')
    await w.h.restart()
    expect((await w.h.call('GET', '/portal/me', { token: s.token })).status).toBe(200)
  })
})
