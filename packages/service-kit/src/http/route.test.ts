import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { conflict } from '../errors.js'
import { startDemo, type Demo } from '../test-support/demo-service.js'
import { parseIfMatch } from './route.js'

const ID = '3f1c6a2e-8a3b-4c5d-9e7f-0a1b2c3d4e5f'
const Label = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) })
const ThingCreate = z.strictObject({
  name: z.string().min(1).max(20),
  label: Label,
  count: z.number().int().optional(),
})

describe('ApiRouter over HTTP', () => {
  let demo: Demo
  let adminToken: string
  let plainToken: string
  let roleReaderToken: string

  beforeAll(async () => {
    demo = await startDemo({
      routes: ({ api }) => {
        api
          .route({
            method: 'get',
            path: '/public',
            summary: 'Anyone',
            access: 'public',
            handler: ({ principal }) => ({ ok: true, user: principal?.username ?? null }),
          })
          .route({
            method: 'get',
            path: '/me',
            summary: 'Who am I',
            access: 'authenticated',
            handler: ({ principal }) => ({ userId: principal.userId, perms: principal.permissions }),
          })
          .route({
            method: 'get',
            path: '/secret',
            summary: 'Needs a permission',
            tags: ['secret'],
            access: 'admin.user.read',
            handler: () => ({ secret: 42 }),
          })
          .route({
            method: 'get',
            path: '/either',
            summary: 'Needs one of two',
            access: { anyOf: ['admin.user.read', 'admin.role.read'] },
            handler: () => ({ either: true }),
          })
          .route({
            method: 'post',
            path: '/things',
            summary: 'Create a thing',
            access: 'authenticated',
            body: ThingCreate,
            response: z.object({ id: z.string(), name: z.string() }),
            handler: ({ body }) => ({ id: ID, version: 1, ...body }),
          })
          .route({
            method: 'get',
            path: '/things/:id',
            summary: 'Read a thing',
            access: 'admin.user.read',
            params: z.object({ id: z.uuid() }),
            handler: ({ params }) => ({ id: params.id, version: 7 }),
          })
          .route({
            method: 'patch',
            path: '/things/:id',
            summary: 'Update a thing',
            access: 'admin.user.update',
            params: z.object({ id: z.uuid() }),
            body: z.strictObject({ name: z.string().min(1) }),
            handler: ({ params, body, expectedVersion }) => ({
              id: params.id,
              name: body.name,
              version: expectedVersion() + 1,
            }),
          })
          .route({
            method: 'delete',
            path: '/things/:id',
            summary: 'Delete a thing',
            access: 'admin.user.delete',
            params: z.object({ id: z.uuid() }),
            handler: ({ expectedVersion }) => {
              expectedVersion()
              return undefined
            },
          })
          .route({
            method: 'get',
            path: '/search',
            summary: 'Search',
            access: 'public',
            query: z.object({ limit: z.coerce.number().int().max(100), q: z.string().optional() }),
            handler: ({ query }) => ({ limit: query.limit, q: query.q ?? null }),
          })
          .route({
            method: 'get',
            path: '/conflict',
            summary: 'Always conflicts',
            access: 'public',
            handler: () => {
              throw conflict('http.conflict', undefined, [{ field: 'name', message: 'Already used' }])
            },
          })
      },
    })
    adminToken = await demo.token({
      claims: { perms: 'admin.user:read,update,delete' },
    })
    plainToken = await demo.token()
    roleReaderToken = await demo.token({ claims: { perms: 'admin.role:read' } })
  })
  afterAll(async () => {
    await demo?.close()
  })

  const call = async (
    method: string,
    path: string,
    o: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...o.headers }
    if (o.token) headers.authorization = `Bearer ${o.token}`
    if (o.body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(`${demo.base}/api/demo${path}`, {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined }
  }

  describe('access', () => {
    it('public routes answer without a token, and see the principal when one is sent', async () => {
      expect(await call('GET', '/public')).toMatchObject({ status: 200, body: { ok: true, user: null } })
      expect(await call('GET', '/public', { token: plainToken })).toMatchObject({
        status: 200,
        body: { user: 'tester' },
      })
    })

    it('authenticated routes: 401 problem without a token, 200 with any valid token', async () => {
      const anon = await call('GET', '/me')
      expect(anon.status).toBe(401)
      expect(anon.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(anon.body).toMatchObject({
        status: 401,
        title: 'Unauthorized',
        type: expect.stringContaining('unauthorized'),
      })
      const me = await call('GET', '/me', { token: plainToken })
      expect(me).toMatchObject({
        status: 200,
        body: { userId: '00000000-0000-4000-8000-000000000001', perms: [] },
      })
    })

    it('permission routes: 401 without a token, 403 without the permission, 200 with it', async () => {
      expect((await call('GET', '/secret')).status).toBe(401)
      const denied = await call('GET', '/secret', { token: plainToken })
      expect(denied.status).toBe(403)
      expect(denied.body).toMatchObject({ status: 403, title: 'Forbidden' })
      expect(denied.body).not.toHaveProperty('secret')
      expect(await call('GET', '/secret', { token: adminToken })).toMatchObject({
        status: 200,
        body: { secret: 42 },
      })
    })

    it('anyOf: any one of the listed permissions is enough', async () => {
      expect((await call('GET', '/either')).status).toBe(401)
      expect((await call('GET', '/either', { token: plainToken })).status).toBe(403)
      expect((await call('GET', '/either', { token: roleReaderToken })).status).toBe(200)
      expect((await call('GET', '/either', { token: adminToken })).status).toBe(200)
    })

    it('checks access before validating input (no schema leaks to strangers)', async () => {
      const res = await call('PATCH', '/things/not-a-uuid', { body: { nope: 1 } })
      expect(res.status).toBe(401)
      const res2 = await call('PATCH', '/things/not-a-uuid', { token: plainToken, body: { nope: 1 } })
      expect(res2.status).toBe(403)
    })
  })

  describe('validation', () => {
    it('an invalid body → 400 problem+json with one error per field (dotted paths)', async () => {
      const res = await call('POST', '/things', {
        token: plainToken,
        body: { name: '', label: { zh: '', en: 5 }, count: 1.5 },
      })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(res.body).toMatchObject({
        status: 400,
        title: 'Validation failed',
        type: expect.any(String),
        requestId: expect.any(String),
      })
      const fields = (res.body.errors as Array<{ field: string; message: string }>).map((e) => e.field).sort()
      expect(fields).toEqual(['count', 'label.en', 'label.zh', 'name'])
      for (const e of res.body.errors) expect(e.message).toEqual(expect.any(String))
    })

    it('a missing body is validated as an empty object', async () => {
      const res = await call('POST', '/things', { token: plainToken })
      expect(res.status).toBe(400)
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['label', 'name'])
    })

    it('unknown keys in a strict body are named one by one', async () => {
      const res = await call('POST', '/things', {
        token: plainToken,
        body: { name: 'ok', label: { zh: '中', en: 'x', fr: 'y' }, id: ID, version: 3, createdAt: 'now' },
      })
      expect(res.status).toBe(400)
      const errors = res.body.errors as Array<{ field: string; message: string }>
      expect(errors.map((e) => e.field).sort()).toEqual(['createdAt', 'id', 'label.fr', 'version'])
      for (const e of errors) expect(e.message).toBe('Unknown field')
    })

    it('a valid body reaches the handler (201 for POST) with its parsed value', async () => {
      const res = await call('POST', '/things', {
        token: plainToken,
        body: { name: 'ok', label: { zh: '中', en: 'x' } },
      })
      expect(res.status).toBe(201)
      expect(res.body).toEqual({ id: ID, version: 1, name: 'ok', label: { zh: '中', en: 'x' } })
    })

    it('invalid path params are reported under params.*', async () => {
      const res = await call('GET', '/things/not-a-uuid', { token: adminToken })
      expect(res.status).toBe(400)
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['params.id'])
    })

    it('query strings are validated and coerced', async () => {
      expect(await call('GET', '/search?limit=5&q=x')).toMatchObject({
        status: 200,
        body: { limit: 5, q: 'x' },
      })
      const bad = await call('GET', '/search?limit=abc')
      expect(bad.status).toBe(400)
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit'])
      expect((await call('GET', '/search')).status).toBe(400)
    })

    it('an HttpError keeps its status, detail and field errors', async () => {
      const res = await call('GET', '/conflict')
      expect(res.status).toBe(409)
      expect(res.body).toMatchObject({
        title: 'Conflict',
        code: 'http.conflict',
        detail: 'The request conflicts with the current state.',
        errors: [{ field: 'name', message: 'Already used' }],
        instance: '/api/demo/conflict',
      })
    })
  })

  describe('versions', () => {
    it('a read sets ETag from the version and a digest of the body', async () => {
      const res = await call('GET', `/things/${ID}`, { token: adminToken })
      expect(res.status).toBe(200)
      expect(res.headers.get('etag')).toMatch(/^"7-[\w-]+"$/)
      expect(res.body.version).toBe(7)
    })

    it('If-Match missing → 428', async () => {
      const res = await call('PATCH', `/things/${ID}`, { token: adminToken, body: { name: 'n' } })
      expect(res.status).toBe(428)
      expect(res.body).toMatchObject({ status: 428, title: 'Precondition Required' })
      expect((await call('DELETE', `/things/${ID}`, { token: adminToken })).status).toBe(428)
    })

    it('If-Match malformed → 400', async () => {
      for (const value of ['abc', '"x"', '1,2', '-1', '"3" "4"']) {
        const res = await call('PATCH', `/things/${ID}`, {
          token: adminToken,
          body: { name: 'n' },
          headers: { 'if-match': value },
        })
        expect(res.status, value).toBe(400)
      }
    })

    it('If-Match accepts "3", bare 3 and W/"3"; the new version comes back as ETag', async () => {
      for (const value of ['"3"', '3', 'W/"3"', ' "3" ']) {
        const res = await call('PATCH', `/things/${ID}`, {
          token: adminToken,
          body: { name: 'n' },
          headers: { 'if-match': value },
        })
        expect(res.status, value).toBe(200)
        expect(res.body).toEqual({ id: ID, name: 'n', version: 4 })
        expect(res.headers.get('etag')).toMatch(/^"4-[\w-]+"$/)
      }
    })

    it('a handler returning undefined answers 204 with no body', async () => {
      const res = await call('DELETE', `/things/${ID}`, { token: adminToken, headers: { 'if-match': '"2"' } })
      expect(res.status).toBe(204)
      expect(res.text).toBe('')
      expect(res.headers.get('etag')).toBeNull()
    })
  })

  describe('openapi.json', () => {
    it('lists every route with its permission, security and schemas', async () => {
      const res = await fetch(`${demo.base}/api/demo/openapi.json`)
      expect(res.status).toBe(200)
      const doc = (await res.json()) as {
        openapi: string
        info: { title: string }
        paths: Record<string, Record<string, Record<string, unknown>>>
      }
      expect(doc.openapi).toBe('3.1.0')
      expect(doc.info.title).toBe('Mosaic demo API')
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          '/api/demo/conflict',
          '/api/demo/either',
          '/api/demo/me',
          '/api/demo/public',
          '/api/demo/search',
          '/api/demo/secret',
          '/api/demo/things',
          '/api/demo/things/{id}',
        ].sort(),
      )
      expect(Object.keys(doc.paths['/api/demo/things/{id}']!).sort()).toEqual(['delete', 'get', 'patch'])
      expect(doc.paths['/api/demo/secret']!.get).toMatchObject({
        'x-permission': 'admin.user.read',
        security: [{ bearer: [] }],
        tags: ['secret'],
      })
      expect(doc.paths['/api/demo/either']!.get!['x-permission']).toEqual([
        'admin.user.read',
        'admin.role.read',
      ])
      expect(doc.paths['/api/demo/me']!.get!['x-permission']).toBe('authenticated')
      expect(doc.paths['/api/demo/public']!.get!['x-permission']).toBe('public')
      expect(doc.paths['/api/demo/public']!.get!.security).toBeUndefined()
      expect(doc.paths['/api/demo/things/{id}']!.patch).toMatchObject({
        'x-permission': 'admin.user.update',
        parameters: [{ name: 'id', in: 'path', required: true }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['name'] } } },
        },
      })
      const post = doc.paths['/api/demo/things']!.post as {
        responses: Record<string, unknown>
        requestBody: unknown
      }
      expect(Object.keys(post.responses).sort()).toEqual(['201', 'default'])
      expect(JSON.stringify(post.requestBody)).toContain('"additionalProperties":false')
      expect(doc.paths['/api/demo/search']!.get!.parameters).toEqual([
        { name: 'limit', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'q', in: 'query', required: false, schema: { type: 'string' } },
      ])
    })
  })
})

describe('parseIfMatch', () => {
  it('parses versions and rejects the rest', () => {
    expect(parseIfMatch('"12"')).toBe(12)
    expect(parseIfMatch('12')).toBe(12)
    expect(parseIfMatch('W/"12"')).toBe(12)
    expect(() => parseIfMatch(undefined)).toThrow(expect.objectContaining({ status: 428 }))
    expect(() => parseIfMatch('')).toThrow(expect.objectContaining({ status: 428 }))
    expect(() => parseIfMatch('*')).toThrow(expect.objectContaining({ status: 400 }))
    expect(() => parseIfMatch('v1')).toThrow(expect.objectContaining({ status: 400 }))
  })
})
