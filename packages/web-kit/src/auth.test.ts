import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setRefreshRetryDelays, useAuthStore, REFRESH_RETRY_DELAYS_MS } from './auth'
import { api } from './http'
import { json, stubFetch } from './test-utils'

const me = {
  id: 'u1',
  username: 'li',
  displayName: '李雷',
  deptId: 'd1',
  deptName: '销售一部',
  roles: ['sales'],
  permissions: ['sales.customer.read', 'sales.customer.update'],
  dataScope: 'dept',
}
const tokens = { accessToken: 'a1', tokenType: 'Bearer', expiresIn: 900, user: me }

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => vi.unstubAllGlobals())

describe('useAuthStore', () => {
  it('login stores the token in memory and derives the principal', async () => {
    const { calls } = stubFetch(() => json(200, tokens))
    const auth = useAuthStore()
    await auth.login('li', 'secret')
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: '/api/admin/auth/login',
      body: { username: 'li', password: 'secret' },
    })
    expect(auth.isAuthenticated).toBe(true)
    expect(auth.principal).toMatchObject({ userId: 'u1', deptId: 'd1', dataScope: 'dept', kind: 'staff' })
    expect(auth.can('sales.customer.update')).toBe(true)
    expect(auth.can('sales.customer.delete')).toBe(false)
    expect(auth.can(['sales.customer.delete', 'sales.customer.read'])).toBe(true)
    expect(localStorage.length).toBe(0)
  })

  it('restoreSession uses the refresh cookie once, even when called concurrently', async () => {
    const { calls } = stubFetch(() => json(200, tokens))
    const auth = useAuthStore()
    const [a, b] = await Promise.all([auth.restoreSession(), auth.restoreSession()])
    expect([a, b]).toEqual([true, true])
    expect(calls.filter((c) => c.url === '/api/admin/auth/refresh')).toHaveLength(1)
    expect(auth.user?.displayName).toBe('李雷')
  })

  it('restoreSession answers false without a session', async () => {
    stubFetch(() => json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }))
    const auth = useAuthStore()
    expect(await auth.restoreSession()).toBe(false)
    expect(auth.isAuthenticated).toBe(false)
  })

  it('logout clears the session even when the server is down', async () => {
    stubFetch(() => json(200, tokens))
    const auth = useAuthStore()
    await auth.login('li', 'secret')
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('offline')
      }),
    )
    await auth.logout()
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.principal).toBeNull()
  })

  it('changePassword posts both passwords', async () => {
    const { calls } = stubFetch(() => json(204, null))
    await useAuthStore().changePassword('old-pass', 'new-pass-123')
    expect(calls[0]).toMatchObject({
      url: '/api/admin/auth/password',
      body: { currentPassword: 'old-pass', newPassword: 'new-pass-123' },
    })
  })

  describe('a refresh the server cannot answer keeps the session', () => {
    beforeEach(() => setRefreshRetryDelays([1, 1]))
    afterEach(() => setRefreshRetryDelays(REFRESH_RETRY_DELAYS_MS))
    const problem = (status: number) => json(status, { type: 'about:blank', title: 'x', status })

    it.each([429, 502, 503])('%i from refresh: tries again, and keeps the user signed in', async (status) => {
      const auth = useAuthStore()
      auth.accessToken = 'old'
      auth.user = me as never
      const { calls } = stubFetch((c) => (c.url.endsWith('/refresh') ? problem(status) : problem(401)))
      const err = await api.get('/api/x').catch((e: unknown) => e)
      expect((err as { status: number }).status).toBe(401)
      expect(calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(3)
      expect(auth.isAuthenticated).toBe(true)
      expect(auth.accessToken).toBe('old')
    })

    it('a network error from refresh keeps the session too', async () => {
      const auth = useAuthStore()
      auth.accessToken = 'old'
      auth.user = me as never
      vi.stubGlobal(
        'fetch',
        vi.fn(async (url: string) => {
          if (String(url).endsWith('/refresh')) throw new TypeError('offline')
          return problem(401)
        }),
      )
      await api.get('/api/x').catch(() => undefined)
      expect(auth.isAuthenticated).toBe(true)
    })

    it('a 429 followed by success on a retry renews the token (page load restores the session)', async () => {
      let refreshes = 0
      stubFetch(() => (++refreshes === 1 ? problem(429) : json(200, tokens)))
      const auth = useAuthStore()
      expect(await auth.restoreSession()).toBe(true)
      expect(refreshes).toBe(2)
      expect(auth.accessToken).toBe('a1')
    })

    it('only a 401 from refresh signs out', async () => {
      const auth = useAuthStore()
      auth.accessToken = 'old'
      auth.user = me as never
      const { calls } = stubFetch(() => problem(401))
      await api.get('/api/x').catch(() => undefined)
      expect(calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(1)
      expect(auth.isAuthenticated).toBe(false)
    })
  })

  it('never sends the access token to the sign-in, refresh and sign-out endpoints', async () => {
    const { calls } = stubFetch((c) => (c.url.endsWith('/logout') ? json(204, null) : json(200, tokens)))
    const auth = useAuthStore()
    await auth.login('li', 'secret')
    await auth.restoreSession()
    auth.accessToken = 'outdated'
    await api.post('/api/admin/auth/refresh')
    await api.get('/api/admin/auth/me')
    await auth.logout()
    const byPath = (suffix: string) => calls.filter((c) => c.url.endsWith(suffix))
    for (const c of [...byPath('/login'), ...byPath('/refresh'), ...byPath('/logout')])
      expect(c.headers.Authorization).toBeUndefined()
    expect(byPath('/me')[0]!.headers.Authorization).toBe('Bearer outdated')
  })
})
