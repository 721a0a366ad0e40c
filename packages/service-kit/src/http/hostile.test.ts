import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { IsoDate } from '@mosaic/schemas'
import { startDemo, type Demo } from '../test-support/demo-service.js'
import { sensitiveRateLimit } from './rate-limit.js'

const ID = '3f1c6a2e-8a3b-4c5d-9e7f-0a1b2c3d4e5f'

/** The kit's HTTP rules every service inherits: hostile input, body rules, caching, client address. */
describe('kit HTTP rules', () => {
  let demo: Demo
  let token: string
  let derived = 'first'

  beforeAll(async () => {
    demo = await startDemo({
      env: { TRUSTED_PROXY: '10.9.9.9', MAX_HEADER_BYTES: '8192' },
      routes: ({ api, db }) => {
        const limiter = sensitiveRateLimit({ perMinute: 5 })
        api
          .route({
            method: 'post',
            path: '/notes',
            summary: 'Takes JSON',
            access: 'authenticated',
            body: z.object({ text: z.string().max(50_000).optional(), meta: z.unknown().optional() }),
            handler: ({ body }) => ({ got: body.text ?? null }),
          })
          .route({
            method: 'post',
            path: '/sweep',
            summary: 'Takes no body',
            access: 'authenticated',
            status: 200,
            handler: () => ({ swept: true }),
          })
          .route({
            method: 'get',
            path: '/notes/:id',
            summary: 'An id in the path, no params schema',
            access: 'authenticated',
            handler: ({ params }) => ({ id: (params as { id: string }).id, version: 3, derived }),
          })
          .route({
            method: 'get',
            path: '/kinds/:kindId',
            summary: 'A code that happens to end in Id',
            access: 'authenticated',
            textParams: ['kindId'],
            handler: ({ params }) => ({ kind: (params as { kindId: string }).kindId }),
          })
          .route({
            method: 'get',
            path: '/search',
            summary: 'Query params',
            access: 'authenticated',
            query: z.object({ q: z.string().optional(), on: IsoDate.optional() }),
            handler: ({ query }) => ({ q: query.q ?? null }),
          })
          .route({
            method: 'post',
            path: '/token',
            summary: 'A token answer',
            access: 'public',
            status: 200,
            cache: 'no-store',
            middleware: [limiter],
            handler: () => ({ accessToken: 'x', version: 1 }),
          })
          .route({
            method: 'get',
            path: '/unstorable',
            summary: 'A value the schemas let through and Postgres refuses',
            access: 'public',
            handler: () => db.transaction((m) => m.query(`SELECT '0000-01-01'::date`)),
          })
      },
    })
    token = await demo.token()
  })
  afterAll(async () => {
    await demo?.close()
  })

  const send = async (
    method: string,
    path: string,
    o: { body?: string; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${demo.base}/api/demo${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...o.headers },
      body: o.body,
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined }
  }
  const json = { 'content-type': 'application/json' }

  describe('hostile input is a 400 naming the field', () => {
    it('NUL and lone surrogates in the body, query and path', async () => {
      for (const text of ['a\u0000b', '\ud800', 'x\udc00y']) {
        const res = await send('POST', '/notes', { body: JSON.stringify({ text }), headers: json })
        expect(res.status, JSON.stringify(text)).toBe(400)
        expect(res.body.errors).toMatchObject([{ field: 'text', code: 'validation.invalid_characters' }])
      }
      // Escaped in JSON source too, and deep inside an untyped field.
      const deep = await send('POST', '/notes', { body: '{"meta":{"a":["ok","\\ud800"]}}', headers: json })
      expect(deep.body.errors).toMatchObject([{ field: 'meta.a.1', code: 'validation.invalid_characters' }])
      const query = await send('GET', '/search?q=a%00b')
      expect(query.status).toBe(400)
      expect(query.body.errors).toMatchObject([{ field: 'q', code: 'validation.invalid_characters' }])
      const kind = await send('GET', '/kinds/a%00b')
      expect(kind.body.errors).toMatchObject([
        { field: 'params.kindId', code: 'validation.invalid_characters' },
      ])
      // A well-formed pair is fine.
      expect(
        (await send('POST', '/notes', { body: JSON.stringify({ text: '😀' }), headers: json })).status,
      ).toBe(201)
    })

    it('prototype keys, deep nesting and oversized strings', async () => {
      const proto = await send('POST', '/notes', { body: '{"meta":{"__proto__":{"x":1}}}', headers: json })
      expect(proto.body.errors).toMatchObject([{ field: 'meta.__proto__', code: 'validation.forbidden_key' }])
      const nested = JSON.stringify({ meta: JSON.parse('['.repeat(40) + ']'.repeat(40)) })
      const deep = await send('POST', '/notes', { body: nested, headers: json })
      expect(deep.status).toBe(400)
      expect(deep.body.errors[0].code).toBe('validation.too_deep')
      const huge = await send('POST', '/notes', {
        body: JSON.stringify({ meta: 'x'.repeat(200_000) }),
        headers: json,
      })
      expect(huge.body.errors).toMatchObject([{ field: 'meta', code: 'validation.too_long' }])
    })

    it('record ids in the path are UUIDs unless the route says otherwise', async () => {
      const res = await send('GET', '/notes/not-a-uuid')
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({
        code: 'http.validation_failed',
        errors: [{ field: 'params.id', code: 'validation.id' }],
      })
      expect((await send('GET', `/notes/${ID}`)).status).toBe(200)
      expect((await send('GET', '/kinds/industry')).body).toEqual({ kind: 'industry' })
    })

    it('dates outside 1900–9999', async () => {
      const res = await send('GET', '/search?on=0000-01-01')
      expect(res.status).toBe(400)
      expect(res.body.errors).toMatchObject([
        {
          field: 'on',
          code: 'validation.date_out_of_range',
          params: { min: '1900-01-01', max: '9999-12-31' },
        },
      ])
      expect((await send('GET', '/search?on=2024-02-29')).status).toBe(200)
    })

    it('a database data exception that still gets through is a 400, not a 500', async () => {
      const res = await send('GET', '/unstorable')
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
      expect(res.body.code).toBe('http.value_not_storable')
    })
  })

  describe('body rules', () => {
    it('a body that is not JSON on a JSON route → 415', async () => {
      const res = await send('POST', '/notes', { body: 'text=1', headers: { 'content-type': 'text/plain' } })
      expect(res.status).toBe(415)
      expect(res.body.code).toBe('http.unsupported_media_type')
      const form = await send('POST', '/notes', {
        body: 'text=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      expect(form.status).toBe(415)
    })

    it('a body on a route that takes none → 400; no body is fine', async () => {
      const res = await send('POST', '/sweep', {
        body: 'olderThanDays=0',
        headers: { 'content-type': 'text/plain' },
      })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('http.body_not_allowed')
      expect((await send('POST', '/sweep', { body: '{}', headers: json })).body.code).toBe(
        'http.body_not_allowed',
      )
      expect((await send('POST', '/sweep')).status).toBe(200)
    })

    it('malformed JSON → 400 http.malformed_json', async () => {
      const res = await send('POST', '/notes', { body: '{"text": ', headers: json })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('http.malformed_json')
    })
  })

  describe('caching', () => {
    it('JSON answers are private, no-cache with an ETag covering the whole body', async () => {
      derived = 'first'
      const first = await send('GET', `/notes/${ID}`)
      expect(first.headers.get('cache-control')).toBe('private, no-cache')
      const etag = first.headers.get('etag')!
      expect(etag).toMatch(/^"3-[\w-]+"$/)
      expect((await send('GET', `/notes/${ID}`, { headers: { 'if-none-match': etag } })).status).toBe(304)
      expect((await send('GET', `/notes/${ID}`, { headers: { 'if-none-match': `W/${etag}` } })).status).toBe(
        304,
      )
      // Same version, different visible field: a new ETag, and the old one no longer matches.
      derived = 'second'
      const second = await send('GET', `/notes/${ID}`, { headers: { 'if-none-match': etag } })
      expect(second.status).toBe(200)
      expect(second.body.derived).toBe('second')
      expect(second.headers.get('etag')).not.toBe(etag)
    })

    it("cache: 'no-store' routes answer no-store and carry no ETag", async () => {
      const res = await send('POST', '/token', { headers: { 'x-forwarded-for': '203.0.113.1' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('etag')).toBeNull()
    })

    it('If-Match must be a version number', async () => {
      const { parseIfMatch } = await import('./route.js')
      expect(parseIfMatch('"3-abcDEF_-"')).toBe(3)
      for (const bad of ['"1.5"', '"99999999999"', '"0"', '"x"'])
        expect(() => parseIfMatch(bad), bad).toThrow(
          expect.objectContaining({ code: 'http.if_match_invalid' }),
        )
    })
  })

  it('a spoofed X-Forwarded-For from an untrusted peer does not reset a rate limit', async () => {
    // The test client is not the trusted proxy (TRUSTED_PROXY=10.9.9.9), so the header is ignored.
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      const res = await send('POST', '/token', { headers: { 'x-forwarded-for': `198.51.100.${i}` } })
      statuses.push(res.status)
    }
    expect(statuses.slice(-2)).toEqual([429, 429])
  })

  it('a request head over the limit → 431 problem+json, not a dropped socket', async () => {
    const port = Number(new URL(demo.base).port)
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET /api/demo/search HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
      })
      let data = ''
      socket.on('data', (chunk) => (data += chunk))
      socket.on('end', () => resolve(data))
      socket.on('error', (error) => (data ? resolve(data) : reject(error)))
    })
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(answer).toMatch(/content-type: application\/problem\+json/i)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 431,
      code: 'http.headers_too_large',
    })
  })
})

describe('assertHostileInputRefused', () => {
  let demo: Demo
  let token: string
  beforeAll(async () => {
    demo = await startDemo({
      routes: ({ api, db }) => {
        api
          .route({
            method: 'post',
            path: '/echo/:id',
            summary: 'Stores text the kit has checked',
            access: 'authenticated',
            body: z.object({ name: z.string().max(40), on: IsoDate.optional() }),
            handler: ({ body }) =>
              db.transaction(async (m) => {
                const [row] = await m.query('SELECT $1::varchar(40) AS name, $2::date AS on', [
                  body.name,
                  body.on ?? null,
                ])
                return row
              }),
          })
          .route({
            method: 'get',
            path: '/count',
            summary: 'A schema without a bound: 2^31 reaches an int4 cast',
            access: 'authenticated',
            query: z.object({ n: z.coerce.number().int().optional() }),
            handler: ({ query }) => db.transaction((m) => m.query('SELECT $1::int AS n', [query.n ?? 0])),
          })
      },
    })
    token = await demo.token()
  })
  afterAll(async () => {
    await demo?.close()
  })

  it('passes routes that refuse hostile input and reports the one that reaches the database', async () => {
    const { findHostileInputFailures } = await import('../testing-hostile.js')
    const routes = demo.service.api.routes()
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'post /api/demo/echo/:id',
      'get /api/demo/count',
    ])
    const failures = await findHostileInputFailures({ origin: demo.base, routes, token, runs: 40 })
    expect(failures.filter((f) => f.route.includes('/echo'))).toEqual([])
    expect(failures.length).toBeGreaterThan(0)
    expect(
      failures.every(
        (f) => f.route === 'GET /api/demo/count' && f.reason === 'reached the database safety net',
      ),
    ).toBe(true)
  })
})
