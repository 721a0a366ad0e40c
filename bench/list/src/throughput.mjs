// `pnpm bench:throughput`: autocannon at 50 connections against the admin, manager and rep customer
// lists at 1M, and the service's /healthz against a bare Express route in the same child process
// (the framework's own overhead). Targets: every list ≥ 500 req/s, p99 < 200 ms, 0 errors; the
// probe's rate within 15 % of the bare route's.
//   --connections C   (default 50)
//   --seconds S       per run (default 10)
//   plus harness.mjs' --url, --customers, --json
import autocannon from 'autocannon'
import { generate } from './generate.mjs'
import { check, header, ms, options, printChecks, startService, writeJson } from './harness.mjs'

const values = options({
  connections: { type: 'string', default: '50' },
  seconds: { type: 'string', default: '10' },
})
const TARGET = { rps: 500, p99: 200, overhead: 0.15 }

async function run(url, headers, { connections, seconds }) {
  const r = await autocannon({ url, headers, connections, duration: seconds })
  const n = r.latency.totalCount
  return {
    n,
    rps: n / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  }
}

async function main() {
  const { url, customers } = values
  await generate({ url, customers, reset: values.reset })
  const service = await startService(url, ['admin', 'mgr-1', 'rep-1-1'])
  const connections = Number(values.connections)
  const seconds = Number(values.seconds)
  const report = {
    ...header(
      `bench:throughput — ${customers} customers, autocannon, ${connections} connections, ${seconds} s each`,
    ),
  }
  report.runs = []
  try {
    const runs = [
      ['admin list', `${service.base}/customers?limit=20`, service.auth('admin')],
      ['mgr-1 list', `${service.base}/customers?limit=20`, service.auth('mgr-1')],
      ['rep-1-1 list', `${service.base}/customers?limit=20`, service.auth('rep-1-1')],
      ['sales /healthz', `${service.origin}/healthz`, {}],
      ['bare Express route', `${service.bareOrigin}/healthz`, {}],
      ['bare + helmet headers', `${service.helmetedOrigin}/healthz`, {}],
    ]
    console.log(
      `${'run'.padEnd(22)} ${'req/s'.padStart(7)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'errors'.padStart(7)}  service CPU`,
    )
    for (const [name, target, headers] of runs) {
      const before = await service.cpu()
      const r = await run(target, headers, { connections, seconds })
      // Service CPU µs per answer: the child's user + system time over the run, per request served.
      r.serviceCpuUs = ((await service.cpu()) - before) / r.n
      report.runs.push({ name, ...r })
      console.log(
        `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(7)} ${ms(r.p50)} ${ms(r.p99)} ${String(r.errors).padStart(7)}` +
          `  ${r.serviceCpuUs.toFixed(0).padStart(5)} µs/req`,
      )
    }
    report.checks = checksOf(report.runs)
    printChecks(report.checks)
    writeJson(values.json, report)
  } finally {
    await service.stop()
  }
}

function checksOf(runs) {
  const checks = runs
    .filter((r) => r.name.endsWith(' list'))
    .map((r) =>
      check(
        `${r.name} at 50 connections`,
        `${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms, ${r.errors} errors`,
        `≥ ${TARGET.rps} req/s, p99 < ${TARGET.p99} ms, 0 errors`,
        r.rps >= TARGET.rps && r.p99 < TARGET.p99 && r.errors === 0,
      ),
    )
  const [healthz, bare, helmeted] = runs.slice(-3)
  const overhead = 1 - healthz.rps / bare.rps
  const pct = (v) => `${(Math.abs(v) * 100).toFixed(0)} %`
  const versus = (v) => `${pct(v)} ${v >= 0 ? 'fewer' : 'more'} req/s`
  checks.push(
    check(
      'framework overhead (/healthz vs bare Express)',
      `${versus(overhead)} (${versus(1 - healthz.rps / helmeted.rps)} against the bare route with helmet's headers)`,
      `≤ ${pct(TARGET.overhead)} fewer`,
      overhead <= TARGET.overhead,
    ),
  )
  return checks
}

await main()
