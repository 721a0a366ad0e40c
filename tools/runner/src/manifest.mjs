// topology.json, the one list of what an installation runs: read and checked here, used by the
// runner (topology.mjs) and by `pnpm topology` (generate-deploy.mjs).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const MANIFEST_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../topology.json',
)

// Fixed ports count from these; a derived run (resolveTopology's basePort) has room for nine of each.
export const REMOTE_ORIGIN = 5100
export const SERVICE_ORIGIN = 3000
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

const pluck = (rows, key) => rows.map((row) => row?.[key])

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
    ...duplicates('remote name', pluck(remotes, 'name')),
    ...duplicates('service name', pluck(services, 'name')),
    ...duplicates('database', pluck(services, 'database')),
    ...duplicates('port', pluck([manifest?.gateway, manifest?.shell, ...remotes, ...services], 'port')),
  ]
}

/** Reads topology.json; a mistake in it stops `pnpm start` and `pnpm topology` with every problem listed. */
export function loadManifest(file = MANIFEST_FILE) {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'))
  const problems = manifestProblems(manifest)
  if (problems.length) throw new Error(`${file} is not a valid topology:\n  ${problems.join('\n  ')}`)
  return manifest
}
