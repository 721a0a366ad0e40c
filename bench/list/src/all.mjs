// `pnpm bench:all`: every figure script in turn (list, deep, search, dashboard, throughput, import,
// memory; frontend with --frontend), each writing its JSON to --out, then one table of every target
// with its verdict: the block bench/README.md records.
//   --out DIR        where the JSON files go (default a new directory under the system's temp)
//   --skip a,b       scripts to leave out (e.g. memory,import)
//   --frontend       also run bench:frontend (builds nothing: needs built apps)
//   plus harness.mjs' --url and --customers, handed on
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { header, options } from './harness.mjs'

const values = options({
  out: { type: 'string' },
  skip: { type: 'string', default: '' },
  frontend: { type: 'boolean', default: false },
})
const here = path.dirname(fileURLToPath(import.meta.url))
const out = values.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mosaic-bench-'))
fs.mkdirSync(out, { recursive: true })
const data = ['--url', values.url, '--customers', String(values.customers)]

/** name → [command, args]; the list scripts run under tsx with the `source` condition, as `pnpm bench:list`. */
const SCRIPTS = {
  list: ['tsx', ['--conditions', 'source', path.join(here, 'bench.mjs'), ...data]],
  deep: ['tsx', ['--conditions', 'source', path.join(here, 'deep.mjs'), ...data]],
  search: ['tsx', ['--conditions', 'source', path.join(here, 'search.mjs'), ...data]],
  dashboard: ['tsx', ['--conditions', 'source', path.join(here, 'dashboard.mjs'), ...data]],
  throughput: ['tsx', ['--conditions', 'source', path.join(here, 'throughput.mjs'), ...data]],
  // The import has its own database beside the list's.
  import: ['tsx', ['--conditions', 'source', path.join(here, 'import.mjs'), '--url', importUrl(values.url)]],
  memory: ['node', [path.join(here, '../../memory/src/bench.mjs')]],
}

/** The import's database on the same server as the list's. */
function importUrl(url) {
  const u = new URL(url)
  u.pathname = '/mosaic_bench_import'
  return u.toString()
}

const skip = new Set(values.skip.split(',').filter(Boolean))
const checks = []
const info = header('bench:all')
for (const [name, [command, args]] of Object.entries(SCRIPTS)) {
  if (skip.has(name)) continue
  const json = path.join(out, `${name}.json`)
  const run = spawnSync('pnpm', ['exec', command, ...args, '--json', json], { stdio: 'inherit', cwd: here })
  if (run.status !== 0 || !fs.existsSync(json)) {
    checks.push({
      script: name,
      name: 'run',
      measured: `failed (exit ${run.status})`,
      target: '–',
      verdict: 'FAIL',
    })
    continue
  }
  for (const c of JSON.parse(fs.readFileSync(json, 'utf8')).checks ?? []) checks.push({ script: name, ...c })
}
if (values.frontend) {
  const json = path.join(out, 'frontend.json')
  const run = spawnSync(
    'node',
    [path.join(here, '../../frontend/src/bench.mjs'), '--no-build', '--json', json],
    {
      stdio: 'inherit',
    },
  )
  checks.push({
    script: 'frontend',
    name: 'budgets (bytes, downloads, Lighthouse)',
    measured: fs.existsSync(json) ? 'see its table' : `failed (exit ${run.status})`,
    target: 'bench/frontend',
    verdict: run.status === 0 ? 'PASS' : 'MISS',
  })
}

console.log(
  `\nAll targets — ${info.at.slice(0, 16).replace('T', ' ')} UTC, commit ${info.commit}, load average ${info.loadAverage.join(' ')}`,
)
console.log('| bench | target | measured | verdict |\n| --- | --- | --- | --- |')
for (const c of checks) console.log(`| ${c.script} | ${c.name}: ${c.target} | ${c.measured} | ${c.verdict} |`)
console.log(`\nJSON: ${out}`)
