// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { unseedShares } from '../vite-build.mjs'

/** The shape @module-federation/vite generates for the host's share map (one entry per share). */
const shareMap = (entries: Record<string, boolean>) =>
  `const usedShared = {${Object.entries(entries)
    .map(
      ([key, seeded]) => `
    ${JSON.stringify(key)}: {
      name: ${JSON.stringify(key)},
      version: "1.0.0",
      scope: ["default"],
      loaded: false,
      materialize: ${seeded},
      eager: false,
      get () { return import(${JSON.stringify(key)}) },
    },`,
    )
    .join('')}}`

describe('unseedShares', () => {
  it('leaves the named shares to be fetched on first use, and the others as they were', () => {
    const code = shareMap({ vue: true, 'element-plus': true, '@element-plus/icons-vue': true })
    const out = unseedShares(code, ['element-plus', '@element-plus/icons-vue'])?.code ?? ''
    expect(out).toMatch(/"vue": \{[^}]*materialize: true/)
    expect(out).toMatch(/"element-plus": \{[^}]*materialize: false/)
    expect(out).toMatch(/"@element-plus\/icons-vue": \{[^}]*materialize: false/)
  })

  it('does not touch a share whose name only starts like a named one', () => {
    const code = shareMap({ 'element-plus-extra': true })
    expect(unseedShares(code, ['element-plus'])).toBeNull()
  })
})
