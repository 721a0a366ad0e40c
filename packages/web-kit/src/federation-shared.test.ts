// @vitest-environment node
// (The build helper runs in Node: happy-dom's URL is not one node:fs accepts.)
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { MOSAIC_SHARED_PACKAGES, mosaicShared } from '../federation-shared.mjs'

describe('mosaicShared', () => {
  it('the shell provides every singleton (workspace packages from their source)', () => {
    const host = mosaicShared()
    expect(Object.keys(host)).toEqual([...MOSAIC_SHARED_PACKAGES])
    for (const [name, share] of Object.entries(host)) {
      expect(share.singleton).toBe(true)
      expect(share.import).not.toBe(false)
      if (name.startsWith('@mosaic/')) expect(share.import).toMatch(/packages\/.+\/src\//)
    }
  })

  it('a built remote bundles no copy of the libraries: it consumes the shell’s', () => {
    const remote = mosaicShared({ role: 'remote', command: 'build' })
    for (const name of MOSAIC_SHARED_PACKAGES) expect([name, remote[name].import]).toEqual([name, false])
  })

  it('every workspace module a remote imports is a share (else each remote carries its own copy)', () => {
    const apps = fileURLToPath(new URL('../../../apps/', import.meta.url))
    const remotes = readdirSync(apps).filter((app) => app !== 'shell')
    const imported = new Set<string>()
    for (const app of remotes)
      for (const file of sourceFiles(join(apps, app, 'src')))
        for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(@mosaic\/[^']+)'/g))
          if (!spec.endsWith('.css')) imported.add(spec)
    expect(remotes.length).toBeGreaterThan(0)
    expect([...imported].filter((spec) => !MOSAIC_SHARED_PACKAGES.includes(spec))).toEqual([])
  })

  it('a remote’s dev server keeps its own copies, so it runs standalone', () => {
    const dev = mosaicShared({ role: 'remote', command: 'serve' })
    for (const share of Object.values(dev)) expect(share.import).not.toBe(false)
  })
})

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    // Tests and their support files (`*.test.ts`, `test-*.ts`) never reach a remote's bundle.
    return /\.(ts|vue)$/.test(entry.name) && !/(\.test\.ts|^test-.*\.ts)$/.test(entry.name) ? [path] : []
  })
}
