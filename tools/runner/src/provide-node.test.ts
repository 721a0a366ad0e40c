import { afterAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { tmpDir, removeTmpDirs } from './test-helpers.ts'

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

afterAll(removeTmpDirs)
