import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError, api, buildQuery, createApiClient, fileNameOf } from './http'
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

  it('uploads a file as the raw body with its type, sending it again after a refresh', async () => {
    const auth = useAuthStore()
    auth.accessToken = 'old'
    const file = new File(['%PDF-1.7 body'], '合同.pdf', { type: 'application/pdf' })
    const { calls, fn } = stubFetch((call) => {
      if (call.url.endsWith('/auth/refresh'))
        return json(200, { accessToken: 'new', tokenType: 'Bearer', expiresIn: 900, user: me })
      return call.headers.Authorization === 'Bearer new'
        ? json(201, { id: 'a1', name: '合同.pdf' })
        : json(401, { title: 'Unauthorized', status: 401, type: 'about:blank' })
    })
    const headers = { 'X-File-Name': encodeURIComponent(file.name) }
    await expect(api.upload('/api/sales/attachments', file, { headers })).resolves.toEqual({
      id: 'a1',
      name: '合同.pdf',
    })
    const uploads = calls.filter((c) => c.url === '/api/sales/attachments')
    expect(uploads).toHaveLength(2)
    expect(uploads[1].headers).toMatchObject({
      'Content-Type': 'application/pdf',
      'X-File-Name': '%E5%90%88%E5%90%8C.pdf',
      Authorization: 'Bearer new',
    })
    const sent = fn.mock.calls
      .filter(([url]) => url === '/api/sales/attachments')
      .map(([, init]) => init?.body)
    expect(sent).toEqual([file, file])
  })

  it('downloads bytes as a Blob and reports a problem answer as an ApiError', async () => {
    useAuthStore().accessToken = 'tok'
    const { calls } = stubFetch((call) =>
      call.url.endsWith('/a1')
        ? new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } })
        : json(404, { title: 'Not Found', status: 404, type: 'about:blank' }, 'application/problem+json'),
    )
    const blob = await api.blob('/api/sales/attachments/a1')
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3])
    expect(calls[0].headers).toMatchObject({ Accept: '*/*', Authorization: 'Bearer tok' })
    const err = await api.blob('/api/sales/attachments/zz').catch((e: unknown) => e)
    expect((err as ApiError).status).toBe(404)
  })

  it('downloads a file with the name its Content-Disposition gives (UTF-8 form first)', async () => {
    useAuthStore().accessToken = 'tok'
    const disposition = `attachment; filename="customers.xlsx"; filename*=UTF-8''${encodeURIComponent('客户.xlsx')}`
    const { calls } = stubFetch(
      () => new Response(new Uint8Array([7]), { headers: { 'content-disposition': disposition } }),
    )
    const file = await api.download('/api/sales/customers/export', { query: { format: 'xlsx', q: 'a' } })
    expect(file.fileName).toBe('客户.xlsx')
    expect([...new Uint8Array(await file.blob.arrayBuffer())]).toEqual([7])
    expect(calls[0]).toMatchObject({
      url: '/api/sales/customers/export?format=xlsx&q=a',
      headers: { Authorization: 'Bearer tok' },
    })
    expect(fileNameOf('attachment; filename="a b.csv"')).toBe('a b.csv')
    expect(fileNameOf('attachment; filename=plain.csv')).toBe('plain.csv')
    expect(fileNameOf(null)).toBeNull()
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

describe('createApiClient with its own token', () => {
  it('sends that token, not the staff one, and reports a 401 on a signed call', async () => {
    useAuthStore().accessToken = 'staff'
    const ended = vi.fn()
    const client = createApiClient({ token: () => 'portal-1', onUnauthorized: ended })
    const { calls } = stubFetch((call) =>
      call.url.endsWith('/gone')
        ? json(401, { title: 'Unauthorized', status: 401, type: 'about:blank', code: 'auth.token_expired' })
        : json(200, { ok: true }),
    )
    await expect(client.get('/api/tickets/portal/me')).resolves.toEqual({ ok: true })
    expect(calls[0].headers.Authorization).toBe('Bearer portal-1')
    await expect(client.get('/api/tickets/portal/gone')).rejects.toMatchObject({ status: 401 })
    expect(ended).toHaveBeenCalledOnce()
    expect(ended.mock.calls[0][0]).toBeInstanceOf(ApiError)
    // No refresh was attempted: the two calls are all there is.
    expect(calls.map((c) => c.url)).toEqual(['/api/tickets/portal/me', '/api/tickets/portal/gone'])
  })

  it('leaves an unsigned call’s 401 (wrong password at login) to the caller', async () => {
    const ended = vi.fn()
    const client = createApiClient({ token: () => null, onUnauthorized: ended })
    const { calls } = stubFetch(() => json(401, { title: 'Unauthorized', status: 401, type: 'about:blank' }))
    await expect(client.post('/api/tickets/portal/auth/login', { account: 'a' })).rejects.toMatchObject({
      status: 401,
    })
    expect(calls[0].headers.Authorization).toBeUndefined()
    expect(ended).not.toHaveBeenCalled()
  })
})
