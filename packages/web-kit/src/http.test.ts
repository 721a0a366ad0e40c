import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError, api, buildQuery } from './http'
import { useAuthStore } from './auth'
import { fieldErrorsOf, messageOf } from './errors'
import { json, stubFetch } from './test-utils'

const me = {
  id: 'u1',
  username: 'admin',
  displayName: 'Admin',
  deptId: null,
  deptName: null,
  roles: ['admin'],
  permissions: ['admin.user.read'],
  dataScope: 'all',
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => vi.unstubAllGlobals())

describe('api', () => {
  it('sends If-Match with the quoted version, JSON body and the bearer token', async () => {
    const auth = useAuthStore()
    auth.accessToken = 'tok'
    const { calls } = stubFetch(() => json(200, { id: 'x', version: 4 }))
    await api.patch('/api/admin/users/x', { displayName: 'B' }, { ifMatch: 3 })
    expect(calls[0].method).toBe('PATCH')
    expect(calls[0].headers['If-Match']).toBe('"3"')
    expect(calls[0].headers.Authorization).toBe('Bearer tok')
    expect(calls[0].headers['Content-Type']).toBe('application/json')
    expect(calls[0].body).toEqual({ displayName: 'B' })
  })

  it('serialises query params, skipping empty values and repeating arrays', () => {
    expect(buildQuery({ limit: 20, cursor: undefined, q: '', status: ['a', 'b'], x: null })).toBe(
      '?limit=20&status=a&status=b',
    )
  })

  it('returns undefined for 204', async () => {
    stubFetch(() => json(204, null))
    await expect(api.delete('/api/admin/users/x', { ifMatch: 1 })).resolves.toBeUndefined()
  })

  it('on concurrent 401s refreshes once and retries each request with the new token', async () => {
    const auth = useAuthStore()
    auth.accessToken = 'old'
    let refreshes = 0
    const { calls } = stubFetch(async (call) => {
      if (call.url.endsWith('/auth/refresh')) {
        refreshes++
        await new Promise((r) => setTimeout(r, 20))
        return json(200, { accessToken: 'new', tokenType: 'Bearer', expiresIn: 900, user: me })
      }
      return call.headers.Authorization === 'Bearer new'
        ? json(200, { url: call.url })
        : json(401, { title: 'Unauthorized', status: 401, type: 'about:blank' })
    })
    const results = await Promise.all([api.get('/api/a'), api.get('/api/b'), api.get('/api/c')])
    expect(results).toEqual([{ url: '/api/a' }, { url: '/api/b' }, { url: '/api/c' }])
    expect(refreshes).toBe(1)
    expect(auth.accessToken).toBe('new')
    expect(auth.user?.username).toBe('admin')
    expect(calls.filter((c) => !c.url.endsWith('/refresh'))).toHaveLength(6)
  })

  it('gives up after one failed refresh and clears the session', async () => {
    const auth = useAuthStore()
    auth.accessToken = 'old'
    auth.user = me as never
    const { calls } = stubFetch(() => json(401, { title: 'Unauthorized', status: 401, type: 'about:blank' }))
    const err = await api.get('/api/x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).status).toBe(401)
    expect(calls.map((c) => c.url)).toEqual(['/api/x', '/api/admin/auth/refresh'])
    expect(auth.isAuthenticated).toBe(false)
  })

  it('does not try to refresh when login itself answers 401', async () => {
    const auth = useAuthStore()
    const { calls } = stubFetch(() =>
      json(401, { title: 'Bad credentials', status: 401, type: 'about:blank' }),
    )
    await expect(auth.login('a', 'b')).rejects.toBeInstanceOf(ApiError)
    expect(calls).toHaveLength(1)
  })
})

describe('ApiError', () => {
  const problem = {
    type: 'https://mosaic.dev/problems/validation',
    title: 'Validation failed',
    status: 400,
    detail: 'Some fields are invalid',
    requestId: 'r1',
    errors: [
      { field: 'username', message: 'already taken' },
      { field: 'label.zh', message: 'required' },
      { field: 'username', message: 'second message is ignored' },
    ],
  }

  it('maps problem+json field errors by path', async () => {
    stubFetch(() => json(400, problem, 'application/problem+json'))
    const err = await api.post('/api/admin/users', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).fieldErrors).toEqual({ username: 'already taken', 'label.zh': 'required' })
    expect(fieldErrorsOf(err)).toEqual({ username: 'already taken', 'label.zh': 'required' })
    expect(messageOf(err)).toBe('Some fields are invalid')
  })

  it('turns a non-JSON error page into a status-based problem', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const err = (await api.get('/api/x').catch((e: unknown) => e)) as ApiError
    expect(err.status).toBe(502)
    expect(messageOf(err, (k) => `t:${k}`)).toBe('t:errors.server')
    expect(fieldErrorsOf(err)).toEqual({})
  })

  it('reports network failures as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    const err = (await api.get('/api/x').catch((e: unknown) => e)) as ApiError
    expect(err.status).toBe(0)
    expect(messageOf(err, (k) => k)).toBe('errors.network')
  })

  it('messageOf handles plain errors and unknowns', () => {
    expect(messageOf(new Error('boom'))).toBe('boom')
    expect(messageOf(42, (k) => k)).toBe('errors.unknown')
    expect(fieldErrorsOf(new Error('x'))).toEqual({})
  })
})
