// `pnpm bench:list`: fills (once) a dedicated Postgres database with generated customers (generate.mjs),
// starts the sales service from this checkout against it, and prints per role and filter the API's
// p50/p95/p99 beside the same SQL issued with raw pg in the same run, request for request, with the
// issue's targets (API p50 ≤ 1.5× the SQL's p50, p99 ≤ 2× its p99).
//   --url URL          database (default postgres://postgres@127.0.0.1:5432/mosaic_bench_sales)
//   --customers N      rows to generate (default 1000000)
//   --reset            drop and regenerate the database
//   --generate-only    stop after generating
//   --samples N        requests per scenario (default 200; at most 10 s each)
//   --only TEXT        just the scenarios whose user or name contains TEXT
//   --explain          print EXPLAIN (ANALYZE, BUFFERS) of every statement a scenario's request sent
//   --json FILE        also write the figures
import pg, { escapeLiteral } from 'pg'
import { prepareValue } from 'pg/lib/utils.js'
import { GENERIC_PLAN_SESSION } from '@mosaic/service-kit'
import { generate } from './generate.mjs'
import { check, header, ms, options, printChecks, startService, writeJson } from './harness.mjs'
import { get, keepAliveAgent, sample, summary } from './load.mjs'

const values = options({
  'generate-only': { type: 'boolean', default: false },
  samples: { type: 'string', default: '200' },
  only: { type: 'string' },
  explain: { type: 'boolean', default: false },
})

/** What a user of each role opens: the first page, filters, keyword, number prefix, short name. */
export const SCENARIOS = [
  ['admin', 'first page', '/customers?limit=20'],
  ['mgr-1', 'first page', '/customers?limit=20'],
  ['rep-1-1', 'first page', '/customers?limit=20'],
  ['admin', 'status filter', '/customers?limit=20&status=intention'],
  ['mgr-1', 'status filter', '/customers?limit=20&status=intention'],
  ['rep-1-1', 'status filter', '/customers?limit=20&status=intention'],
  ['admin', 'locked', '/customers?limit=20&locked=true'],
  ['admin', 'level+industry', '/customers?limit=20&level=A&industry=finance'],
  ['rep-1-1', 'view=team', '/customers?limit=20&view=team'],
  ['admin', 'keyword 杭州恒通', `/customers?limit=20&q=${encodeURIComponent('杭州恒通')}`],
  ['rep-1-1', 'keyword 杭州恒通', `/customers?limit=20&q=${encodeURIComponent('杭州恒通')}`],
  ['rep-1-1', 'common word 有限公司', `/customers?limit=20&q=${encodeURIComponent('有限公司')}`],
  ['admin', 'number prefix KH2025', '/customers?limit=20&q=KH2025'],
  ['rep-1-1', 'number prefix KH2025', '/customers?limit=20&q=KH2025'],
  ['admin', '2-char name 华鑫', `/customers?limit=20&q=${encodeURIComponent('华鑫')}`],
  ['mgr-1', '2-char name 华鑫', `/customers?limit=20&q=${encodeURIComponent('华鑫')}`],
  ['rep-1-1', '2-char name 华鑫', `/customers?limit=20&q=${encodeURIComponent('华鑫')}`],
  ['admin', 'contacts', '/contacts?limit=20'],
  ['rep-1-1', 'contacts', '/contacts?limit=20'],
  ['rep-1-1', 'follow-ups', '/followups?limit=20'],
  ['rep-1-1', 'opportunities', '/opportunities?limit=20'],
]
const USERS = [...new Set(SCENARIOS.map(([user]) => user))]
const LIMITS = { p50: 1.5, p99: 2 }
/**
 * Requests per scenario, all scenarios in turn, before any is measured. A service answers thousands of
 * requests between deploys; measured from its third request, the first ~100 of a path run before V8
 * has optimised it (interpreted or baseline code), which doubled the admin's first page (2.8 ms
 * against 1.4 ms warm) and measured the JIT, not the service.
 */
const WARMUP_ROUNDS = 3
const WARMUP_REQUESTS = 50
const TRANSACTION_CONTROL = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i

/**
 * The statements of one request, sent again in order on the bench's own connections, as the service
 * sent them: a statement the service ran prepared with a generic plan (kit generic-plans.ts) goes by
 * the same name to a session with the same plan mode. ms for all of them.
 */
async function replay(clients, statements) {
  const started = performance.now()
  for (const { query, parameters, name } of statements) {
    if (name) await clients.generic.query({ name, text: query, values: parameters })
    else await clients.plain.query(query, parameters)
  }
  return performance.now() - started
}

/** The bench's raw pg sessions: one as the service's pool opens them, one as its generic-plan pool does. */
async function rawClients(url) {
  const plain = new pg.Client({ connectionString: url })
  const generic = new pg.Client({ connectionString: url, options: GENERIC_PLAN_SESSION })
  await Promise.all([plain.connect(), generic.connect()])
  return { plain, generic, end: () => Promise.all([plain.end(), generic.end()]) }
}

/**
 * One scenario: warm-ups, the SQL of one request recorded, then API request and raw replay of that SQL
 * alternately (so both see the same moments of a shared machine), `samples` times or 10 s.
 */
async function measure(service, clients, path, user, samples) {
  const url = service.base + path
  const headers = service.auth(user)
  await sample(url, headers, { count: 0, warmups: 3 })
  const agentRequest = () => sample(url, headers, { count: 1, warmups: 0 })
  const statements = (await service.capture(agentRequest)).filter(
    (s) => !TRANSACTION_CONTROL.test(s.query.trim()),
  )
  for (let i = 0; i < WARMUP_REQUESTS; i++) await replay(clients, statements)
  if (values.explain) await explain(clients, statements)
  const api = []
  const raw = []
  const until = performance.now() + 10_000
  const agent = keepAliveAgent()
  try {
    while (api.length < samples && performance.now() < until) {
      api.push(await get(agent, url, headers))
      raw.push(await replay(clients, statements))
    }
  } finally {
    agent.destroy()
  }
  return { api: summary(api), raw: summary(raw), statements: statements.length }
}

/** Every scenario's request WARMUP_REQUESTS times, WARMUP_ROUNDS rounds: the service as it runs after a while. */
async function warmUp(service, scenarios) {
  for (let round = 0; round < WARMUP_ROUNDS; round++) {
    for (const [user, , path] of scenarios) {
      await sample(service.base + path, service.auth(user), { count: 0, warmups: WARMUP_REQUESTS })
    }
  }
}

/** The plans of a request's statements, as Postgres ran them just now: for investigating a MISS. */
async function explain(clients, statements) {
  for (const { query, parameters, name } of statements) {
    // A prepared statement is explained by its name, in the session that prepared it (its generic plan);
    // EXECUTE takes its values as literals.
    const literals = parameters.map((p) => (p === null ? 'NULL' : escapeLiteral(String(prepareValue(p)))))
    const { rows } = name
      ? await clients.generic.query(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE ${name}(${literals.join(', ')})`)
      : await clients.plain.query(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, parameters)
    console.log(
      `\n${name ? `${name} (generic plan): ` : ''}${query}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`,
    )
  }
}

async function main() {
  const { url, customers } = values
  await generate({ url, customers, reset: values.reset })
  if (values['generate-only']) return
  const service = await startService(url, USERS)
  const clients = await rawClients(url)
  const report = {
    ...header(`bench:list — ${customers} customers, one connection, sequential requests (ms)`),
  }
  report.scenarios = []
  try {
    // What any answer costs on this machine before the service does anything: the probe, one connection.
    const roundTrip = await sample(`${service.origin}/healthz`, {}, { count: 200, seconds: 4 })
    report.httpRoundTrip = roundTrip
    console.log(`HTTP round trip (/healthz, one connection): p50 ${roundTrip.p50.toFixed(2)} ms\n`)
    console.log(
      `${'user'.padEnd(8)} ${'scenario'.padEnd(22)} ${'API p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}` +
        `  ${'SQL p50'.padStart(7)} ${'p99'.padStart(7)} stmts  ${'×p50'.padStart(5)} ${'×p99'.padStart(5)}` +
        `  ${'API − SQL'.padStart(9)}`,
    )
    const samples = Number(values.samples)
    const chosen = SCENARIOS.filter(([user, name]) => !values.only || `${user} ${name}`.includes(values.only))
    await warmUp(service, chosen)
    for (const [user, name, path] of chosen) {
      const { api, raw, statements } = await measure(service, clients, path, user, samples)
      const row = {
        user,
        name,
        path,
        n: api.n,
        api,
        raw,
        statements,
        p50Ratio: api.p50 / raw.p50,
        // The framework's cost in ms at p50: what the ratio leaves once the statement itself is cheap.
        p50Overhead: api.p50 - raw.p50,
        p99Ratio: api.p99 / raw.p99,
      }
      report.scenarios.push(row)
      console.log(
        `${user.padEnd(8)} ${name.padEnd(22)} ${ms(api.p50)} ${ms(api.p95)} ${ms(api.p99)}  ${ms(raw.p50)} ${ms(raw.p99)}` +
          `  ${String(statements).padStart(4)}  ${row.p50Ratio.toFixed(2).padStart(5)} ${row.p99Ratio.toFixed(2).padStart(5)}` +
          `  ${ms(row.p50Overhead, 9)}`,
      )
    }
    report.checks = listChecks(report.scenarios)
    printChecks(report.checks)
    writeJson(values.json, report)
  } finally {
    await clients.end()
    await service.stop()
  }
}

/** The three roles' first pages one by one, then how many of all rows meet each ratio. */
function listChecks(rows) {
  const checks = []
  for (const row of rows.filter((r) => r.name === 'first page')) {
    checks.push(
      check(
        `${row.user} list p50 vs raw pg`,
        `${row.api.p50.toFixed(1)} / ${row.raw.p50.toFixed(1)} ms = ${row.p50Ratio.toFixed(2)}×`,
        `≤ ${LIMITS.p50}×`,
        row.p50Ratio <= LIMITS.p50,
      ),
      check(
        `${row.user} list p99 vs raw pg`,
        `${row.api.p99.toFixed(1)} / ${row.raw.p99.toFixed(1)} ms = ${row.p99Ratio.toFixed(2)}×`,
        `≤ ${LIMITS.p99}×`,
        row.p99Ratio <= LIMITS.p99,
      ),
    )
  }
  const p50Met = rows.filter((r) => r.p50Ratio <= LIMITS.p50).length
  const p99Met = rows.filter((r) => r.p99Ratio <= LIMITS.p99).length
  checks.push(
    check(
      'every scenario p50 vs raw pg',
      `${p50Met} of ${rows.length} rows`,
      `≤ ${LIMITS.p50}×`,
      p50Met === rows.length,
    ),
    check(
      'every scenario p99 vs raw pg',
      `${p99Met} of ${rows.length} rows`,
      `≤ ${LIMITS.p99}×`,
      p99Met === rows.length,
    ),
  )
  return checks
}

await main()
