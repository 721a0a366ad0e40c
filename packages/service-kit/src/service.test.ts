import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportJWK, SignJWT, UnsecuredJWT, generateKeyPair } from 'jose'
import { z } from 'zod'
import { AUDIENCE, ISSUER, KID, baseClaims, startDemo, type Demo } from './test-support/demo-service.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('createService over HTTP', () => {
  let demo: Demo

  beforeAll(async () => {
    demo = await startDemo({
      env: { BODY_LIMIT: '1kb' },
      routes: ({ api, db }) => {
        api
          .route({
            method: 'post',
            path: '/echo',
            summary: 'Echo',
            access: 'public',
            body: z.object({ text: z.string() }),
            status: 200,
            handler: ({ body }) => ({ length: body.text.length }),
          })
          .route({
            method: 'get',
            path: '/boom',
            summary: 'Fails',
            access: 'public',
            handler: () => {
              throw new Error('password=hunter2 at /srv/internal/db.ts')
            },
          })
          .route({
            method: 'get',
            path: '/db',
            summary: 'Uses the database',
            access: 'authenticated',
            handler: async () => {
              const [row] = await db.transaction((m) => m.query('SELECT 41 + 1 AS n'))
              return { n: row.n }
            },
          })
          .route({
            method: 'get',
            path: '/whoami',
            summary: 'Principal',
            access: 'authenticated',
            handler: ({ principal, requestId }) => ({ principal, requestId }),
          })
      },
    })
  })
  afterAll(async () => {
    await demo?.close()
  })

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${demo.base}${path}`, { headers })
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  const problem = async (res: Response) => {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    return (await res.json()) as Record<string, unknown>
  }

  describe('errors', () => {
    it('a body over BODY_LIMIT → 413 problem+json', async () => {
      const res = await fetch(`${demo.base}/api/demo/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x'.repeat(2048) }),
      })
      expect(res.status).toBe(413)
      expect(await problem(res)).toMatchObject({ status: 413, title: 'Payload Too Large' })
      // Just under the limit is fine.
      const ok = await fetch(`${demo.base}/api/demo/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x'.repeat(900) }),
      })
      expect(ok.status).toBe(200)
      expect(await ok.json()).toEqual({ length: 900 })
    })

    it('malformed JSON → 400 problem+json', async () => {
      const res = await fetch(`${demo.base}/api/demo/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"text": "unterminated',
      })
      expect(res.status).toBe(400)
      const body = await problem(res)
      expect(body).toMatchObject({
        status: 400,
        title: 'Malformed JSON',
        detail: 'The request body is not valid JSON.',
      })
      expect(JSON.stringify(body)).not.toContain('unterminated')
    })

    it('an unknown route → 404 problem+json, inside and outside the base path', async () => {
      for (const path of ['/api/demo/nope', '/nowhere', '/api/other/x']) {
        const res = await get(path)
        expect(res.status, path).toBe(404)
        expect(await problem(res)).toMatchObject({
          status: 404,
          title: 'Not Found',
          type: expect.stringContaining('not-found'),
        })
      }
      const res = await fetch(`${demo.base}/api/demo/echo`, { method: 'DELETE' })
      expect(res.status).toBe(404)
    })

    it('a thrown plain Error → 500 without message or stack', async () => {
      const res = await get('/api/demo/boom', { 'x-request-id': 'boom-1' })
      expect(res.status).toBe(500)
      const text = await res.text()
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(JSON.parse(text)).toEqual({
        type: 'https://mosaic-crm.dev/problems/internal-server-error',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred.',
        instance: '/api/demo/boom',
        requestId: 'boom-1',
        code: 'http.internal',
      })
      expect(text).not.toMatch(/hunter2|srv|internal\/|\bat\b|Error:/)
    })
  })

  describe('request ids', () => {
    it('echoes a well-formed X-Request-Id, in the header and in problems', async () => {
      const res = await get('/api/demo/nope', { 'x-request-id': 'req-abc_123' })
      expect(res.headers.get('x-request-id')).toBe('req-abc_123')
      expect(((await res.json()) as { requestId: string }).requestId).toBe('req-abc_123')
      const ok = await get('/healthz', { 'x-request-id': 'health-1' })
      expect(ok.headers.get('x-request-id')).toBe('health-1')
    })

    it('generates one when absent or unusable, and hands it to the handler', async () => {
      const res = await get('/api/demo/whoami', bearer(await demo.token()))
      const id = res.headers.get('x-request-id')
      expect(id).toMatch(UUID)
      expect(((await res.json()) as { requestId: string }).requestId).toBe(id)
      for (const bad of ['has space', 'x'.repeat(65), 'a;b']) {
        const r = await get('/api/demo/nope', { 'x-request-id': bad })
        expect(r.headers.get('x-request-id'), bad).toMatch(UUID)
      }
      const a = await get('/healthz')
      const b = await get('/healthz')
      expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'))
    })
  })

  describe('health', () => {
    it('/healthz and /readyz answer 200, also under the base path', async () => {
      for (const path of ['/healthz', '/api/demo/healthz']) {
        const res = await get(path)
        expect(res.status).toBe(200)
        expect(await res.json()).toEqual({ status: 'ok' })
      }
      for (const path of ['/readyz', '/api/demo/readyz']) {
        const res = await get(path)
        expect(res.status).toBe(200)
        expect(await res.json()).toEqual({ status: 'ready' })
      }
    })

    it('health and openapi need no token; routes use the database', async () => {
      expect((await get('/api/demo/openapi.json')).status).toBe(200)
      const res = await get('/api/demo/db', bearer(await demo.token()))
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ n: 42 })
    })

    it('sets security headers and hides the framework', async () => {
      const res = await get('/healthz')
      expect(res.headers.get('x-powered-by')).toBeNull()
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    })
  })

  describe('tokens', () => {
    const claims = { ...baseClaims, perms: 'admin.user:read' }

    it('a valid EdDSA token yields the principal from its claims', async () => {
      const token = await demo.token({ claims: { ...claims, dept: 'd1', scope: 'dept', roles: ['r1'] } })
      const res = await get('/api/demo/whoami', bearer(token))
      expect(res.status).toBe(200)
      expect(((await res.json()) as { principal: unknown }).principal).toMatchObject({
        userId: baseClaims.sub,
        username: 'tester',
        displayName: 'Test User',
        deptId: 'd1',
        scopeDeptIds: ['d1'],
        roles: ['r1'],
        permissions: ['admin.user.read'],
        dataScope: 'dept',
        kind: 'staff',
      })
    })

    async function expect401(token: string, detail?: RegExp) {
      const res = await get('/api/demo/whoami', bearer(token))
      expect(res.status).toBe(401)
      const body = await problem(res)
      expect(body).toMatchObject({ status: 401, title: 'Unauthorized' })
      if (detail) expect(body.detail).toMatch(detail)
      expect(JSON.stringify(body)).not.toContain('principal')
    }

    it('alg none → 401', async () => {
      const unsigned = new UnsecuredJWT(claims)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m')
        .encode()
      await expect401(unsigned, /invalid/)
      // Also with a kid, and with a forged signature part.
      const [, payload] = unsigned.split('.')
      const header = Buffer.from(JSON.stringify({ alg: 'none', kid: KID, typ: 'JWT' })).toString('base64url')
      await expect401(`${header}.${payload}.`)
      await expect401(`${header}.${payload}.AAAA`)
    })

    it('expired → 401 saying so', async () => {
      const now = Math.floor(Date.now() / 1000)
      await expect401(await demo.token({ claims, issuedAt: now - 3600, expiresAt: now - 60 }), /expired/)
    })

    it('wrong audience → 401', async () => {
      await expect401(await demo.token({ claims, audience: 'another-app' }), /aud/)
    })

    it('wrong issuer → 401', async () => {
      await expect401(await demo.token({ claims, issuer: 'evil-issuer' }), /iss/)
    })

    it('HS256 (including the public key used as an HMAC secret) → 401', async () => {
      const hmac = (secret: Uint8Array) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256', kid: KID })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(secret)
      await expect401(await hmac(new TextEncoder().encode('a-shared-secret-that-is-long-enough!!')))
      const x = String(demo.keys.publicJwk.x)
      await expect401(await hmac(new TextEncoder().encode(x)))
      await expect401(await hmac(Buffer.from(x, 'base64url')))
    })

    it('signed by another key → 401', async () => {
      const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
      await expect401(await demo.token({ claims, key: other.privateKey }))
      expect((await exportJWK(other.publicKey)).x).not.toBe(demo.keys.publicJwk.x)
    })

    it('missing exp → 401', async () => {
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: KID })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .sign(demo.keys.privateKey)
      await expect401(token)
    })

    it('garbage, tampered and non-Bearer credentials → 401', async () => {
      await expect401('not.a.jwt')
      await expect401('garbage')
      const good = await demo.token({ claims })
      const [h, p, s] = good.split('.')
      const forged = Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(p!, 'base64url').toString()),
          perms: 'admin.user:read,create,update,delete',
        }),
      ).toString('base64url')
      await expect401(`${h}.${forged}.${s}`)
      const basic = await get('/api/demo/whoami', { authorization: 'Basic dXNlcjpwdw==' })
      expect(basic.status).toBe(401)
      // The untouched token still works.
      expect((await get('/api/demo/whoami', bearer(good))).status).toBe(200)
    })
  })
})

describe('graceful shutdown', () => {
  it('finishes the request in flight, then refuses connections and closes the database', async () => {
    let entered!: () => void
    const inHandler = new Promise<void>((r) => (entered = r))
    const demo = await startDemo({
      routes: ({ api, db }) => {
        api.route({
          method: 'get',
          path: '/slow',
          summary: 'Slow',
          access: 'public',
          handler: async () => {
            entered()
            await sleep(500)
            // Still using the database after close() was called: it must not be closed yet.
            const [row] = await db.transaction((m) => m.query('SELECT 7 AS n'))
            return { done: true, n: row.n }
          },
        })
      },
    })
    try {
      // A keep-alive connection that sits idle must not hold close() open either.
      expect((await fetch(`${demo.base}/healthz`)).status).toBe(200)

      const inFlight = fetch(`${demo.base}/api/demo/slow`)
      await inHandler
      const started = Date.now()
      const closing = demo.service.close()
      await sleep(50)
      // While closing: no new connections.
      await expect(fetch(`${demo.base}/healthz`)).rejects.toThrow()

      const res = await inFlight
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ done: true, n: 7 })
      await closing
      // Soon after the last response: neither the finished request's keep-alive socket (client keeps
      // it ~4 s) nor SHUTDOWN_TIMEOUT_MS (10 s) may hold close() open.
      expect(Date.now() - started).toBeLessThan(2_500)

      await expect(fetch(`${demo.base}/healthz`)).rejects.toThrow()
      await expect(demo.service.db.ping()).rejects.toThrow()
    } finally {
      await demo.close().catch(() => {})
    }
  })
})
