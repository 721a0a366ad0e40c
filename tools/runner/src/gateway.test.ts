import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import http from 'node:http'
import net from 'node:net'
import fs from 'node:fs'
import { createGateway, isInternalApiPath } from './gateway.mjs'
import {
  deadPort,
  oversizedHead,
  rawExchange,
  request,
  startUpstream,
  tmpDir,
  removeTmpDirs,
} from './test-helpers.ts'

type Seen = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }

describe('gateway', () => {
  const seen: Record<string, Seen[]> = { api: [], remote: [], shell: [] }
  const upstreams: Array<Awaited<ReturnType<typeof startUpstream>>> = []
  let gw: Awaited<ReturnType<typeof createGateway>>

  function recorder(
    name: string,
    respond: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void,
  ) {
    return (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString()
        seen[name].push({ method: req.method, url: req.url, headers: req.headers, body })
        respond(req, res, body)
      })
    }
  }

  beforeAll(async () => {
    const api = await startUpstream(
      recorder('api', (req, res, body) => {
        if (req.url === '/api/admin/crash-mid-body') {
          res.writeHead(200, { 'content-type': 'text/plain' })
          res.write('partial')
          return setTimeout(() => res.socket?.destroy(), 20)
        }
        res.setHeader('Set-Cookie', ['refresh=abc; HttpOnly; Path=/api/admin', 'csrf=def; Path=/'])
        res.writeHead(201, { 'content-type': 'application/json', etag: '"v2"' })
        res.end(JSON.stringify({ echo: body.length }))
      }),
    )
    const remote = await startUpstream(recorder('remote', (_req, res) => res.end('remote-file')))
    const shell = await startUpstream(recorder('shell', (_req, res) => res.end('shell-file')))
    upstreams.push(api, remote, shell)
    const down = await deadPort()
    gw = await createGateway({
      port: 0,
      remotesJson: { remotes: [{ name: 'admin', entry: '/remotes/admin/remoteEntry.js' }] },
      routes: [
        { name: 'admin', prefix: '/api/admin/', target: `http://localhost:${api.port}`, kind: 'api' },
        { name: 'sales', prefix: '/api/sales/', target: `http://localhost:${down}`, kind: 'api' },
        {
          name: 'admin',
          prefix: '/remotes/admin/',
          target: `http://localhost:${remote.port}`,
          kind: 'remote',
        },
        { name: 'sales', prefix: '/remotes/sales/', target: `http://localhost:${down}`, kind: 'remote' },
        { name: 'shell', prefix: '/', target: `http://localhost:${shell.port}`, kind: 'app' },
      ],
    })
  })
  afterAll(async () => {
    await gw.close()
    await Promise.all(upstreams.map((u) => u.close()))
  })
  afterEach(() => Object.values(seen).forEach((list) => (list.length = 0)))

  it('forwards /api/<service>/ unchanged with request headers and streams the body', async () => {
    const big = 'x'.repeat(2_000_000)
    const res = await request(gw.port, '/api/admin/users/7?expand=roles&q=%20a', {
      method: 'PATCH',
      headers: {
        host: 'localhost:8080',
        authorization: 'Bearer t0k',
        cookie: 'refresh=abc; csrf=def',
        'if-match': '"v1"',
        'content-type': 'application/json',
        'x-forwarded-for': '10.9.8.7',
      },
      body: big,
    })
    expect(res.status).toBe(201)
    expect(JSON.parse(res.body)).toEqual({ echo: big.length })
    const got = seen.api[0]
    expect(got.method).toBe('PATCH')
    expect(got.url).toBe('/api/admin/users/7?expand=roles&q=%20a')
    expect(got.headers.authorization).toBe('Bearer t0k')
    expect(got.headers.cookie).toBe('refresh=abc; csrf=def')
    expect(got.headers['if-match']).toBe('"v1"')
    expect(got.headers.host).toBe('localhost:8080')
    // Overwritten with the peer the gateway saw: a client cannot claim another address.
    expect(got.headers['x-forwarded-for']).toBe('127.0.0.1')
    expect(got.headers['x-forwarded-proto']).toBe('http')
    expect(got.headers['x-forwarded-host']).toBe('localhost:8080')
  })

  it('a spoofed X-Forwarded-For never reaches a service: 40 rotating claims, one address', async () => {
    for (let i = 0; i < 40; i++) {
      await request(gw.port, '/api/admin/auth/login', {
        method: 'POST',
        headers: { 'x-forwarded-for': `198.51.100.${i}`, 'content-type': 'application/json' },
        body: '{}',
      })
    }
    expect(new Set(seen.api.map((s) => s.headers['x-forwarded-for']))).toEqual(new Set(['127.0.0.1']))
  })

  it('answers a request head over the limit with 431 problem+json instead of dropping the socket', async () => {
    const answer = await rawExchange(gw.port, oversizedHead('/api/admin/users'))
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(answer).toMatch(/content-type: application\/problem\+json/i)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 431,
      code: 'http.headers_too_large',
    })
    expect(seen.api).toEqual([])
  })

  it('preserves every Set-Cookie header and response headers', async () => {
    const res = await request(gw.port, '/api/admin/auth/login', { method: 'POST', body: '{}' })
    expect(res.headers['set-cookie']).toEqual(['refresh=abc; HttpOnly; Path=/api/admin', 'csrf=def; Path=/'])
    expect(res.headers.etag).toBe('"v2"')
  })

  it.each([
    '/api/admin/internal/events',
    '/api/admin/v1/internal',
    '/api/admin/INTERNAL/events',
    '/api/admin/%69nternal/events',
    '/api/admin/x/..%2finternal/events',
    '/api/admin/x/../internal/events',
    '/api/admin//internal/events',
    '/api/admin/%E0%A4%A',
  ])('refuses %s with 404 problem+json and never reaches the service', async (p) => {
    const res = await request(gw.port, p, { method: 'POST', body: '{}' })
    expect(res.status).toBe(404)
    expect(res.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(res.body)).toMatchObject({ title: 'Not Found', status: 404 })
    expect(seen.api).toHaveLength(0)
  })

  it('lets through paths that merely contain the word', async () => {
    expect(isInternalApiPath('/api/admin/users?role=internal')).toBe(false)
    expect(isInternalApiPath('/api/admin/internal-notes')).toBe(false)
    expect((await request(gw.port, '/api/admin/internal-notes')).status).toBe(201)
  })

  it('answers 502 problem+json when a service or remote is down, and keeps serving', async () => {
    for (const p of ['/api/sales/leads', '/remotes/sales/remoteEntry.js']) {
      const res = await request(gw.port, p)
      expect(res.status).toBe(502)
      expect(res.headers['content-type']).toBe('application/problem+json')
      expect(JSON.parse(res.body)).toMatchObject({ type: 'about:blank', title: 'Bad Gateway', status: 502 })
      expect(JSON.parse(res.body).detail).toMatch(/sales/)
    }
    expect((await request(gw.port, '/remotes/admin/remoteEntry.js')).body).toBe('remote-file')
  })

  it('survives an upstream that dies mid-response', async () => {
    await expect(request(gw.port, '/api/admin/crash-mid-body')).rejects.toThrow()
    expect((await request(gw.port, '/api/admin/ok')).status).toBe(201)
  })

  it('answers 404 for unknown services and remotes instead of the shell', async () => {
    for (const p of ['/api/nope/x', '/remotes/nope/remoteEntry.js']) {
      const res = await request(gw.port, p)
      expect(res.status).toBe(404)
      expect(res.headers['content-type']).toBe('application/problem+json')
    }
    expect(seen.shell).toHaveLength(0)
  })

  it('forwards remote files with their full path and everything else to the shell', async () => {
    expect((await request(gw.port, '/remotes/admin/assets/a-1.js')).body).toBe('remote-file')
    expect(seen.remote[0].url).toBe('/remotes/admin/assets/a-1.js')
    expect((await request(gw.port, '/sales/customers?x=1')).body).toBe('shell-file')
    expect(seen.shell[0].url).toBe('/sales/customers?x=1')
  })

  it('serves /remotes.json from the topology', async () => {
    const res = await request(gw.port, '/remotes.json')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(JSON.parse(res.body)).toEqual({
      remotes: [{ name: 'admin', entry: '/remotes/admin/remoteEntry.js' }],
    })
  })
})

describe('gateway options', () => {
  it('serves an override remotes.json file when given', async () => {
    const file = `${tmpDir()}/remotes.json`
    fs.writeFileSync(
      file,
      '{"remotes":[{"name":"sales","entry":"http://localhost:5102/remotes/sales/remoteEntry.js"}]}',
    )
    const gw = await createGateway({ port: 0, routes: [], remotesJsonFile: file })
    try {
      expect(JSON.parse((await request(gw.port, '/remotes.json')).body).remotes[0].name).toBe('sales')
    } finally {
      await gw.close()
    }
  })

  it('passes WebSocket upgrades through to the upstream', async () => {
    const upstream = await startUpstream((_req, res) => res.end())
    upstream.server.on('upgrade', (req, socket) => {
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Path: ' +
          req.url +
          '\r\n\r\n',
      )
      socket.on('data', (d: Buffer) => socket.write(`echo:${d.toString()}`))
      socket.on('end', () => socket.end())
    })
    const gw = await createGateway({
      port: 0,
      routes: [{ name: 'shell', prefix: '/', target: `http://localhost:${upstream.port}`, kind: 'app' }],
    })
    try {
      const reply = await new Promise<string>((resolve, reject) => {
        const sock = net.connect(gw.port, '127.0.0.1', () => {
          sock.write(
            'GET /hmr?token=1 HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
          )
        })
        let buf = ''
        sock.on('data', (d) => {
          buf += d.toString()
          if (buf.includes('\r\n\r\n') && !buf.includes('echo:')) sock.write('ping')
          if (buf.includes('echo:ping')) {
            sock.destroy()
            resolve(buf)
          }
        })
        sock.on('error', reject)
      })
      expect(reply).toMatch(/^HTTP\/1.1 101/)
      expect(reply).toContain('X-Path: /hmr?token=1')
    } finally {
      await gw.close()
      await upstream.close()
    }
  })
})

afterAll(removeTmpDirs)

describe('gateway framing rules', () => {
  it('HTML through the gateway cannot be framed, and a full CSP from upstream is kept', async () => {
    const shell = await startUpstream((req, res) => {
      if (req.url === '/with-csp') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'" })
        return res.end('<!doctype html>')
      }
      res.writeHead(200, {
        'content-type': req.url === '/app.js' ? 'text/javascript' : 'text/html; charset=utf-8',
      })
      res.end('x')
    })
    const gw = await createGateway({
      port: 0,
      routes: [{ name: 'shell', prefix: '/', target: `http://localhost:${shell.port}`, kind: 'app' }],
    })
    try {
      const page = await request(gw.port, '/customers')
      expect(page.headers['x-frame-options']).toBe('DENY')
      expect(page.headers['content-security-policy']).toBe("frame-ancestors 'none'")
      const kept = await request(gw.port, '/with-csp')
      expect(kept.headers['content-security-policy']).toBe("default-src 'self'")
      const script = await request(gw.port, '/app.js')
      expect(script.headers['x-frame-options']).toBeUndefined()
    } finally {
      await gw.close()
      await shell.close()
    }
  })
})
