import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SignJWT, decodeJwt, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose'
import { startAdmin, startSignedIn, refreshCookie, type AdminHarness } from '../../test-support/harness.js'
import { expectProblem, ifMatch, type ReplyBody } from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
beforeAll(async () => ({ h, adminToken } = await startSignedIn()))
afterAll(() => h?.close())

const login = (username: string, password: string) =>
  h.call('POST', '/auth/login', { body: { username, password } })
const refresh = (cookie: string | undefined) =>
  h.call('POST', '/auth/refresh', { headers: cookie ? { cookie: `mosaic_rt=${cookie}` } : {} })

async function createUser(username: string, extra: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/users', {
    token: adminToken,
    body: { username, displayName: username, password: 'password-123', ...extra },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

describe('login', () => {
  test('valid credentials: access token, httpOnly strict refresh cookie scoped to /api/admin/auth, me works', async () => {
    const res = await login('admin', 'admin123')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { username: 'admin' } })
    expect(res.body.accessToken.split('.')).toHaveLength(3)
    // The refresh token never travels in the body.
    expect(JSON.stringify(res.body)).not.toContain(refreshCookie(res.headers)!)

    const cookies = res.headers.getSetCookie().filter((c) => c.startsWith('mosaic_rt='))
    expect(cookies).toHaveLength(1)
    const attrs = cookies[0]!.split(';').map((a) => a.trim().toLowerCase())
    expect(attrs).toContain('httponly')
    expect(attrs).toContain('samesite=strict')
    expect(attrs).toContain('path=/api/admin/auth')
    expect(refreshCookie(res.headers)!.length).toBeGreaterThanOrEqual(32)

    const me = await h.call('GET', '/auth/me', { token: res.body.accessToken })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ username: 'admin', dataScope: 'all', roles: ['super_admin'] })
    expect(me.body.permissions).toContain('admin.user.create')
  })

  test('wrong password → 401 problem+json with a request id', async () => {
    const res = await login('admin', 'wrong-password')
    const problem = expectProblem(res, 401)
    expect(problem.detail).toBe('Invalid username or password.')
    expect(res.headers.getSetCookie().some((c) => c.startsWith('mosaic_rt='))).toBe(false)
  })

  test('unknown user → 401 with exactly the same message as a wrong password', async () => {
    const wrongPassword = expectProblem(await login('admin', 'wrong-password'), 401)
    const unknown = expectProblem(await login('no-such-user', 'whatever-123'), 401)
    expect(unknown.title).toBe(wrongPassword.title)
    expect(unknown.detail).toBe(wrongPassword.detail)
    expect(unknown.type).toBe(wrongPassword.type)
  })

  test('lockout: 5 wrong passwords → 423, then even the right password → 423; reset-password lifts it', async () => {
    const user = await createUser('lockme')
    for (let i = 1; i <= 4; i++) expectProblem(await login('lockme', `wrong-${i}`), 401)
    const fifth = expectProblem(await login('lockme', 'wrong-5'), 423)
    expect(fifth.detail).toMatch(/locked until/)
    // The time goes out as a param, ISO, for the UI to show in the reader's time zone.
    expect(fifth).toMatchObject({ code: 'auth.account_locked', params: { until: expect.any(String) } })
    expect(new Date(fifth.params.until).toISOString()).toBe(fifth.params.until)
    const right = expectProblem(await login('lockme', 'password-123'), 423)
    expect(right.detail).toMatch(/locked until/)

    const shown = await h.call('GET', `/users/${user.id}`, { token: adminToken })
    expect(new Date(shown.body.lockedUntil).getTime()).toBeGreaterThan(Date.now())

    const reset = await h.call('POST', `/users/${user.id}/reset-password`, {
      token: adminToken,
      body: { newPassword: 'new-password-456' },
    })
    expect(reset.status).toBe(204)
    expect((await h.call('GET', `/users/${user.id}`, { token: adminToken })).body.lockedUntil).toBeNull()
    expectProblem(await login('lockme', 'password-123'), 401) // the old password is gone
    const ok = await login('lockme', 'new-password-456')
    expect(ok.status).toBe(200)
    expect(ok.body.user.id).toBe(user.id)
  })

  test('disabled user → 403 on login with the right password', async () => {
    const user = await createUser('disabled1')
    expect((await login('disabled1', 'password-123')).status).toBe(200)
    const off = await h.call('PATCH', `/users/${user.id}`, {
      token: adminToken,
      headers: ifMatch(user.version),
      body: { enabled: false },
    })
    expect(off.status).toBe(200)
    expect(off.body.enabled).toBe(false)
    const res = expectProblem(await login('disabled1', 'password-123'), 403)
    expect(res.detail).toMatch(/disabled/)
  })
})

describe('refresh tokens', () => {
  test('rotation: refresh gives a new access token and a different cookie', async () => {
    const first = await login('admin', 'admin123')
    const rt1 = refreshCookie(first.headers)!
    const res = await refresh(rt1)
    expect(res.status).toBe(200)
    expect(res.body.tokenType).toBe('Bearer')
    expect(res.body.accessToken).not.toBe(first.body.accessToken)
    const rt2 = refreshCookie(res.headers)!
    expect(rt2).toBeTruthy()
    expect(rt2).not.toBe(rt1)
    expect((await h.call('GET', '/auth/me', { token: res.body.accessToken })).status).toBe(200)
  })

  test('reuse detection: presenting a spent cookie → 401 and revokes the newest one too', async () => {
    const first = await login('admin', 'admin123')
    const rt1 = refreshCookie(first.headers)!
    const second = await refresh(rt1)
    expect(second.status).toBe(200)
    const rt2 = refreshCookie(second.headers)!

    const replay = expectProblem(await refresh(rt1), 401)
    expect(replay.detail).toMatch(/revoked/i)
    // The legitimate holder's newest token belongs to the same family: revoked as well.
    expectProblem(await refresh(rt2), 401)
  })

  test('reuse in one session does not touch another session of the same user', async () => {
    const a = refreshCookie((await login('admin', 'admin123')).headers)!
    const b = refreshCookie((await login('admin', 'admin123')).headers)!
    expect((await refresh(a)).status).toBe(200)
    expect((await refresh(a)).status).toBe(401)
    expect((await refresh(b)).status).toBe(200)
  })

  test('logout revokes the session: refresh with its cookie → 401', async () => {
    const rt = refreshCookie((await login('admin', 'admin123')).headers)!
    const out = await h.call('POST', '/auth/logout', { headers: { cookie: `mosaic_rt=${rt}` } })
    expect(out.status).toBe(204)
    const cleared = out.headers.getSetCookie().find((c) => c.startsWith('mosaic_rt='))
    expect(cleared).toMatch(/^mosaic_rt=;/)
    expectProblem(await refresh(rt), 401)
  })

  test('no cookie / an unknown cookie → 401', async () => {
    expectProblem(await refresh(undefined), 401)
    expectProblem(await refresh('not-a-real-refresh-token'), 401)
  })
})

describe('access token verification', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  /** The claims of a real token without the time/issuer/audience claims, to re-sign variants of it. */
  const baseClaims = () => {
    const { iss: _i, aud: _a, exp: _e, iat: _t, nbf: _n, jti: _j, ...claims } = decodeJwt(adminToken)
    return claims as JWTPayload
  }
  const me = (token: string) => h.call('GET', '/auth/me', { token })
  const users = (token: string) => h.call('GET', '/users', { token })

  async function sign(
    o: {
      iss?: string
      aud?: string
      exp?: number
      key?: CryptoKey | Uint8Array
      alg?: string
      kid?: string
    } = {},
  ) {
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT(baseClaims())
      .setProtectedHeader({ alg: o.alg ?? 'EdDSA', kid: o.kid ?? h.service.keys.kid, typ: 'JWT' })
      .setIssuer(o.iss ?? h.config.JWT_ISSUER)
      .setAudience(o.aud ?? h.config.JWT_AUDIENCE)
      .setIssuedAt(now - 60)
      .setExpirationTime(o.exp ?? now + 600)
      .setJti(crypto.randomUUID())
      .sign(o.key ?? h.service.keys.privateKey)
  }

  test('control: a token crafted with the service key and the real claims is accepted', async () => {
    const res = await me(await sign())
    expect(res.status).toBe(200)
    expect(res.body.username).toBe('admin')
  })

  test('no token on a protected route → 401', async () => {
    expectProblem(await h.call('GET', '/users'), 401)
    expectProblem(await h.call('GET', '/auth/me'), 401)
  })

  test('not a Bearer scheme / garbage token → 401', async () => {
    expectProblem(await h.call('GET', '/users', { headers: { authorization: `Basic ${adminToken}` } }), 401)
    expectProblem(await users('not.a.jwt'), 401)
  })

  test('alg none → 401', async () => {
    const [, payload] = adminToken.split('.')
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`
    expectProblem(await users(token), 401)
    expectProblem(await me(token), 401)
  })

  test('altered signature → 401', async () => {
    const [header, payload, signature] = adminToken.split('.') as [string, string, string]
    const bytes = Buffer.from(signature, 'base64url')
    bytes[bytes.length - 1]! ^= 0xff
    bytes[bytes.length - 2]! ^= 0xff
    const altered = bytes.toString('base64url')
    expect(altered.slice(-3)).not.toBe(signature.slice(-3))
    expectProblem(await users(`${header}.${payload}.${altered}`), 401)
  })

  test('payload altered under the original signature (privilege edit) → 401', async () => {
    const [header, payload, signature] = adminToken.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    claims.username = 'someone-else'
    expectProblem(await users(`${header}.${b64(claims)}.${signature}`), 401)
  })

  test('signed by another Ed25519 key (same kid) → 401', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
    expectProblem(await users(await sign({ key: privateKey })), 401)
    expectProblem(await users(await sign({ key: privateKey, kid: 'another-kid' })), 401)
  })

  test('expired → 401 saying so', async () => {
    const token = await sign({ exp: Math.floor(Date.now() / 1000) - 120 })
    const problem = expectProblem(await users(token), 401)
    expect(problem.detail).toMatch(/expired/)
  })

  test('wrong audience → 401', async () => {
    const problem = expectProblem(await users(await sign({ aud: 'other' })), 401)
    expect(problem.detail).toMatch(/aud/)
  })

  test('wrong issuer → 401', async () => {
    const problem = expectProblem(await users(await sign({ iss: 'evil-issuer' })), 401)
    expect(problem.detail).toMatch(/iss/)
  })

  test('HS256 token (HMAC with the public key as secret) → 401', async () => {
    const publicX = h.service.keys.jwks.keys[0]!.x!
    for (const secret of [
      new TextEncoder().encode(publicX),
      new TextEncoder().encode('any-shared-secret-0123456789abcdef'),
    ]) {
      expectProblem(await users(await sign({ alg: 'HS256', key: secret })), 401)
    }
  })

  test('a bad token is refused even on a public route (no silent anonymous fallback)', async () => {
    const res = await h.call('POST', '/auth/login', {
      token: 'garbage',
      body: { username: 'admin', password: 'admin123' },
    })
    expectProblem(res, 401)
  })

  test('JWKS publishes the public key only', async () => {
    const res = await h.call('GET', '/.well-known/jwks.json')
    expect(res.status).toBe(200)
    expect(res.body.keys).toHaveLength(1)
    expect(res.body.keys[0]).toMatchObject({ kid: h.service.keys.kid, alg: 'EdDSA', crv: 'Ed25519' })
    expect(res.body.keys[0].d).toBeUndefined()
  })
})

describe('change my password', () => {
  test('wrong current password → 400 field currentPassword; right one → 204 and the new password works', async () => {
    await createUser('changer')
    const token = (await login('changer', 'password-123')).body.accessToken
    const bad = await h.call('POST', '/auth/password', {
      token,
      body: { currentPassword: 'nope-nope', newPassword: 'another-pass-1' },
    })
    expect(expectProblem(bad, 400).errors?.[0]?.field).toBe('currentPassword')
    const ok = await h.call('POST', '/auth/password', {
      token,
      body: { currentPassword: 'password-123', newPassword: 'another-pass-1' },
    })
    expect(ok.status).toBe(204)
    expectProblem(await login('changer', 'password-123'), 401)
    expect((await login('changer', 'another-pass-1')).status).toBe(200)
  })
})

describe('wrong current passwords count toward the lockout', () => {
  test('5 wrong current passwords → 423 auth.account_locked; the right sign-in is then refused too', async () => {
    await createUser('guesser')
    const token = (await login('guesser', 'password-123')).body.accessToken
    const attempt = (currentPassword: string) =>
      h.call('POST', '/auth/password', { token, body: { currentPassword, newPassword: 'stolen-pass-1' } })
    for (let i = 1; i <= 4; i++) {
      const bad = await attempt(`wrong-${i}`)
      expect(expectProblem(bad, 400).errors?.[0]).toMatchObject({
        field: 'currentPassword',
        code: 'auth.current_password_wrong',
      })
    }
    expect(expectProblem(await attempt('wrong-5'), 423)).toMatchObject({ code: 'auth.account_locked' })
    expect(expectProblem(await login('guesser', 'password-123'), 423)).toMatchObject({
      code: 'auth.account_locked',
    })
    // Even the right current password waits for the lockout to pass.
    expectProblem(await attempt('password-123'), 423)
    const audit = await h.call('GET', '/audit?entityType=user&limit=50', { token: adminToken })
    const actions = audit.body.items
      .filter((e: ReplyBody) => e.entityTitle?.includes('guesser'))
      .map((e: ReplyBody) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['password_change_failed', 'lockout']))
  })
})

describe('rate limits', () => {
  let limited: AdminHarness
  beforeAll(async () => {
    limited = await startAdmin({
      LOGIN_RATE_LIMIT_PER_MINUTE: '5',
      LOGIN_IP_RATE_LIMIT_PER_MINUTE: '12',
      PASSWORD_CHANGE_RATE_LIMIT_PER_MINUTE: '3',
      LOCKOUT_THRESHOLD: '100',
    })
  })
  afterAll(async () => {
    await limited?.close()
  })
  const signIn = (username: string, password: string) =>
    limited.call('POST', '/auth/login', { body: { username, password } })

  test('40 refreshes in a row all succeed: refresh has its own limiter, not the sign-in one', async () => {
    let res = await signIn('admin', 'admin123')
    expect(res.status).toBe(200)
    let cookie = refreshCookie(res.headers)
    for (let i = 0; i < 40; i++) {
      res = await limited.call('POST', '/auth/refresh', { headers: { cookie: `mosaic_rt=${cookie}` } })
      expect(res.status, `refresh ${i + 1}: ${JSON.stringify(res.body)}`).toBe(200)
      cookie = refreshCookie(res.headers)
    }
  })

  test('sign-in is limited per address + username, and more loosely per address', async () => {
    for (let i = 0; i < 5; i++) expectProblem(await signIn('victim', `guess-${i}`), 401)
    expect(expectProblem(await signIn('victim', 'guess-6'), 429)).toMatchObject({
      code: 'auth.too_many_logins',
    })
    // Someone else behind the same address is not locked out by it…
    expectProblem(await signIn('colleague', 'typo'), 401)
    // …until the address as a whole goes over its own limit.
    for (let i = 0; i < 6; i++) await signIn(`user${i}`, 'x')
    expect(expectProblem(await signIn('colleague2', 'typo'), 429)).toMatchObject({
      code: 'auth.too_many_logins',
    })
  })

  test('password changes are limited per user', async () => {
    const token = await adminTokenOf()
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      const res = await limited.call('POST', '/auth/password', {
        token,
        body: { currentPassword: `wrong-${i}`, newPassword: 'whatever-123' },
      })
      statuses.push(res.status)
      if (res.status === 429) expect(res.body.code).toBe('auth.too_many_password_attempts')
    }
    expect(statuses).toEqual([400, 400, 400, 429])
  })

  /** The sign-in limiter is spent by now: a token minted the way login would. */
  async function adminTokenOf() {
    const { signAccessToken } = await import('./tokens.js')
    const { principalOf } = await import('./principals.js')
    const { UserEntity } = await import('../users/user.entity.js')
    return limited.service.db.transaction(async (m) => {
      const user = await m.getRepository(UserEntity).findOneByOrFail({ username: 'admin' })
      return signAccessToken(
        limited.service.keys,
        {
          issuer: limited.config.JWT_ISSUER,
          audience: limited.config.JWT_AUDIENCE,
          accessTtlSeconds: 300,
          refreshTtlDays: 1,
        },
        await principalOf(m, user),
      )
    })
  }
})
