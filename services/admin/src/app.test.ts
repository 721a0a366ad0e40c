import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSignedIn, type AdminHarness } from './test-support/harness.js'
import { expectProblem, type ReplyBody } from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
let origin: string

beforeAll(async () => {
  ;({ h, adminToken } = await startSignedIn())
  origin = new URL(h.base).origin
})
afterAll(() => h?.close())

describe('service surface', () => {
  test('health: /healthz and /readyz answer 200 at the origin and under the base path', async () => {
    for (const url of [`${origin}/healthz`, `${origin}/readyz`, `${h.base}/healthz`, `${h.base}/readyz`]) {
      const res = await fetch(url)
      expect(res.status, url).toBe(200)
      expect(await res.json()).toEqual({ status: url.endsWith('healthz') ? 'ok' : 'ready' })
    }
  })

  test('openapi.json lists the routes with their methods', async () => {
    const res = await fetch(`${h.base}/openapi.json`)
    expect(res.status).toBe(200)
    const doc = (await res.json()) as ReplyBody
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.paths['/api/admin/users']).toHaveProperty('get')
    expect(doc.paths['/api/admin/users']).toHaveProperty('post')
    expect(doc.paths['/api/admin/auth/login']).toHaveProperty('post')
    expect(doc.paths['/api/admin/users/{id}']).toHaveProperty('patch')
    expect(doc.paths['/api/admin/users']['post']['x-permission']).toBe('admin.user.create')
  })

  test('a body over the limit (~2 MB) → 413 problem+json, nothing stored', async () => {
    const raw = JSON.stringify({
      username: 'too_big',
      displayName: 'Big',
      password: 'password-123',
      email: null,
      phone: 'x'.repeat(2 * 1024 * 1024),
    })
    const res = await h.call('POST', '/users', { token: adminToken, raw })
    const problem = expectProblem(res, 413)
    expect(problem.title).toBe('Payload Too Large')
    const list = await h.call('GET', '/users?q=too_big', { token: adminToken })
    expect(list.body.total).toBe(0)
    // The service is fine afterwards.
    expect((await h.call('GET', '/auth/me', { token: adminToken })).status).toBe(200)
  })

  test('malformed JSON → 400 problem+json', async () => {
    const res = await h.call('POST', '/users', { token: adminToken, raw: '{"username": ' })
    expect(expectProblem(res, 400).title).toBe('Malformed JSON')
  })

  test('an unknown route → 404 problem+json', async () => {
    expectProblem(await h.call('GET', '/no-such-route', { token: adminToken }), 404)
  })

  test('responses carry the request id and security headers', async () => {
    const res = await h.call('GET', '/auth/me', {
      token: adminToken,
      headers: { 'x-request-id': 'trace-me-123' },
    })
    expect(res.headers.get('x-request-id')).toBe('trace-me-123')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-powered-by')).toBeNull()
    const problem = expectProblem(
      await h.call('GET', '/users', { headers: { 'x-request-id': 'trace-me-456' } }),
      401,
    )
    expect(problem.requestId).toBe('trace-me-456')
  })
})
