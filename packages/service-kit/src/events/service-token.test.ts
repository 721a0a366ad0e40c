import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignJWT, UnsecuredJWT } from 'jose'
import { z } from 'zod'
import { SECRET, startNode, type EventNode } from '../test-support/event-nodes.js'
import { ServiceCallError } from './client.js'
import { SERVICE_TOKEN_AUDIENCE, signServiceToken, verifyServiceToken } from './service-token.js'

const OTHER_SECRET = 'another-installation-secret-0123456789abcdef'
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
const key = (secret: string) => new TextEncoder().encode(secret)
const hs256 = (
  claims: { iss?: string; sub?: string; aud?: string; exp?: number; iat?: number },
  secret = SECRET,
) => {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(claims.iss ?? 'sales')
    .setSubject(claims.sub ?? `service:${claims.iss ?? 'sales'}`)
    .setAudience(claims.aud ?? SERVICE_TOKEN_AUDIENCE)
    .setIssuedAt(claims.iat ?? now)
    .setExpirationTime(claims.exp ?? now + 60)
    .sign(key(secret))
}

describe('service tokens', () => {
  it('round-trip: iss is the caller, sub service:<name>, aud mosaic-internal, 60 s', async () => {
    const token = await signServiceToken(SECRET, 'sales')
    expect(await verifyServiceToken(SECRET, token)).toBe('sales')
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())
    expect(claims).toMatchObject({ iss: 'sales', sub: 'service:sales', aud: 'mosaic-internal' })
    expect(claims.exp - claims.iat).toBe(60)
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).alg).toBe('HS256')
  })

  it('refuses another secret, expiry, another audience, a mismatched subject, alg none', async () => {
    const past = Math.floor(Date.now() / 1000) - 300
    const cases: [string, Promise<string>][] = [
      ['other secret', signServiceToken(OTHER_SECRET, 'sales')],
      ['expired', hs256({ iat: past, exp: past + 60 })],
      ['audience', hs256({ aud: 'mosaic' })],
      ['subject', hs256({ sub: 'service:admin' })],
      ['none', Promise.resolve(new UnsecuredJWT({ sub: 'service:sales' }).setIssuer('sales').encode())],
    ]
    for (const [what, token] of cases) {
      await expect(verifyServiceToken(SECRET, await token), what).rejects.toMatchObject({ status: 401 })
    }
    await expect(verifyServiceToken(SECRET, await cases[1]![1])).rejects.toThrow('expired')
  })
})

describe('internal routes', () => {
  let node: EventNode
  let bare: EventNode

  beforeAll(async () => {
    node = await startNode({
      name: 'admin',
      routes: ({ api, internal }) => {
        internal.route({
          method: 'get',
          path: '/echo',
          summary: 'Echo for tests',
          access: 'service',
          query: z.object({ n: z.coerce.number().int() }),
          handler: ({ query, caller, principal }) => ({ n: query.n, caller, principal: principal ?? null }),
        })
        internal.route({
          method: 'get',
          path: '/slow',
          summary: 'Answers late',
          access: 'service',
          handler: () => new Promise((r) => setTimeout(() => r({ late: true }), 500)),
        })
        api.route({
          method: 'get',
          path: '/me',
          summary: 'Who am I',
          access: 'authenticated',
          handler: ({ principal }) => ({ userId: principal.userId }),
        })
      },
    })
    bare = await startNode({ name: 'admin', env: { SERVICE_SECRET: undefined } })
  })
  afterAll(async () => {
    await node?.close()
    await bare?.close()
  })

  const get = (base: string, path: string, token?: string) =>
    fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

  it('accept a valid service token, with zod validation', async () => {
    const ok = await get(node.base, '/api/admin/internal/echo?n=7', await signServiceToken(SECRET, 'sales'))
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ n: 7, caller: 'sales', principal: null })
    const bad = await get(node.base, '/api/admin/internal/echo?n=x', await signServiceToken(SECRET, 'sales'))
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'n' }] })
  })

  it('reject no token, a user token, another secret, an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 300
    const userToken = await node.token()
    const tokens = {
      none: undefined,
      user: userToken,
      'other secret': await signServiceToken(OTHER_SECRET, 'sales'),
      expired: await hs256({ iat: past, exp: past + 60 }),
    }
    for (const [what, token] of Object.entries(tokens)) {
      const res = await get(node.base, '/api/admin/internal/echo?n=1', token)
      expect(res.status, what).toBe(401)
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    }
    // The user token itself is fine where user tokens belong.
    expect((await get(node.base, '/api/admin/me', userToken)).status).toBe(200)
  })

  it('a service token never becomes a user principal on public routes', async () => {
    const res = await get(node.base, '/api/admin/me', await signServiceToken(SECRET, 'sales'))
    expect(res.status).toBe(401)
  })

  it('unknown internal paths answer 404 only to services; internal routes stay out of the OpenAPI', async () => {
    expect((await get(node.base, '/api/admin/internal/nope')).status).toBe(401)
    const token = await signServiceToken(SECRET, 'sales')
    expect((await get(node.base, '/api/admin/internal/nope', token)).status).toBe(404)
    const doc = JSON.stringify(await (await get(node.base, '/api/admin/openapi.json')).json())
    expect(doc).toContain('/api/admin/me')
    expect(doc).not.toContain('internal')
  })

  it('without SERVICE_SECRET: 503 "not configured", no dispatcher', async () => {
    const res = await get(bare.base, '/api/admin/internal/events', await signServiceToken(SECRET, 'sales'))
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({
      status: 503,
      code: 'service.calls_unconfigured',
    })
    expect(bare.service.events.dispatcher).toBeNull()
    await expect(bare.service.events.flush()).rejects.toThrow(/SERVICE_SECRET/)
    await expect(bare.parts.serviceClient.internalFetch('sales', '/x')).rejects.toThrow(/not configured/)
  })

  describe('internalFetch', () => {
    let caller: EventNode
    beforeAll(async () => {
      caller = await startNode({ name: 'sales', env: { ADMIN_SERVICE_URL: `${node.base}/` } })
    })
    afterAll(async () => {
      await caller?.close()
    })

    it('calls a peer with a fresh service token and returns the parsed JSON', async () => {
      expect(caller.parts.serviceClient.peers).toEqual(['admin'])
      expect(await caller.parts.serviceClient.internalFetch('admin', '/echo?n=3')).toEqual({
        n: 3,
        caller: 'sales',
        principal: null,
      })
    })

    it('throws a clear ServiceCallError on non-2xx, timeout, unreachable and unknown peers', async () => {
      const client = caller.parts.serviceClient
      const notFound = await client.internalFetch('admin', '/nope').catch((e: unknown) => e)
      expect(notFound).toBeInstanceOf(ServiceCallError)
      expect(notFound).toMatchObject({ peer: 'admin', status: 404 })
      expect((notFound as Error).message).toMatch(
        /^admin answered 404 to GET http:.*\/api\/admin\/internal\/nope: No route/,
      )
      await expect(client.internalFetch('admin', '/slow', { timeoutMs: 50 })).rejects.toThrow(
        /admin unreachable: .* no answer within 50 ms/,
      )
      await expect(client.internalFetch('finance', '/x')).rejects.toThrow(
        'no URL configured for finance (FINANCE_SERVICE_URL)',
      )
      const port = await closedPort()
      const down = await startNode({ name: 'sales', env: { ADMIN_SERVICE_URL: `http://127.0.0.1:${port}` } })
      try {
        await expect(down.parts.serviceClient.internalFetch('admin', '/echo?n=1')).rejects.toThrow(
          `admin unreachable: GET http://127.0.0.1:${port}/api/admin/internal/echo?n=1: ECONNREFUSED`,
        )
      } finally {
        await down.close()
      }
    })
  })
})
