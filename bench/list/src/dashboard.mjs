// `pnpm bench:dashboard`: the home page's sales figures (`GET /api/sales/dashboard`, contract
// `dashboardRouteOf('sales')`) at 1M customers under each role's scope, the team views and a past month.
// Target: p95 ≤ 200 ms for every row.
//   --samples N   requests per row (default 50; at most 15 s each)
//   --explain     for every row, its slowest statements and the slowest one's plan
//   plus harness.mjs' --url, --customers, --json
import { salesRoutes } from '@mosaic/schemas/contracts'
import pg from 'pg'
import { generate } from './generate.mjs'
import {
  check,
  header,
  ms,
  options,
  printChecks,
  slowestStatements,
  startService,
  writeJson,
} from './harness.mjs'
import { sample } from './load.mjs'

const values = options({
  samples: { type: 'string', default: '50' },
  explain: { type: 'boolean', default: false },
})
const TARGET_MS = 200
const PATH = salesRoutes.dashboard.path.replace(/^\/api\/sales/, '')

const lastMonth = () => {
  const d = new Date()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() - 1)
  return d.toISOString().slice(0, 7)
}

/** [user, what, query]: DashboardQuery; the smallest scope first, so a slow admin row comes last. */
const CASES = [
  ['rep-1-1', 'scope', ''],
  ['mgr-1', 'scope', ''],
  ['mgr-1', 'view=me', 'view=me'],
  ['mgr-1', 'team by member', 'groupBy=member'],
  ['admin', 'scope', ''],
  ['admin', 'team by dept', 'groupBy=dept'],
  ['admin', 'last month', `month=${lastMonth()}`],
]

async function explain(service, url, user, query) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const target = `${service.base}${PATH}${query ? `?${query}` : ''}`
    await slowestStatements(service, client, () =>
      fetch(target, { headers: service.auth(user) }).then((r) => r.text()),
    )
  } finally {
    await client.end()
  }
}

async function main() {
  const { url, customers } = values
  await generate({ url, customers, reset: values.reset })
  const service = await startService(url, [...new Set(CASES.map(([user]) => user))])
  const report = { ...header(`bench:dashboard — ${customers} customers, ${salesRoutes.dashboard.path} (ms)`) }
  report.rows = []
  try {
    const probe = await fetch(service.base + PATH, { headers: service.auth(CASES[0][0]) })
    if (probe.status === 404) {
      console.log(
        `${salesRoutes.dashboard.path} answers 404: the sales dashboard is not built on this commit.`,
      )
      report.checks = [check('dashboard p95', 'not built (404)', `≤ ${TARGET_MS} ms`, null)]
    } else {
      console.log(
        `${'user'.padEnd(8)} ${'case'.padEnd(16)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}`,
      )
      for (const [user, what, query] of CASES) {
        const r = await sample(`${service.base}${PATH}${query ? `?${query}` : ''}`, service.auth(user), {
          count: Number(values.samples),
          seconds: 15,
        })
        report.rows.push({ user, what, query, ...r })
        console.log(`${user.padEnd(8)} ${what.padEnd(16)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)}`)
        if (values.explain) await explain(service, url, user, query)
      }
      const slowest = report.rows.reduce((a, b) => (b.p95 > a.p95 ? b : a))
      const met = report.rows.filter((r) => r.p95 <= TARGET_MS).length
      report.checks = [
        check(
          'dashboard p95, every row',
          `${met} of ${report.rows.length}; slowest ${slowest.user} ${slowest.what} ${slowest.p95.toFixed(1)} ms`,
          `≤ ${TARGET_MS} ms`,
          met === report.rows.length,
        ),
      ]
    }
    printChecks(report.checks)
    writeJson(values.json, report)
  } finally {
    await service.stop()
  }
}

await main()
