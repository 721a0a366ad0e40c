// Starts the whole local system: build, services, first-run init, static servers, gateway.
// Used by `pnpm start` (start.mjs) and by the e2e suite.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createGateway } from './gateway.mjs'
import { createStaticServer } from './static-server.mjs'
import { spawnService, waitReady, run, describeExit } from './processes.mjs'
import {
  resolveTopology,
  gatewayRoutes,
  remotesManifest,
  findFreeBasePort,
  SHELL,
  REMOTES,
  SERVICES,
} from './topology.mjs'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

const envName = (service) => service.toUpperCase().replace(/[^A-Z0-9]/g, '_')

/** The environment one service child gets; see DESIGN.md "Running". */
export function serviceEnv(service, { topology, baseEnv, dataRoot, mode, serviceSecret }) {
  const env = { ...baseEnv }
  // A shared DATABASE_URL would put every service in one database; only the per-service
  // variable counts, and no service sees another's credentials.
  delete env.DATABASE_URL
  for (const s of topology.services) delete env[`${envName(s.name)}_DATABASE_URL`]
  const dbUrl = baseEnv[`${envName(service.name)}_DATABASE_URL`]
  if (dbUrl) env.DATABASE_URL = dbUrl

  const admin = topology.services.find((s) => s.name === 'admin')
  Object.assign(env, {
    PORT: String(service.port),
    MOSAIC_MODE: mode,
    // Request logs are for debugging a service; `LOG_LEVEL=info pnpm start` shows them.
    LOG_LEVEL: baseEnv.LOG_LEVEL || 'warn',
    DATA_DIR: path.join(dataRoot, service.name),
    PUBLIC_ORIGIN: `http://localhost:${topology.gateway.port}`,
    JWKS_URL: `http://localhost:${admin?.port ?? 3001}/api/admin/.well-known/jwks.json`,
  })
  // Direct service-to-service addresses (internal endpoints are not behind the gateway).
  for (const s of topology.services) env[`${envName(s.name)}_SERVICE_URL`] = `http://localhost:${s.port}`
  // Signs service-to-service tokens: the services of one installation must share it.
  if (serviceSecret) env.SERVICE_SECRET = serviceSecret
  return env
}

/** The installation's SERVICE_SECRET, kept in `<dataRoot>/service-secret` (created on first use, owner-only). */
export function ensureServiceSecret(dataRoot) {
  const file = path.join(dataRoot, 'service-secret')
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  } catch (err) {
    if (err.code !== 'ENOENT') throw err
  }
  fs.mkdirSync(dataRoot, { recursive: true })
  const secret = crypto.randomBytes(32).toString('base64url')
  fs.writeFileSync(file, secret, { mode: 0o600 })
  fs.chmodSync(file, 0o600)
  return secret
}

const words = (key) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()

/** Renders the admin InitResult (`{ roles: { created, existing }, ..., adminUser }`) for people. */
export function describeInit(body) {
  if (!body || typeof body !== 'object') return 'done'
  const parts = []
  for (const [key, v] of Object.entries(body)) {
    if (v && typeof v === 'object' && v.created > 0) parts.push(`${v.created} ${words(key)}`)
    else if (v === 'created') parts.push(`${words(key)} created`)
  }
  return parts.length ? parts.join(', ') : 'nothing new (already initialised)'
}

/** First-run initialisation; idempotent on the admin side, so it runs on every start. */
async function initialise({ adminPort, dataRoot, log }) {
  const tokenFile = path.join(dataRoot, 'admin', 'init-token')
  let token
  try {
    token = fs.readFileSync(tokenFile, 'utf8').trim()
  } catch {
    return log(`Initialisation skipped: no init token at ${tokenFile}`)
  }
  let res
  try {
    res = await fetch(`http://localhost:${adminPort}/api/admin/init`, {
      method: 'POST',
      // No body: the init route takes none and refuses one (400 http.body_not_allowed).
      headers: { 'x-init-token': token },
      signal: AbortSignal.timeout(120_000), // seeding demo data can take a while
    })
  } catch (err) {
    return log(`Warning: initialisation failed: ${err.message}`)
  }
  const body = await res.json().catch(() => null)
  if (res.status === 200 || res.status === 201) log(`Initialised: ${describeInit(body)}`)
  else if (res.status === 409) log('Already initialised.')
  else log(`Warning: initialisation answered ${res.status}${body?.detail ? `: ${body.detail}` : ''}`)
}

function missingBuildOutputs(repoRoot, topology) {
  const needed = [
    ...topology.services.map((s) => path.join(s.dir, 'dist/main.js')),
    path.join(topology.shell.dir, 'dist/index.html'),
    ...topology.remotes.map((r) => path.join(r.dir, 'dist/remoteEntry.js')),
  ]
  return needed.filter((rel) => !fs.existsSync(path.join(repoRoot, rel)))
}

/**
 * @param {object} [opts]
 * @param {number} [opts.port] gateway port (default: env PORT, else basePort, else 8080)
 * @param {number} [opts.basePort] derive every port from this base (see topology.mjs)
 * @param {boolean} [opts.freePorts] pick a free basePort
 * @param {boolean} [opts.build=true] run `pnpm exec turbo run build` first
 * @param {Record<string,string|undefined>} [opts.env] overrides merged over process.env
 *        (MOSAIC_MODE, DATA_ROOT, REMOTES_JSON, <SERVICE>_DATABASE_URL, PORT ...)
 * @param {string} [opts.dataRoot] where `<service>/` data dirs live (default env DATA_ROOT, else <repo>/.data)
 * @param {number} [opts.readyTimeoutMs=180000] how long each service may take to answer /readyz
 */
export async function startSystem(opts = {}) {
  const {
    repoRoot = REPO_ROOT,
    build = true,
    log = (line) => console.log(line),
    host = '127.0.0.1',
    // A first start creates every service's database; on a slow or busy machine that alone
    // has taken over a minute (admin: ~70 s at load 20 on two cores).
    readyTimeoutMs = 180_000,
    stopTimeoutMs = 10_000,
    signal,
    tables = {},
  } = opts
  const baseEnv = { ...process.env, ...opts.env }
  if (build) await run('pnpm', ['exec', 'turbo', 'run', 'build'], { cwd: repoRoot, env: baseEnv, signal })
  // Free ports are picked after the build: minutes of building leave time for someone else to take them.
  const basePort = opts.basePort ?? (opts.freePorts ? await findFreeBasePort() : undefined)
  const envPort = basePort === undefined && baseEnv.PORT ? Number(baseEnv.PORT) : undefined
  const topology = resolveTopology({
    port: opts.port ?? envPort,
    basePort,
    shell: tables.shell ?? SHELL,
    remotes: tables.remotes ?? REMOTES,
    services: tables.services ?? SERVICES,
  })
  const dataRoot = path.resolve(repoRoot, opts.dataRoot ?? baseEnv.DATA_ROOT ?? '.data')
  const mode = baseEnv.MOSAIC_MODE || 'demo'
  const serviceSecret = baseEnv.SERVICE_SECRET || ensureServiceSecret(dataRoot)

  const missing = missingBuildOutputs(repoRoot, topology)
  if (missing.length) throw new Error(`Build output missing (did the build fail?): ${missing.join(', ')}`)

  const services = {}
  const remotes = {}
  let shell
  let gateway
  let stopping = null
  let resolveDone
  const done = new Promise((r) => (resolveDone = r))

  // Children live in their own process groups, so nothing else reaps them if we die.
  const killChildren = () => Object.values(services).forEach((s) => s.exitInfo || s.kill())
  process.on('exit', killChildren)

  async function stop(exitCode = 0) {
    stopping ??= (async () => {
      await Promise.allSettled([
        gateway?.close(),
        shell?.close(),
        ...Object.values(remotes).map((r) => r.close()),
      ])
      await Promise.allSettled(Object.values(services).map((s) => s.stop(stopTimeoutMs)))
      process.off('exit', killChildren)
      resolveDone(exitCode)
      return exitCode
    })()
    return stopping
  }

  // Servers created after a crash began the shutdown would outlive it.
  function assertStarting() {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted')
    if (stopping) throw new Error('Start-up aborted: a service exited.')
  }

  const deliberatelyStopped = new Set()
  // The service whose own exit brought start-up down: its error explains the failure, the
  // others only report that they were stopped.
  let firstToExit
  function launch(svc) {
    fs.mkdirSync(path.join(dataRoot, svc.name), { recursive: true })
    const handle = spawnService({
      name: svc.name,
      script: 'dist/main.js',
      cwd: path.join(repoRoot, svc.dir),
      log,
      env: serviceEnv(svc, { topology, baseEnv, dataRoot, mode, serviceSecret }),
    })
    services[svc.name] = handle
    deliberatelyStopped.delete(svc.name)
    handle.exited.then((info) => {
      if (stopping || deliberatelyStopped.has(svc.name)) return
      firstToExit ??= svc.name
      log(`Service ${svc.name} ${describeExit(info)} unexpectedly; shutting down.`)
      stop(typeof info.code === 'number' && info.code !== 0 ? info.code : 1)
    })
    return waitReady(`http://localhost:${svc.port}/readyz`, {
      handle,
      timeoutMs: readyTimeoutMs,
      signal,
    }).catch((err) => {
      throw new Error(`${err.message}\n--- last output of ${svc.name} ---\n${handle.output()}`)
    })
  }

  try {
    const launched = await Promise.allSettled(topology.services.map(launch))
    const failed = launched.flatMap((r, i) =>
      r.status === 'rejected' ? [{ name: topology.services[i].name, error: r.reason }] : [],
    )
    if (failed.length) throw (failed.find((f) => f.name === firstToExit) ?? failed[0]).error
    const admin = topology.services.find((s) => s.name === 'admin')
    if (admin) await initialise({ adminPort: admin.port, dataRoot, log })
    assertStarting()

    shell = await createStaticServer({
      root: path.join(repoRoot, topology.shell.dir, 'dist'),
      port: topology.shell.port,
      host,
      spa: true,
    })
    for (const r of topology.remotes) remotes[r.name] = await startRemoteServer(r)
    assertStarting()
    gateway = await createGateway({
      port: topology.gateway.port,
      host,
      routes: gatewayRoutes(topology),
      remotesJson: remotesManifest(topology),
      remotesJsonFile: baseEnv.REMOTES_JSON || undefined,
    })
    assertStarting()
  } catch (err) {
    await stop(1)
    throw err
  }

  function startRemoteServer(r) {
    return createStaticServer({
      root: path.join(repoRoot, r.dir, 'dist'),
      port: r.port,
      host,
      prefix: `/remotes/${r.name}`,
    })
  }

  const url = `http://localhost:${gateway.port}`
  log(`Mosaic CRM is running at ${url}`)
  if (mode === 'demo') {
    log('Demo login: admin / admin123')
    log(
      'Demo data: 系统管理 → 数据初始化, or POST /api/admin/demo (users such as east.manager, east.rep1 / demo1234)',
    )
  }
  // Only when the remote that serves it runs (the shell mounts the portal from the service remote).
  if (topology.remotes.some((r) => r.name === 'service'))
    log(`Customer portal: ${url}/portal/login (accounts: 服务 → 客户账号)`)

  return {
    url,
    topology,
    dataRoot,
    services,
    done,
    servers: { gateway, shell, remotes },
    stop,
    /** Stops a remote's static server, e.g. to check the shell's fallback. */
    async stopRemote(name) {
      await remotes[name]?.close()
    },
    async startRemote(name) {
      const r = topology.remotes.find((x) => x.name === name)
      if (!r) throw new Error(`Unknown remote ${name}`)
      if (!remotes[name]?.server.listening) remotes[name] = await startRemoteServer(r)
    },
    /** Stops one service (SIGTERM, then SIGKILL) without it counting as a crash. */
    async stopService(name) {
      if (!services[name]) throw new Error(`Unknown service ${name}`)
      deliberatelyStopped.add(name)
      return services[name].stop(stopTimeoutMs)
    },
    /** Starts a service stopped with stopService again and waits until it is ready. */
    async startService(name) {
      const svc = topology.services.find((s) => s.name === name)
      if (!svc) throw new Error(`Unknown service ${name}`)
      if (!services[name].exitInfo) return
      await launch(svc)
    },
  }
}
