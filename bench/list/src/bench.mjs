// `pnpm bench:list`: fills (once) a dedicated Postgres database with generated customers, starts
// the sales service from this checkout against it, and prints per role and filter the API's
// p50/p95/p99 beside the raw SQL the same request issued, then throughput at 50 connections and
// /healthz against a bare Express route.
//   --url URL          database (default postgres://postgres@127.0.0.1:5432/mosaic_bench_sales)
//   --customers N      rows to generate (default 1000000)
//   --reset            drop and regenerate the database
//   --generate-only    stop after generating
//   --seconds S        per throughput run (default 8)
//   --connections C    for throughput runs (default 50)
//   --json FILE        also write the figures
import { fork } from 'node:child_process'
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { generate } from './generate.mjs'
import { load, percentile, sample } from './load.mjs'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/mosaic_bench_sales' },
    customers: { type: 'string', default: '1000000' },
    reset: { type: 'boolean', default: false },
    'generate-only': { type: 'boolean', default: false },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '50' },
    json: { type: 'string' },
  },
})

/** What a user of each role opens: the first page, filters, keyword, number prefix, short name. */
export const SCENARIOS = [
  ['admin', 'first page', '/customers?limit=20'],
  ['mgr-1', 'first page', '/customers?limit=20'],
  ['rep-1-1', 'first page', '/customers?limit=20'],
  ['admin', 'status filter', '/customers?limit=20&status=negotiating'],
  ['rep-1-1', 'status filter', '/customers?limit=20&status=negotiating'],
  ['admin', 'locked', '/customers?limit=20&locked=true'],
  ['admin', 'level+industry', '/customers?limit=20&level=A&industry=finance'],
  ['rep-1-1', 'view=team', '/customers?limit=20&view=team'],
  ['admin', 'keyword 杭州恒通', `/customers?limit=20&q=${encodeURIComponent('杭州恒通')}`],
  ['rep-1-1', 'keyword 杭州恒通', `/customers?limit=20&q=${encodeURIComponent('杭州恒通')}`],
  ['rep-1-1', 'common word 有限公司', `/customers?limit=20&q=${encodeURIComponent('有限公司')}`],
  ['admin', 'number prefix KH2025', '/customers?limit=20&q=KH2025'],
  ['rep-1-1', 'number prefix KH2025', '/customers?limit=20&q=KH2025'],
  ['admin', '2-char name 华鑫', `/customers?limit=20&q=${encodeURIComponent('华鑫')}`],
  ['rep-1-1', '2-char name 华鑫', `/customers?limit=20&q=${encodeURIComponent('华鑫')}`],
  ['admin', 'contacts', '/contacts?limit=20'],
  ['rep-1-1', 'contacts', '/contacts?limit=20'],
  ['rep-1-1', 'follow-ups', '/followups?limit=20'],
  ['rep-1-1', 'opportunities', '/opportunities?limit=20'],
]
const USERS = [...new Set(SCENARIOS.map(([user]) => user))]

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–').padStart(7)
const TRANSACTION_CONTROL = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i

function startChild(url) {
  const child = fork(new URL('./serve.mjs', import.meta.url), {
    // The service from this checkout's sources, as the bench itself runs (no build needed).
    execArgv: ['--conditions', 'source', '--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: url, BENCH_USERS: JSON.stringify(USERS) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  // Messages and waiters meet in order, whichever comes first.
  const messages = []
  const waiting = []
  let exited = null
  child.on('message', (message) => {
    const waiter = waiting.shift()
    if (waiter) waiter.resolve(message)
    else messages.push(message)
  })
  child.on('exit', (code) => {
    exited = new Error(`The service exited (${code})`)
    for (const w of waiting.splice(0)) w.reject(exited)
  })
  const next = () =>
    new Promise((resolve, reject) => {
      if (messages.length) resolve(messages.shift())
      else if (exited) reject(exited)
      else waiting.push({ resolve, reject })
    })
  return { child, next }
}

/** The SQL one request issued, each statement timed on its own connection (median of up to 16 runs in about 2 s). */
async function rawSql(client, statements) {
  const timings = []
  for (const { query, parameters } of statements) {
    if (TRANSACTION_CONTROL.test(query.trim())) continue
    const runs = []
    const until = performance.now() + 2000
    for (let i = 0; i < 18 && (runs.length < 3 || performance.now() < until); i++) {
      const started = performance.now()
      await client.query(query, parameters)
      if (i >= 2) runs.push(performance.now() - started)
    }
    runs.sort((a, b) => a - b)
    timings.push({ query, median: percentile(runs, 50) })
  }
  const page = timings.filter((t) => /ORDER BY/i.test(t.query)).at(-1)
  return {
    statements: statements.length,
    pageSql: page?.median ?? NaN,
    allSql: timings.reduce((sum, t) => sum + t.median, 0),
  }
}

async function main() {
  const url = values.url
  const customers = Number(values.customers)
  await generate({ url, customers, reset: values.reset })
  if (values['generate-only']) return
  const { child, next } = startChild(url)
  const ready = await next()
  const base = `http://127.0.0.1:${ready.port}/api/sales`
  const auth = (user) => ({ authorization: `Bearer ${ready.tokens[user]}` })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const results = { customers, at: new Date().toISOString(), scenarios: [], throughput: [] }
  try {
    // What any answer costs on this machine before the service does anything: the probe, one connection.
    const roundTrip = await sample(`http://127.0.0.1:${ready.port}/healthz`, {}, { count: 200, seconds: 4 })
    results.httpRoundTrip = roundTrip
    console.log(`\nHTTP round trip (/healthz, one connection): p50 ${roundTrip.p50.toFixed(2)} ms`)
    console.log(`\n${customers} customers — one connection, sequential requests (ms)`)
    console.log(
      `${'user'.padEnd(8)} ${'scenario'.padEnd(24)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}  ${'page SQL'.padStart(8)} ${'all SQL'.padStart(8)} stmts  overhead`,
    )
    for (const [user, name, path] of SCENARIOS) {
      const latency = await sample(base + path, auth(user))
      // The SQL of one more request of the same kind, recorded on its own.
      child.send('capture')
      await next()
      await sample(base + path, auth(user), { count: 1, warmups: 0 })
      child.send('captured')
      const { captured: perRequest } = await next()
      const sql = await rawSql(client, perRequest)
      const overhead = latency.p50 - sql.allSql
      results.scenarios.push({ user, name, path, ...latency, ...sql, overhead })
      console.log(
        `${user.padEnd(8)} ${name.padEnd(24)} ${ms(latency.p50)} ${ms(latency.p95)} ${ms(latency.p99)}  ${ms(sql.pageSql)} ${ms(sql.allSql)}  ${String(sql.statements).padStart(4)}  ${ms(overhead)}`,
      )
    }
    const connections = Number(values.connections)
    const seconds = Number(values.seconds)
    console.log(`\nThroughput: ${connections} connections, ${seconds} s each`)
    const runs = [
      ['admin list', base + '/customers?limit=20', auth('admin')],
      ['rep list', base + '/customers?limit=20', auth('rep-1-1')],
      ['sales /healthz', `http://127.0.0.1:${ready.port}/healthz`, {}],
      ['bare Express route', `http://127.0.0.1:${ready.barePort}/healthz`, {}],
      ['bare + helmet headers', `http://127.0.0.1:${ready.helmetedPort}/healthz`, {}],
    ]
    // Service CPU µs per answer: the child's user + system time over the run, per request served.
    const cpuNow = async () => {
      child.send('cpu')
      const { cpu } = await next()
      return cpu.user + cpu.system
    }
    for (const [name, target, headers] of runs) {
      const before = await cpuNow()
      const r = await load(target, headers, { connections, seconds })
      const cpuPerRequest = (await cpuNow()) - before
      r.serviceCpuUs = cpuPerRequest / r.n
      results.throughput.push({ name, ...r })
      console.log(
        `${name.padEnd(21)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${ms(r.p50)}  p99 ${ms(r.p99)}   service CPU ${r.serviceCpuUs.toFixed(0).padStart(5)} µs/req`,
      )
    }
    const [healthz, bare, helmeted] = results.throughput.slice(-3)
    const pct = (a, b) => `${((a / b) * 100).toFixed(0)} %`
    console.log(
      `/healthz: ${pct(healthz.rps, bare.rps)} of the bare route's rate, ${pct(healthz.rps, helmeted.rps)} of the same ` +
        `route with the same headers; service CPU per answer ${pct(healthz.serviceCpuUs, bare.serviceCpuUs)} of the bare route's`,
    )
    if (values.json) fs.writeFileSync(values.json, JSON.stringify(results, null, 2))
  } finally {
    await client.end()
    child.send('stop')
  }
}

await main()
