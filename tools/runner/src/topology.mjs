// The one table of what `pnpm start` runs, read from topology.json at the repo root (which
// `pnpm topology` also turns into the docker files). Ports there are the fixed contract the apps,
// services, e2e and docker files are built against; this module derives a run's concrete ports.
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const MANIFEST_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../topology.json',
)

// Fixed ports count from these; a derived run (resolveTopology's basePort) has room for nine of each.
const REMOTE_ORIGIN = 5100
const SERVICE_ORIGIN = 3000
const REMOTE_PORTS = [REMOTE_ORIGIN + 1, REMOTE_ORIGIN + 9]
const SERVICE_PORTS = [SERVICE_ORIGIN + 1, SERVICE_ORIGIN + 9]
// Compose service names the generated docker-compose.yml uses for itself.
const RESERVED_SERVICE_NAMES = ['postgres', 'gateway', 'shell']
const NAME = /^[a-z][a-z0-9-]*$/
const DATABASE = /^[a-z_][a-z0-9_]*$/
const ENV_KEY = /^[A-Z][A-Z0-9_]*$/
const APP_KEYS = ['name', 'dir', 'port']
const SERVICE_KEYS = [...APP_KEYS, 'database', 'composeEnv', 'files']

function rowProblems(where, row, [min, max], keys = APP_KEYS) {
  if (!row || typeof row !== 'object') return [`${where}: not an object`]
  // A misspelt key would otherwise be ignored without a word.
  const problems = Object.keys(row)
    .filter((key) => !keys.includes(key))
    .map((key) => `${where}: unknown key ${key}`)
  if (typeof row.name !== 'string' || !NAME.test(row.name)) problems.push(`${where}: name must match ${NAME}`)
  if (typeof row.dir !== 'string' || !row.dir) problems.push(`${where}: dir is required`)
  if (!Number.isInteger(row.port) || row.port < min || row.port > max)
    problems.push(`${where}: port must be an integer in ${min}..${max}`)
  return problems
}

function serviceProblems(where, service) {
  const problems = rowProblems(where, service, SERVICE_PORTS, SERVICE_KEYS)
  if (!service || typeof service !== 'object') return problems
  if (RESERVED_SERVICE_NAMES.includes(service.name))
    problems.push(`${where}: the name ${service.name} is taken`)
  if (typeof service.database !== 'string' || !DATABASE.test(service.database))
    problems.push(`${where}: database must match ${DATABASE}`)
  for (const [key, value] of Object.entries(service.composeEnv ?? {})) {
    if (!ENV_KEY.test(key)) problems.push(`${where}: composeEnv key ${key} must match ${ENV_KEY}`)
    if (value !== null && typeof value !== 'string')
      problems.push(`${where}: composeEnv.${key} must be a string or null`)
  }
  if (service.files !== undefined && typeof service.files !== 'boolean')
    problems.push(`${where}: files must be true or false`)
  return problems
}

function duplicates(what, values) {
  const seen = new Set()
  return values.flatMap((v) => (seen.has(v) ? [`${what} ${v} is used twice`] : (seen.add(v), [])))
}

/** The manifest's mistakes, one line each; empty when it is usable. */
export function manifestProblems(manifest) {
  const remotes = Array.isArray(manifest?.remotes) ? manifest.remotes : []
  const services = Array.isArray(manifest?.services) ? manifest.services : []
  return [
    ...(Number.isInteger(manifest?.gateway?.port) ? [] : ['gateway.port must be an integer']),
    ...(Array.isArray(manifest?.remotes) ? [] : ['remotes must be a list']),
    ...(Array.isArray(manifest?.services) ? [] : ['services must be a list']),
    ...rowProblems('shell', manifest?.shell, [1, 65535]),
    ...remotes.flatMap((r, i) => rowProblems(`remotes[${i}]`, r, REMOTE_PORTS)),
    ...services.flatMap((s, i) => serviceProblems(`services[${i}]`, s)),
    ...duplicates(
      'remote name',
      remotes.map((r) => r?.name),
    ),
    ...duplicates(
      'service name',
      services.map((s) => s?.name),
    ),
    ...duplicates(
      'database',
      services.map((s) => s?.database),
    ),
    ...duplicates(
      'port',
      [manifest?.gateway, manifest?.shell, ...remotes, ...services].map((r) => r?.port),
    ),
  ]
}

/** Reads topology.json; a mistake in it stops `pnpm start` and `pnpm topology` with every problem listed. */
export function loadManifest(file = MANIFEST_FILE) {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'))
  const problems = manifestProblems(manifest)
  if (problems.length) throw new Error(`${file} is not a valid topology:\n  ${problems.join('\n  ')}`)
  return manifest
}

const MANIFEST = loadManifest()

export const GATEWAY_PORT = MANIFEST.gateway.port
export const SHELL = MANIFEST.shell

/** Federated remotes, each served at `/remotes/<name>/` by its own static server. */
export const REMOTES = MANIFEST.remotes

/** Express services, each reached through the gateway at `/api/<name>/`. */
export const SERVICES = MANIFEST.services

/**
 * Concrete ports for one run. With `basePort` every port is derived from it so a second
 * instance (e2e) never clashes with a developer's: gateway = base, shell = base+1,
 * remotes base+10+n, services base+20+n, where n is the row's offset from its fixed port
 * (so adding a row never moves the others).
 */
export function resolveTopology({
  port,
  basePort,
  shell = SHELL,
  remotes = REMOTES,
  services = SERVICES,
} = {}) {
  const derive = (fixed, origin, offset) => (basePort ? basePort + offset + (fixed - origin) : fixed)
  return {
    gateway: { port: port ?? basePort ?? GATEWAY_PORT },
    shell: { ...shell, port: derive(shell.port, SHELL.port, 1) },
    remotes: remotes.map((r) => ({ ...r, port: derive(r.port, REMOTE_ORIGIN, 10) })),
    services: services.map((s) => ({ ...s, port: derive(s.port, SERVICE_ORIGIN, 20) })),
  }
}

/** Runtime federation config the shell fetches; entries are same-origin paths via the gateway. */
export function remotesManifest(topology) {
  return {
    remotes: topology.remotes.map((r) => ({ name: r.name, entry: `/remotes/${r.name}/remoteEntry.js` })),
  }
}

/** Gateway routing table; upstreams use the `localhost` name like everything else. */
export function gatewayRoutes(topology) {
  const up = (port) => `http://localhost:${port}`
  return [
    ...topology.services.map((s) => ({
      name: s.name,
      prefix: `/api/${s.name}/`,
      target: up(s.port),
      kind: 'api',
    })),
    ...topology.remotes.map((r) => ({
      name: r.name,
      prefix: `/remotes/${r.name}/`,
      target: up(r.port),
      kind: 'remote',
    })),
    { name: 'shell', prefix: '/', target: up(topology.shell.port), kind: 'app' },
  ]
}

export function allPorts(topology) {
  return [
    topology.gateway.port,
    topology.shell.port,
    ...topology.remotes.map((r) => r.port),
    ...topology.services.map((s) => s.port),
  ]
}

export function isPortFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    // No host: the wildcard bind also conflicts with a process on 127.0.0.1 or ::1 only.
    probe.listen({ port, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

/** A base port whose whole derived block (base..base+29) is currently free. */
export async function findFreeBasePort({ min = 20000, max = 60000, attempts = 50 } = {}) {
  for (let i = 0; i < attempts; i++) {
    const base = min + 100 * Math.floor((Math.random() * (max - min)) / 100)
    const block = Array.from({ length: 30 }, (_, n) => base + n)
    const free = await Promise.all(block.map(isPortFree))
    if (free.every(Boolean)) return base
  }
  throw new Error('No free block of ports found')
}
