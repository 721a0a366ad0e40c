// @vitest-environment node
// (The build helper runs in Node: happy-dom's URL is not one node:fs accepts.)
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
    for (const name of [
      'vue',
      'vue-router',
      'pinia',
      'vue-i18n',
      'element-plus',
      '@element-plus/icons-vue',
    ]) {
      expect(remote[name].import).toBe(false)
    }
    for (const name of ['@mosaic/web-kit', '@mosaic/ui', '@mosaic/dictionary', '@mosaic/dictionary/vue']) {
      expect(remote[name].import).toBe(false)
    }
  })

  it('a remote’s dev server keeps its own copies, so it runs standalone', () => {
    const dev = mosaicShared({ role: 'remote', command: 'serve' })
    for (const share of Object.values(dev)) expect(share.import).not.toBe(false)
  })
})
