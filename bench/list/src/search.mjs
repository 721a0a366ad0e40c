// `pnpm bench:search`: fuzzy search as typed in the list's search box — two-character Chinese names
// (below pg_trgm's three: the bigram index), longer names, number prefixes — as admin, manager and rep.
// Target: p95 ≤ 50 ms for every row.
//   --samples N   requests per row (default 100; at most 10 s each)
//   plus harness.mjs' --url, --customers, --json
import { generate } from './generate.mjs'
import { check, header, ms, options, printChecks, startService, writeJson } from './harness.mjs'
import { sample } from './load.mjs'

const values = options({ samples: { type: 'string', default: '100' } })
const TARGET_MS = 50
const USERS = ['admin', 'mgr-1', 'rep-1-1']

/** [list, kind, term]: how common each is at 1M is in the README. */
const SEARCHES = [
  ['customers', '2-char name', '华鑫'],
  ['customers', '2-char name', '远航'],
  ['customers', '2-char city', '杭州'],
  ['customers', '2-char kind', '物流'],
  ['customers', '4-char name', '杭州华鑫'],
  ['customers', 'name + serial', '华鑫科技有限公司12'],
  ['customers', 'number prefix', 'KH2025'],
  ['customers', 'number prefix', 'kh202611'],
  ['customers', 'number prefix', `KH${new Date().getUTCFullYear()}`],
  ['customers', 'rare / none', '不存在的名字'],
  ['opportunities', '2-char name', '华鑫'],
  ['contacts', 'name prefix', '联系人1234'],
]

async function main() {
  const { url, customers } = values
  await generate({ url, customers, reset: values.reset })
  const service = await startService(url, USERS)
  const report = {
    ...header(`bench:search — ${customers} customers, one connection, sequential requests (ms)`),
  }
  report.rows = []
  try {
    console.log(
      `${'user'.padEnd(8)} ${'list'.padEnd(14)} ${'kind'.padEnd(14)} ${'term'.padEnd(20)} ${'total'.padStart(7)}` +
        ` ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}`,
    )
    for (const [list, kind, term] of SEARCHES) {
      for (const user of USERS) {
        const path = `${service.base}/${list}?limit=20&q=${encodeURIComponent(term)}`
        const headers = service.auth(user)
        const first = await fetch(path, { headers }).then((r) => r.json())
        const total = `${first.total}${first.totalCapped ? '+' : ''}`
        const r = await sample(path, headers, { count: Number(values.samples), seconds: 10 })
        report.rows.push({ user, list, kind, term, total, ...r })
        console.log(
          `${user.padEnd(8)} ${list.padEnd(14)} ${kind.padEnd(14)} ${term.padEnd(20 - cjkExtra(term))} ${total.padStart(7)}` +
            ` ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)}`,
        )
      }
    }
    const slowest = report.rows.reduce((a, b) => (b.p95 > a.p95 ? b : a))
    const met = report.rows.filter((r) => r.p95 <= TARGET_MS).length
    report.checks = [
      check(
        'search p95, every row',
        `${met} of ${report.rows.length} rows; slowest ${slowest.user} ${slowest.list} “${slowest.term}” ${slowest.p95.toFixed(1)} ms`,
        `p95 ≤ ${TARGET_MS} ms`,
        met === report.rows.length,
      ),
    ]
    printChecks(report.checks)
    writeJson(values.json, report)
  } finally {
    await service.stop()
  }
}

/** Chinese characters take two columns in a terminal. */
function cjkExtra(text) {
  return [...text].filter((c) => c.charCodeAt(0) > 0x2e80).length
}

await main()
