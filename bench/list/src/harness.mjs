// What every figure script of this package shares: its options, the sales service started in a child
// process (serve.mjs) with tokens for the generated users, the header naming when, where and on which
// commit the figures were taken, and the PASS/MISS lines against the targets.
import { execFileSync, fork } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import { parseArgs } from 'node:util'

export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/mosaic_bench_sales'

/** The options every script takes, plus its own. */
export function options(own = {}) {
  const { values } = parseArgs({
    // `pnpm bench:x -- --flag` hands the script a literal `--`.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      url: { type: 'string', default: DEFAULT_URL },
      customers: { type: 'string', default: '1000000' },
      reset: { type: 'boolean', default: false },
      json: { type: 'string' },
      ...own,
    },
  })
  return { ...values, customers: Number(values.customers) }
}

/** Date, commit, machine and load: the figures mean little without them. */
export function header(title) {
  let commit = 'unknown'
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' })
    if (dirty.trim()) commit += '+changes'
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  const load = os.loadavg().map((l) => l.toFixed(2))
  const info = {
    title,
    at: new Date().toISOString(),
    commit,
    node: process.version,
    cores: os.cpus().length,
    loadAverage: load,
  }
  console.log(`\n${title}`)
  console.log(
    `${info.at.slice(0, 16).replace('T', ' ')} UTC, commit ${commit}, node ${info.node}, ${info.cores} cores, ` +
      `load average ${load.join(' ')}`,
  )
  return info
}

/** One target: what was measured against what was asked. `ok` null: could not be measured. */
export function check(name, measured, target, ok) {
  return { name, measured, target, verdict: ok === null ? 'N/A' : ok ? 'PASS' : 'MISS' }
}

export function printChecks(checks) {
  console.log('\nTargets')
  const width = Math.max(...checks.map((c) => c.name.length))
  for (const c of checks)
    console.log(`  ${c.verdict.padEnd(4)}  ${c.name.padEnd(width)}  ${c.measured}  (target ${c.target})`)
}

/** Writes `--json`, if asked: the header, the figures and the checks. */
export function writeJson(file, report) {
  if (file) fs.writeFileSync(file, JSON.stringify(report, null, 2))
}

export const ms = (v, width = 7) => (Number.isFinite(v) ? v.toFixed(1) : '–').padStart(width)

/**
 * The sales service from this checkout's sources in a child process, with production logging, a bare
 * Express route beside it, and tokens for `users`. `next()` answers its messages in order.
 */
export async function startService(url, users) {
  const child = fork(new URL('./serve.mjs', import.meta.url), {
    // The service from this checkout's sources, as the bench itself runs (no build needed).
    execArgv: ['--conditions', 'source', '--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: url, BENCH_USERS: JSON.stringify(users) },
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
  // The bench dying must not leave the service running.
  const killChild = () => child.kill()
  process.once('exit', killChild)
  child.on('exit', (code) => {
    process.off('exit', killChild)
    exited = new Error(`The service exited (${code})`)
    for (const w of waiting.splice(0)) w.reject(exited)
  })
  const next = () =>
    new Promise((resolve, reject) => {
      if (messages.length) resolve(messages.shift())
      else if (exited) reject(exited)
      else waiting.push({ resolve, reject })
    })
  const ready = await next()
  const origin = `http://127.0.0.1:${ready.port}`
  return {
    child,
    next,
    origin,
    base: `${origin}/api/sales`,
    bareOrigin: `http://127.0.0.1:${ready.barePort}`,
    helmetedOrigin: `http://127.0.0.1:${ready.helmetedPort}`,
    auth: (user) => ({ authorization: `Bearer ${ready.tokens[user]}` }),
    /** The statements the next request issues, with their parameters. */
    async capture(request) {
      child.send('capture')
      await next()
      await request()
      child.send('captured')
      return (await next()).captured
    },
    /** The child's CPU time so far (µs, user + system). */
    async cpu() {
      child.send('cpu')
      const { cpu } = await next()
      return cpu.user + cpu.system
    },
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve()
        child.once('exit', resolve)
        child.send('stop')
      }),
  }
}

const TRANSACTION_CONTROL = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET )/i

/**
 * For a MISS: the statements one request sent, each timed again on `client`, the slowest `top` listed and
 * the slowest one's plan printed (EXPLAIN ANALYZE, BUFFERS).
 */
export async function slowestStatements(service, client, request, top = 5) {
  const statements = (await service.capture(request)).filter((s) => !TRANSACTION_CONTROL.test(s.query.trim()))
  const timed = []
  for (const { query, parameters } of statements) {
    const started = performance.now()
    await client.query(query, parameters)
    timed.push({ query, parameters, ms: performance.now() - started })
  }
  timed.sort((a, b) => b.ms - a.ms)
  const total = timed.reduce((sum, t) => sum + t.ms, 0)
  console.log(`  ${statements.length} statements, ${total.toFixed(0)} ms in all; the slowest:`)
  for (const t of timed.slice(0, top))
    console.log(`  ${t.ms.toFixed(1).padStart(8)} ms  ${t.query.replace(/\s+/g, ' ').slice(0, 150)}`)
  const [slowest] = timed
  if (slowest && /^\s*(SELECT|WITH)/i.test(slowest.query)) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.query}`, slowest.parameters)
    console.log(`\n${slowest.query}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`)
  }
  return timed
}
