import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore } from './auth'
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
})
