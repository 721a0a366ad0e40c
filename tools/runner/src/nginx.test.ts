import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  deadPort,
  oversizedHead,
  rawExchange,
  request,
  startUpstream,
  tmpDir,
  writeFiles,
  removeTmpDirs,
} from './test-helpers.ts'
import { contentSecurityPolicy } from './security-headers.mjs'
import { deployFiles } from './deploy-files.mjs'
import { loadManifest } from './manifest.mjs'

/**
 * docker/nginx/*.conf on a real nginx, when the machine has one (`apt-get install nginx-light`);
 * skipped otherwise. The twins in this folder (gateway.mjs, static-server.mjs) are tested always.
 */
const nginxBin = (() => {
  // Debian installs it in /usr/sbin, which a non-root PATH (and CI's) often leaves out.
  if (fs.existsSync('/usr/sbin/nginx')) return '/usr/sbin/nginx'
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
})()
const confDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docker/nginx')

async function startNginx(site: string) {
  const dir = tmpDir('mosaic-nginx-')
  const port = await deadPort()
  const conf = `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`
  fs.writeFileSync(`${dir}/site.conf`, site.replace(/listen 80;/, `listen 127.0.0.1:${port};`))
  fs.writeFileSync(`${dir}/nginx.conf`, conf)
  execFileSync(nginxBin!, ['-t', '-q', '-c', `${dir}/nginx.conf`], { stdio: 'pipe' })
  const child: ChildProcess = spawn(nginxBin!, ['-c', `${dir}/nginx.conf`], { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)))
      s.on('error', () => resolve(false))
    })
    if (up) break
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

describe.skipIf(!nginxBin)('nginx configuration (docker/nginx)', () => {
  afterAll(removeTmpDirs)

  describe('static.conf', () => {
    let nginx: Awaited<ReturnType<typeof startNginx>>
    beforeAll(async () => {
      const root = tmpDir('mosaic-nginx-root-')
      writeFiles(root, {
        'index.html': '<!doctype html><title>shell</title>',
        'assets/app-1.js': 'x',
        'assets/app-1.js.br': 'br twin',
        'assets/app-1.js.gz': 'gzip twin',
        'remoteEntry.js': 'y',
      })
      const site = fs
        .readFileSync(`${confDir}/static.conf`, 'utf8')
        .replace('root /usr/share/nginx/html;', `root ${root};`)
      nginx = await startNginx(site)
    })
    afterAll(() => nginx?.stop())

    it('the shell HTML carries the same CSP as the runner and cannot be framed; scripts do not', async () => {
      for (const p of ['/', '/index.html', '/customers/42']) {
        const res = await request(nginx.port, p)
        expect(res.status, p).toBe(200)
        expect(res.headers['content-security-policy'], p).toBe(contentSecurityPolicy(''))
        expect(res.headers['x-frame-options']).toBe('DENY')
      }
      const js = await request(nginx.port, '/remoteEntry.js')
      expect(js.headers['content-security-policy']).toBeUndefined()
      expect(js.headers['x-frame-options']).toBeUndefined()
    })

    it('scripts go out as the build’s precompressed twin the client accepts, with Vary', async () => {
      const as = (encoding?: string) =>
        request(nginx.port, '/assets/app-1.js', { headers: encoding ? { 'accept-encoding': encoding } : {} })
      const br = await as('gzip, deflate, br')
      expect([br.headers['content-encoding'], br.body]).toEqual(['br', 'br twin'])
      const gz = await as('gzip')
      expect([gz.headers['content-encoding'], gz.body]).toEqual(['gzip', 'gzip twin'])
      const plain = await as()
      expect([plain.headers['content-encoding'], plain.body]).toEqual([undefined, 'x'])
      for (const res of [br, gz, plain]) expect(res.headers.vary).toMatch(/accept-encoding/i)
    })

    it('a request head over the limit → 431 problem+json', async () => {
      const answer = await rawExchange(nginx.port, oversizedHead('/', { close: true }))
      expect(answer).toMatch(/^HTTP\/1\.1 431 /)
      expect(answer).toMatch(/content-type: application\/problem\+json/i)
      expect(answer).toContain('"code":"http.headers_too_large"')
    })
  })

  describe('gateway.conf', () => {
    let nginx: Awaited<ReturnType<typeof startNginx>>
    let upstream: Awaited<ReturnType<typeof startUpstream>>
    const seen: string[] = []
    beforeAll(async () => {
      upstream = await startUpstream((req, res) => {
        seen.push(String(req.headers['x-forwarded-for']))
        res.writeHead(200, {
          'content-type': req.url?.startsWith('/api/') ? 'application/json' : 'text/html',
        })
        res.end('{}')
      })
      const site = fs
        .readFileSync(`${confDir}/gateway.conf`, 'utf8')
        .replace(/http:\/\/[a-z-]+:\d+/g, `http://127.0.0.1:${upstream.port}`)
      nginx = await startNginx(site)
    })
    afterAll(async () => {
      await nginx?.stop()
      await upstream?.close()
    })

    it('overwrites X-Forwarded-For with the peer: rotating spoofed addresses all arrive as one', async () => {
      for (let i = 0; i < 40; i++)
        await request(nginx.port, '/api/admin/auth/login', {
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
        })
      expect(new Set(seen)).toEqual(new Set(['127.0.0.1']))
    })

    it('HTML through the gateway cannot be framed; a request head over the limit → 431 problem+json', async () => {
      const page = await request(nginx.port, '/customers')
      expect(page.headers['x-frame-options']).toBe('DENY')
      const api = await request(nginx.port, '/api/admin/x')
      expect(api.headers['x-frame-options']).toBeUndefined()
      const answer = await rawExchange(nginx.port, oversizedHead('/api/admin/users', { close: true }))
      expect(answer).toMatch(/^HTTP\/1\.1 431 /)
      expect(answer).toContain('"code":"http.headers_too_large"')
    })
  })
  describe('gateway.conf generated with one more service and remote row', () => {
    let nginx: Awaited<ReturnType<typeof startNginx>>
    let upstream: Awaited<ReturnType<typeof startUpstream>>
    beforeAll(async () => {
      upstream = await startUpstream((req, res) => res.end(`upstream saw ${req.url}`))
      const manifest = loadManifest()
      // A module the manifest does not have (docs/adding-a-module.md's, on the next free ports).
      const probe = {
        ...manifest,
        remotes: [...manifest.remotes, { name: 'equipment', dir: 'apps/equipment', port: 5105 }],
        services: [
          ...manifest.services,
          { name: 'equipment', dir: 'services/equipment', port: 3006, database: 'mosaic_equipment' },
        ],
      }
      const site = deployFiles(probe)['docker/nginx/gateway.conf'].replace(
        /http:\/\/[a-z-]+:\d+/g,
        `http://127.0.0.1:${upstream.port}`,
      )
      nginx = await startNginx(site)
    })
    afterAll(async () => {
      await nginx?.stop()
      await upstream?.close()
    })

    it('routes the new prefixes and still refuses the unknown ones', async () => {
      for (const p of ['/api/equipment/assets', '/remotes/equipment/remoteEntry.js']) {
        const res = await request(nginx.port, p)
        expect([res.status, res.body], p).toEqual([200, `upstream saw ${p}`])
      }
      for (const p of ['/api/unknown/x', '/remotes/unknown/remoteEntry.js', '/api/equipment/internal/x']) {
        const res = await request(nginx.port, p)
        expect([res.status, res.headers['content-type']], p).toEqual([404, 'application/problem+json'])
      }
    })
  })
})
