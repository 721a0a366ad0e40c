import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ADMIN } from './modules/init/init.service.js'
import { startAdmin, type AdminHarness } from './test-support/harness.js'

/** The kit's HTTP rules on admin's token endpoints (see docs/api-conventions.md). */
describe('admin HTTP rules', () => {
  let h: AdminHarness
  let token: string
  beforeAll(async () => {
    // The test client is not the gateway: its X-Forwarded-For must count for nothing.
    h = await startAdmin({ LOGIN_RATE_LIMIT_PER_MINUTE: '30', TRUSTED_PROXY: '192.0.2.1' })
    token = await h.login()
  })
  afterAll(() => h?.close())

  it('token answers (login, refresh) are no-store and carry no ETag', async () => {
    const login = await h.call('POST', '/auth/login', { body: DEMO_ADMIN })
    expect(login.status).toBe(200)
    expect(login.headers.get('cache-control')).toBe('no-store')
    expect(login.headers.get('etag')).toBeNull()
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const refresh = await h.call('POST', '/auth/refresh', { headers: { cookie } })
    expect(refresh.status).toBe(200)
    expect(refresh.headers.get('cache-control')).toBe('no-store')
    expect(refresh.headers.get('etag')).toBeNull()
  })

  it('a spoofed X-Forwarded-For does not reset the login limit', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 40; i++) {
      const res = await h.call('POST', '/auth/login', {
        body: { username: 'nobody', password: 'wrong-password' },
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      })
      statuses.push(res.status)
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(8)
    expect(statuses.at(-1)).toBe(429)
  })

  it('a dictionary entry is found only under its own type (nested record routes check the parent)', async () => {
    const all = await h.call('GET', '/dictionaries', { token })
    const type = all.body.types.find((t: { entries: unknown[] }) => t.entries.length > 0)
    const entry = type.entries[0]
    const own = await h.call('GET', `/dictionaries/${type.code}/entries/${entry.id}`, { token })
    expect(own.status).toBe(200)
    for (const [method, suffix] of [
      ['GET', ''],
      ['GET', '/audit'],
      ['GET', '/versions'],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/restore'],
    ] as const) {
      const res = await h.call(method, `/dictionaries/junk/entries/${entry.id}${suffix}`, {
        token,
        headers: { 'if-match': `"${own.body.version}"` },
        ...(method === 'PATCH' ? { body: { enabled: false } } : {}),
      })
      expect(res.status, `${method} ${suffix}`).toBe(404)
    }
    expect((await h.call('GET', `/dictionaries/${type.code}/entries/${entry.id}`, { token })).body).toEqual(
      own.body,
    )
  })
})
