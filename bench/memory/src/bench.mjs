// `pnpm bench:memory`: the embedded stack as `pnpm start` runs it (every service of topology.json with
// its embedded Postgres, the gateway, the shell and remotes' static servers in the runner): resident
// memory of the runner and of each service's process tree after a first start, after a workload
// through the gateway, and after a warm start (the same data directory, started again), and the
// time from launch to ready of the first and the warm start.
// Targets: RSS total ≤ 1.5 GB at every snapshot; warm start to ready ≤ 20 s.
// Usage: pnpm bench:memory [-- --rounds 300 --json FILE] (needs built services and apps: `pnpm build`).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startSystem } from '@mosaic/runner'

const TARGET = { totalMb: 1536, warmStartS: 20 }

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { rounds: { type: 'string', default: '300' }, json: { type: 'string' } },
})
const rounds = Number(values.rounds)

/** Resident set size of a process and all its descendants in MB, from /proc (Linux). */
function treeRssMb(pid) {
  let kb
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0)
  } catch {
    // Gone meanwhile.
    return 0
  }
  let children = []
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`))
      children.push(
        ...fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
      )
  } catch {
    children = []
  }
  return kb / 1024 + children.reduce((sum, child) => sum + treeRssMb(Number(child)), 0)
}

function snapshot(system) {
  const rows = [{ name: 'runner', mb: treeRssMb(process.pid) - servicesMb(system) }]
  for (const [name, handle] of Object.entries(system.services))
    rows.push({ name, mb: treeRssMb(handle.child.pid) })
  return rows
}

/** The services are the runner's children: its own figure is the tree less theirs. */
function servicesMb(system) {
  return Object.values(system.services).reduce((sum, s) => sum + treeRssMb(s.child.pid), 0)
}

async function login(url) {
  const res = await fetch(`${url}/api/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin123' }),
  })
  if (!res.ok) throw new Error(`login answered ${res.status}`)
  return (await res.json()).accessToken
}

/** Lists and searches on every service, the reads a user's session is made of. */
async function workload(url, token) {
  const paths = [
    '/api/sales/customers?q=ab',
    '/api/sales/leads',
    '/api/sales/opportunities',
    '/api/admin/users',
    '/api/admin/roles',
    '/api/orders/contracts',
    '/api/finance/payments',
    '/api/tickets/tickets',
  ]
  for (let i = 0; i < rounds; i++) {
    for (const p of paths) {
      const res = await fetch(url + p, { headers: { authorization: `Bearer ${token}` } })
      await res.arrayBuffer()
      if (!res.ok) throw new Error(`${p} answered ${res.status}`)
    }
  }
  return paths.length
}

function print(title, rows) {
  const total = rows.reduce((sum, r) => sum + r.mb, 0)
  console.log(`\n${title}`)
  for (const r of rows) console.log(`  ${r.name.padEnd(8)} ${r.mb.toFixed(0).padStart(6)} MB`)
  console.log(`  ${'total'.padEnd(8)} ${total.toFixed(0).padStart(6)} MB (${rows.length - 1} services)`)
  return { title, rows, totalMb: total }
}

async function start(dataRoot) {
  const started = performance.now()
  const system = await startSystem({
    build: false,
    freePorts: true,
    dataRoot,
    readyTimeoutMs: 300_000,
    log: () => {},
  })
  return { system, seconds: (performance.now() - started) / 1000 }
}

async function main() {
  const load = os.loadavg().map((l) => l.toFixed(2))
  console.log(
    `bench:memory — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, node ${process.version}, ` +
      `${os.cpus().length} cores, load average ${load.join(' ')}`,
  )
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mosaic-bench-memory-'))
  const report = { at: new Date().toISOString(), loadAverage: load, snapshots: [] }
  try {
    const first = await start(dataRoot)
    report.firstStartS = first.seconds
    console.log(
      `first start (every database created and initialised): ready in ${first.seconds.toFixed(1)} s`,
    )
    try {
      report.snapshots.push(print('after the first start', snapshot(first.system)))
      const token = await login(first.system.url)
      const t0 = performance.now()
      const perRound = await workload(first.system.url, token)
      const rps = (rounds * perRound) / ((performance.now() - t0) / 1000)
      report.snapshots.push(
        print(
          `after ${rounds} rounds of ${perRound} list requests (${rps.toFixed(0)} req/s)`,
          snapshot(first.system),
        ),
      )
    } finally {
      await first.system.stop(0)
    }
    const warm = await start(dataRoot)
    report.warmStartS = warm.seconds
    console.log(`\nwarm start (same data directory): ready in ${warm.seconds.toFixed(1)} s`)
    try {
      report.snapshots.push(print('after the warm start', snapshot(warm.system)))
    } finally {
      await warm.system.stop(0)
    }
  } finally {
    fs.rmSync(dataRoot, { recursive: true, force: true })
  }
  const peak = Math.max(...report.snapshots.map((s) => s.totalMb))
  report.checks = [
    {
      name: 'RSS total, whole embedded stack',
      measured: `${peak.toFixed(0)} MB at most`,
      target: `≤ ${TARGET.totalMb} MB`,
      verdict: peak <= TARGET.totalMb ? 'PASS' : 'MISS',
    },
    {
      name: 'warm start to ready',
      measured: `${report.warmStartS.toFixed(1)} s`,
      target: `≤ ${TARGET.warmStartS} s`,
      verdict: report.warmStartS <= TARGET.warmStartS ? 'PASS' : 'MISS',
    },
  ]
  console.log('\nTargets')
  for (const c of report.checks)
    console.log(`  ${c.verdict.padEnd(4)}  ${c.name.padEnd(32)}  ${c.measured}  (target ${c.target})`)
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2))
}

await main()
