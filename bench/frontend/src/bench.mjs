// `pnpm bench:frontend`: builds (unless --no-build), starts the system the way `pnpm start`
// does on free ports (or uses --url), walks login → home → customer list in Chromium, runs
// Lighthouse on the login page, prints the figures against the budgets. Exit 1 when over budget.
//   --no-build        use the apps' existing dist/
//   --url URL         measure a running instance (its dist/ must be this checkout's, for chunk maps)
//   --runs N          Lighthouse runs per preset (median; default 3)
//   --no-lighthouse   skip Lighthouse
//   --json FILE       also write the raw figures
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startSystem } from '@mosaic/runner'
import { measure, BUDGETS, kb } from './index.mjs'

const { values } = parseArgs({
  // `pnpm bench:frontend -- --no-build` hands the script a literal `--`.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    'no-build': { type: 'boolean', default: false },
    url: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'no-lighthouse': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
})

const mark = (ok) => (ok ? 'PASS' : 'MISS')
const pad = (s, n) => String(s).padEnd(n)
const lpad = (s, n) => String(s).padStart(n)

async function main() {
  let system = null
  let dataRoot = null
  let baseUrl = values.url
  if (!baseUrl) {
    dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mosaic-bench-'))
    console.log(values['no-build'] ? 'Starting the system…' : 'Building and starting the system…')
    system = await startSystem({
      build: !values['no-build'],
      freePorts: true,
      dataRoot,
      env: { MOSAIC_MODE: 'demo', LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT_PER_MINUTE: '600' },
      log: (line) => process.env.BENCH_VERBOSE && console.log(line),
    })
    baseUrl = system.url
  }
  try {
    const m = await measure({ baseUrl })
    let lh = null
    if (!values['no-lighthouse']) {
      const { lighthouseScores } = await import('./lighthouse.mjs')
      lh = await lighthouseScores(`${baseUrl}/login`, { runs: Number(values.runs) })
    }
    print(m, lh)
    if (values.json) fs.writeFileSync(values.json, JSON.stringify({ ...m, lighthouse: lh }, null, 2))
    const lhOver =
      lh && (lh.desktop.score < BUDGETS.lighthouseDesktop || lh.mobile.score < BUDGETS.lighthouseMobile)
    return m.over.length || lhOver || m.errors.length ? 1 : 0
  } finally {
    await system?.stop()
    if (dataRoot) fs.rmSync(dataRoot, { recursive: true, force: true })
  }
}

function print(m, lh) {
  console.log(
    '\nJavaScript per step (this step / cumulative; gz = gzip -9 of the body; sent = bytes on the wire)',
  )
  console.log(
    `  ${pad('step', 14)}${lpad('files', 6)}${lpad('raw', 12)}${lpad('gz', 12)}${lpad('sent', 12)}${lpad('cum. gz', 12)}${lpad('cum. sent', 12)}`,
  )
  const names = { login: 'login', home: 'home', sales: 'customer list' }
  for (const [stage, t] of Object.entries(m.totals)) {
    console.log(
      `  ${pad(names[stage], 14)}${lpad(t.count, 6)}${lpad(kb(t.raw), 12)}${lpad(kb(t.gz), 12)}${lpad(kb(t.transferred), 12)}${lpad(kb(t.cumulative.gz), 12)}${lpad(kb(t.cumulative.transferred), 12)}`,
    )
  }
  const enc = {}
  for (const s of m.scripts) enc[s.encoding ?? 'identity'] = (enc[s.encoding ?? 'identity'] ?? 0) + 1
  console.log(
    `  content-encoding of scripts: ${Object.entries(enc)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  )
  console.log(`  ${mark(m.totals.login.gz <= BUDGETS.loginGzBytes)} login ≤ ${kb(BUDGETS.loginGzBytes)} gz`)
  const onLogin = Object.entries(m.loginModules).filter(([, n]) => n > 0)
  console.log(`  on the login page: ${onLogin.map(([lib, n]) => `${lib} (${n} modules)`).join(', ')}`)

  console.log('\nShared libraries: downloads over the whole journey')
  for (const [lib, d] of Object.entries(m.libraries)) {
    const extra = d.duplicatedModules ? ` (${d.duplicatedModules} modules more than once)` : ''
    console.log(
      `  ${mark(d.downloads <= BUDGETS.downloadsPerLibrary)} ${pad(lib, 26)}${d.downloads}×${extra}`,
    )
  }
  if (!m.mapped) console.log('  (some app has no dist/.vite/chunk-modules.json: counts are incomplete)')

  console.log('\nremoteEntry.js')
  for (const [name, e] of Object.entries(m.remoteEntries))
    console.log(
      `  ${mark(e.gz <= BUDGETS.remoteEntryGzBytes)} ${pad(name, 10)}${lpad(kb(e.raw), 10)} raw ${lpad(kb(e.gz), 10)} gz`,
    )

  if (lh) {
    console.log('\nLighthouse on /login (performance, median of runs)')
    for (const [preset, min] of [
      ['desktop', BUDGETS.lighthouseDesktop],
      ['mobile', BUDGETS.lighthouseMobile],
    ]) {
      const r = lh[preset]
      console.log(
        `  ${mark(r.score >= min)} ${pad(preset, 8)} ${r.score} (runs ${r.runs.join(', ')}; LCP ${(r.lcpMs / 1000).toFixed(1)} s, TBT ${Math.round(r.tbtMs)} ms) budget ≥ ${min}`,
      )
    }
  }
  if (m.errors.length) console.log(`\nPage errors:\n  ${m.errors.join('\n  ')}`)
  if (m.over.length) console.log(`\nOver budget:\n  ${m.over.join('\n  ')}`)
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
