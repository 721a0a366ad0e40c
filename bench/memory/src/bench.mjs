// Memory of the embedded default: starts the whole system as `pnpm start` does (fresh data
// directory, so first-run initialisation is included), drives a short workload through the
// gateway and prints the resident memory of the runner and of each service.
// Usage: pnpm bench:memory [-- --rounds 300] (needs built services and apps: run `pnpm start` once).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startSystem } from '@mosaic/runner'

/** Services the design plans (DESIGN.md): the projection for all of them uses the measured average. */
const PLANNED_SERVICES = 5
const TARGET_MB = 1536

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { rounds: { type: 'string', default: '300' } },
})
const rounds = Number(values.rounds)

/** Resident set size of a process in MB, from /proc (Linux). */
function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024
}

function snapshot(system) {
  const rows = [{ name: 'runner', mb: rssMb(process.pid) }]
  for (const [name, handle] of Object.entries(system.services))
    rows.push({ name, mb: rssMb(handle.child.pid) })
  return rows
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

/** Lists and searches on both services, the reads a user's session is made of. */
async function workload(url, token) {
  const paths = [
    '/api/sales/customers?q=ab',
    '/api/sales/leads',
    '/api/sales/opportunities',
    '/api/admin/users',
    '/api/admin/roles',
  ]
  for (let i = 0; i < rounds; i++) {
    for (const p of paths) {
      const res = await fetch(url + p, { headers: { authorization: `Bearer ${token}` } })
      await res.arrayBuffer()
      if (!res.ok) throw new Error(`${p} answered ${res.status}`)
    }
  }
}

function print(title, rows) {
  const services = rows.filter((r) => r.name !== 'runner')
  const total = rows.reduce((sum, r) => sum + r.mb, 0)
  const perService = services.reduce((sum, r) => sum + r.mb, 0) / services.length
  const projected = rows[0].mb + perService * PLANNED_SERVICES
  console.log(`\n${title}`)
  for (const r of rows) console.log(`  ${r.name.padEnd(8)} ${r.mb.toFixed(0).padStart(6)} MB`)
  console.log(`  ${'total'.padEnd(8)} ${total.toFixed(0).padStart(6)} MB (${services.length} services)`)
  console.log(
    `  projected for ${PLANNED_SERVICES} services: ${projected.toFixed(0)} MB (target ≤ ${TARGET_MB} MB: ${projected <= TARGET_MB ? 'met' : 'missed'})`,
  )
}

const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mosaic-bench-memory-'))
const started = Date.now()
const system = await startSystem({
  build: false,
  freePorts: true,
  dataRoot,
  readyTimeoutMs: 300_000,
  log: () => {},
})
try {
  console.log(
    `node ${process.version}, ${os.cpus().length} cores; started in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  print('after a fresh start (first-run initialisation included)', snapshot(system))
  const token = await login(system.url)
  const t0 = Date.now()
  await workload(system.url, token)
  const seconds = (Date.now() - t0) / 1000
  print(
    `after ${rounds} rounds of 5 list requests (${((rounds * 5) / seconds).toFixed(0)} req/s)`,
    snapshot(system),
  )
} finally {
  await system.stop(0)
  fs.rmSync(dataRoot, { recursive: true, force: true })
}
