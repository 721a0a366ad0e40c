import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalJWKSet } from 'jose'
import { BaseConfig } from './config.js'
import { createService } from './service.js'
import { createTokenVerifier } from './auth/verifier.js'
import { newKeyPair, startDemo, tokenMinter, type Demo, type KeyPair } from './test-support/demo-service.js'
import { createTestDatabase } from './testing.js'

const PORTAL_ISSUER = 'demo-portal'
const PORTAL_AUDIENCE = 'portal'
const CUSTOMER = '00000000-0000-4000-8000-00000000c001'

/** A portal router beside the staff API: each refuses the other's tokens, and neither's paths leak into the other. */
describe('the portal router', () => {
  let demo: Demo
  let portalKeys: KeyPair
  beforeAll(async () => {
    portalKeys = await newKeyPair()
    demo = await startDemo({
      portal: {
        verifier: () =>
          createTokenVerifier({
            issuer: PORTAL_ISSUER,
            audience: PORTAL_AUDIENCE,
            keys: createLocalJWKSet({ keys: [portalKeys.publicJwk] }),
          }),
      },
      routes: ({ api, portal }) => {
        api
          .route({
            method: 'get',
            path: '/whoami',
            summary: 'Any staff user',
            access: 'authenticated',
            handler: ({ principal }) => ({ kind: principal.kind }),
          })
          .route({
            method: 'get',
            path: '/portal-accounts',
            summary: 'A staff path that starts like the portal',
            access: 'authenticated',
            handler: () => ({ staff: true }),
          })
        portal
          .route({
            method: 'get',
            path: '/me',
            summary: 'The signed-in customer',
            access: 'portal',
            handler: ({ principal }) => ({ kind: principal.kind, customerId: principal.customerId }),
          })
          .route({
            method: 'get',
            path: '/hello',
            summary: 'Anyone',
            access: 'public',
            handler: () => ({ hello: true }),
          })
      },
    })
  })
  afterAll(() => demo?.close())

  const portalToken = (key = portalKeys.privateKey) =>
    tokenMinter(portalKeys)({
      issuer: PORTAL_ISSUER,
      audience: PORTAL_AUDIENCE,
      claims: { kind: 'portal', customer: CUSTOMER, perms: '' },
      key,
    })
  const get = async (path: string, token?: string) => {
    const res = await fetch(`${demo.base}/api/demo${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }

  it('serves a portal token on a portal route with the portal principal', async () => {
    expect(await get('/portal/me', await portalToken())).toEqual({
      status: 200,
      body: { kind: 'portal', customerId: CUSTOMER },
    })
  })

  it('refuses a portal token on every staff route (401), before any staff logic runs', async () => {
    const token = await portalToken()
    for (const path of ['/whoami', '/portal-accounts', '/no-such-route'])
      expect((await get(path, token)).status).toBe(401)
  })

  it('refuses a staff token on a portal route (401), and a staff token claiming to be a portal caller anywhere', async () => {
    expect((await get('/portal/me', await demo.token())).status).toBe(401)
    expect((await get('/portal/hello', await demo.token())).status).toBe(401)
    const staffSignedPortal = await demo.token({ claims: { kind: 'portal', customer: CUSTOMER } })
    expect((await get('/whoami', staffSignedPortal)).status).toBe(401)
    expect((await get('/portal/me', staffSignedPortal)).status).toBe(401)
  })

  it('answers public portal routes without a token, a portal-only route with 401, unknown portal paths with 404', async () => {
    expect(await get('/portal/hello')).toEqual({ status: 200, body: { hello: true } })
    expect((await get('/portal/me')).status).toBe(401)
    expect((await get('/portal/whoami')).status).toBe(404)
    expect((await get('/portal/whoami', await portalToken())).status).toBe(404)
  })

  it('keeps staff paths that merely start with "portal" on the staff side', async () => {
    expect(await get('/portal-accounts', await demo.token())).toEqual({ status: 200, body: { staff: true } })
    expect((await get('/whoami', await demo.token())).body).toEqual({ kind: 'staff' })
  })

  it('lists the portal routes apart from the staff ones', () => {
    expect(demo.service.portal.routes().map((r) => r.path)).toEqual([
      '/api/demo/portal/me',
      '/api/demo/portal/hello',
    ])
    expect(demo.service.api.routes().some((r) => r.path.includes('/portal/'))).toBe(false)
  })

  it('refuses to start with portal routes but no portal verifier', async () => {
    const testDb = await createTestDatabase()
    try {
      const config = BaseConfig.parse({ SERVICE_NAME: 'demo', MOSAIC_MODE: 'test', DATABASE_URL: testDb.url })
      await expect(
        createService({
          config,
          database: { entities: [], migrations: [] },
          verifier: () => ({ verify: () => Promise.reject(new Error('unused')) }),
          routes: ({ portal }) =>
            void portal.route({
              method: 'get',
              path: '/x',
              summary: 'x',
              access: 'public',
              handler: () => ({}),
            }),
        }),
      ).rejects.toThrow(/portal verifier/)
    } finally {
      await testDb.drop()
    }
  })
})
