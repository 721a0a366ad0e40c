import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { createStaticServer } from './static-server.mjs'
import { oversizedHead, rawExchange, request, tmpDir, writeFiles, removeTmpDirs } from './test-helpers.ts'

const outer = tmpDir()
const dist = `${outer}/dist`
writeFiles(dist, {
  'index.html':
    '<!doctype html><title>shell</title><script>window.x=1</script><script type="module" src="/assets/index-Ab12Cd.js"></script>',
  'remoteEntry.js': 'export const get = () => {};',
  'mf-manifest.json': '{"id":"admin"}',
  'assets/index-Ab12Cd.js': 'console.log(1)',
  'assets/index-Ab12Cd.js.map': '{}',
  'assets/index-Ef34.css': 'body{}',
  'assets/font-9z.woff2': 'w2',
  'logo.svg': '<svg/>',
  'icon.png': 'png',
  'favicon.ico': 'ico',
  'worker.mjs': 'x',
})
fs.writeFileSync(`${outer}/secret-${process.pid}.txt`, 'secret')

describe('static server', () => {
  let spa: Awaited<ReturnType<typeof createStaticServer>>
  let remote: Awaited<ReturnType<typeof createStaticServer>>
  beforeAll(async () => {
    spa = await createStaticServer({ root: dist, port: 0, spa: true })
    remote = await createStaticServer({ root: dist, port: 0, prefix: '/remotes/admin' })
  })
  afterAll(async () => {
    await spa.close()
    await remote.close()
  })

  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/remoteEntry.js', 'text/javascript; charset=utf-8'],
    ['/worker.mjs', 'text/javascript; charset=utf-8'],
    ['/assets/index-Ef34.css', 'text/css; charset=utf-8'],
    ['/mf-manifest.json', 'application/json; charset=utf-8'],
    ['/assets/index-Ab12Cd.js.map', 'application/json; charset=utf-8'],
    ['/logo.svg', 'image/svg+xml'],
    ['/icon.png', 'image/png'],
    ['/assets/font-9z.woff2', 'font/woff2'],
    ['/favicon.ico', 'image/x-icon'],
  ])('serves %s as %s', async (p, type) => {
    const res = await request(spa.port, p)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe(type)
    expect(res.headers['access-control-allow-origin']).toBe('*')
  })

  it('revalidates html, remoteEntry.js and json but caches hashed assets for long', async () => {
    for (const p of ['/', '/remoteEntry.js', '/mf-manifest.json']) {
      expect((await request(spa.port, p)).headers['cache-control']).toBe('no-cache')
    }
    expect((await request(spa.port, '/assets/index-Ab12Cd.js')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    )
  })

  it('answers client-side routes with index.html but missing files with 404', async () => {
    const route = await request(spa.port, '/sales/customers/42?tab=x')
    expect(route.status).toBe(200)
    expect(route.body).toContain('<title>shell</title>')
    expect((await request(spa.port, '/assets/missing-123.js')).status).toBe(404)
  })

  it('strips the remote prefix and still serves unprefixed paths', async () => {
    const prefixed = await request(remote.port, '/remotes/admin/remoteEntry.js')
    expect(prefixed.status).toBe(200)
    expect(prefixed.body).toBe('export const get = () => {};')
    expect((await request(remote.port, '/remotes/admin/assets/index-Ef34.css')).body).toBe('body{}')
    expect((await request(remote.port, '/remoteEntry.js')).status).toBe(200)
  })

  it('does not fall back to index.html when not a SPA', async () => {
    expect((await request(remote.port, '/remotes/admin/users')).status).toBe(404)
  })

  it('never serves files outside the root', async () => {
    for (const p of [
      `/../secret-${process.pid}.txt`,
      `/%2e%2e/secret-${process.pid}.txt`,
      `/remotes/admin/..%2f..%2fsecret-${process.pid}.txt`,
    ]) {
      const res = await request(remote.port, p)
      expect(res.body).not.toBe('secret')
      expect(res.status).toBe(404)
    }
  })

  it('supports HEAD, conditional GET and refuses writes', async () => {
    const head = await request(spa.port, '/remoteEntry.js', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers['content-length']).toBe('28')
    expect(head.body).toBe('')
    const etag = head.headers.etag as string
    expect((await request(spa.port, '/remoteEntry.js', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    )
    expect((await request(spa.port, '/index.html', { method: 'POST', body: 'x' })).status).toBe(405)
  })
})

afterAll(removeTmpDirs)

describe('static server security headers', () => {
  it('HTML gets a CSP (scripts from self, inline only by hash) and cannot be framed; other files do not', async () => {
    const { createHash } = await import('node:crypto')
    const s = await createStaticServer({ root: dist, port: 0, spa: true })
    try {
      for (const p of ['/', '/index.html', '/customers/42']) {
        const res = await request(s.port, p)
        const csp = String(res.headers['content-security-policy'])
        const hash = createHash('sha256').update('window.x=1').digest('base64')
        expect(csp, p).toContain(`script-src 'self' 'sha256-${hash}'`)
        expect(csp).toContain("frame-ancestors 'none'")
        expect(csp).toContain("object-src 'none'")
        expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
        expect(res.headers['x-frame-options']).toBe('DENY')
      }
      const js = await request(s.port, '/assets/index-Ab12Cd.js')
      expect(js.headers['content-security-policy']).toBeUndefined()
    } finally {
      await s.close()
    }
  })

  it('answers a request head over the limit with 431 problem+json', async () => {
    const s = await createStaticServer({ root: dist, port: 0 })
    try {
      const answer = await rawExchange(s.port, oversizedHead('/'))
      expect(answer).toMatch(/^HTTP\/1\.1 431 /)
      expect(answer).toMatch(/application\/problem\+json/)
    } finally {
      await s.close()
    }
  })
})

describe('static server: precompressed twins', () => {
  const root = `${tmpDir()}/dist`
  const js = 'export const x = 1;'.repeat(200)
  writeFiles(root, {
    'assets/app-1.js': js,
    'assets/plain-2.js': js,
    'index.html': '<!doctype html><title>shell</title>',
  })
  fs.writeFileSync(`${root}/assets/app-1.js.gz`, gzipSync(js))
  fs.writeFileSync(`${root}/assets/app-1.js.br`, brotliCompressSync(js))
  fs.writeFileSync(`${root}/index.html.gz`, gzipSync('<!doctype html><title>shell</title>'))
  let s: Awaited<ReturnType<typeof createStaticServer>>
  beforeAll(async () => {
    s = await createStaticServer({ root, port: 0, spa: true })
  })
  afterAll(() => s.close())

  it('sends brotli when accepted, else gzip, else identity; always with Vary', async () => {
    const br = await request(s.port, '/assets/app-1.js', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(Number(br.headers['content-length'])).toBe(fs.statSync(`${root}/assets/app-1.js.br`).size)

    const gz = await request(s.port, '/assets/app-1.js', { headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable')

    const id = await request(s.port, '/assets/app-1.js', { headers: { 'accept-encoding': 'identity' } })
    expect(id.headers['content-encoding']).toBeUndefined()
    expect(id.body).toBe(js)
    expect(id.headers.vary).toBe('Accept-Encoding')
  })

  it('honours q=0, has per-encoding ETags, and serves identity when there is no twin', async () => {
    const noBr = await request(s.port, '/assets/app-1.js', { headers: { 'accept-encoding': 'br;q=0, gzip' } })
    expect(noBr.headers['content-encoding']).toBe('gzip')
    const br = await request(s.port, '/assets/app-1.js', { headers: { 'accept-encoding': 'br' } })
    expect(br.headers.etag).not.toBe(noBr.headers.etag)
    const plain = await request(s.port, '/assets/plain-2.js', { headers: { 'accept-encoding': 'br, gzip' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(js)
  })

  it('negotiates the SPA fallback (index.html) too', async () => {
    const route = await request(s.port, '/sales/customers', { headers: { 'accept-encoding': 'gzip' } })
    expect(route.headers['content-encoding']).toBe('gzip')
    expect(route.headers['content-type']).toBe('text/html; charset=utf-8')
  })
})
