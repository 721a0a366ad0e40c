// Lighthouse (performance only) on one URL with Debian's Chromium: desktop and mobile presets,
// median of N runs each. A bench figure, not a test: scores move with the machine's load.
import lighthouse from 'lighthouse'
import desktopConfig from 'lighthouse/core/config/desktop-config.js'
import * as chromeLauncher from 'chrome-launcher'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './journey.mjs'

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

async function once(url, preset, chrome) {
  const config = preset === 'desktop' ? desktopConfig : undefined
  const result = await lighthouse(
    url,
    { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] },
    config,
  )
  const lhr = result.lhr
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
  }
}

/** @returns {Promise<Record<'desktop'|'mobile', { score: number, lcpMs: number, tbtMs: number, runs: number[] }>>} */
export async function lighthouseScores(url, { runs = 3 } = {}) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
  })
  try {
    const out = {}
    for (const preset of ['desktop', 'mobile']) {
      const results = []
      for (let i = 0; i < runs; i++) results.push(await once(url, preset, chrome))
      const scores = results.map((r) => r.score)
      const mid = results.find((r) => r.score === median(scores))
      out[preset] = { ...mid, runs: scores }
    }
    return out
  } finally {
    chrome.kill()
  }
}
