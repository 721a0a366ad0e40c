import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { measure, BUDGETS, kb, type Measurement } from '@mosaic/bench-frontend'
import { baseUrl } from './support/browser.js'

/**
 * Journey: login → home → customer list, once, against the built apps served like `pnpm start`.
 * The byte/download budgets of bench/frontend (Lighthouse stays a bench figure: load-sensitive).
 */
let m: Measurement

beforeAll(async () => {
  m = await measure({ baseUrl: baseUrl() })
}, 180_000)
afterAll(() => {
  if (!m) return
  const t = m.totals
  console.log(
    `JS gz: login ${kb(t.login.gz)}, +home ${kb(t.home.gz)}, +customer list ${kb(t.sales.gz)} (total ${kb(t.sales.cumulative.gz)})`,
  )
})

describe('front-end weight', () => {
  test('the journey runs without page errors and every app has a chunk map', () => {
    expect(m.errors).toEqual([])
    expect(m.mapped).toBe(true)
  })

  test('every shared library is downloaded once over the journey', () => {
    const over = Object.entries(m.libraries).filter(([, d]) => d.downloads > BUDGETS.downloadsPerLibrary)
    expect(over).toEqual([])
    expect(m.libraries['element-plus'].downloads).toBe(1)
    expect(m.libraries.vue.downloads).toBe(1)
  })

  test('each remoteEntry.js stays under its budget', () => {
    expect(Object.keys(m.remoteEntries).length).toBeGreaterThan(0)
    for (const e of Object.values(m.remoteEntries))
      expect(e.gz).toBeLessThanOrEqual(BUDGETS.remoteEntryGzBytes)
  })

  test('scripts are sent precompressed, with Vary', () => {
    for (const s of m.scripts) {
      expect([s.path, s.encoding]).toEqual([s.path, expect.stringMatching(/^(br|gzip)$/)])
      expect(s.vary).toMatch(/accept-encoding/i)
    }
  })

  test(`the login page's JS is at most ${BUDGETS.loginGzBytes / 1024} KB gz, without the whole of Element Plus`, () => {
    expect(m.totals.login.gz).toBeLessThanOrEqual(BUDGETS.loginGzBytes)
    expect(m.loginModules['element-plus']).toBe(0)
  })
})
