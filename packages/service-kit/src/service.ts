import { join } from 'node:path'
import type { Server } from 'node:http'
import express, { type Express, type RequestHandler } from 'express'
import helmet from 'helmet'
import cookieParser from 'cookie-parser'
import { pino, type Logger } from 'pino'
import type { BaseConfig } from './config.js'
import { openDatabase, type Database, type DatabaseOptions } from './db/database.js'
import { authenticate, type TokenVerifier } from './auth/verifier.js'
import { ApiRouter } from './http/route.js'
import { notFoundHandler, problemHandler } from './http/problem.js'
import { createHttpServer } from './http/server.js'
import { requestLog } from './http/request-log.js'
import {
  createServiceClient,
  httpTransport,
  type EventTransport,
  type ServiceClient,
} from './events/client.js'
import { Dispatcher, type Backoff } from './events/dispatcher.js'
import { registerInboxRoute, type EventHandlers } from './events/inbox.js'
import { peersFromConfig } from './events/peers.js'
import { requireServiceToken } from './events/service-token.js'
import { startJobs, type JobHandle, type ServiceJob } from './jobs/jobs.js'
import type { Access } from './http/route.js'
import type { AnyRecordStore } from './records/record-store.js'
import { registerAuditSearchRoute, registerRecycleBinRoutes } from './records/trail-routes.js'

export interface ServiceParts {
  config: BaseConfig
  db: Database
  logger: Logger
  api: ApiRouter
  /** Routes under `/api/<service>/internal`: service tokens only, never in the public OpenAPI. */
  internal: ApiRouter
  /**
   * Routes under `/api/<service>/portal` for callers signed in to the service's own portal (customers, not
   * staff): authenticated by `ServiceDefinition.portal`'s verifier only; access `'portal'` or `'public'`.
   */
  portal: ApiRouter
  /** Calls other services' internal endpoints. */
  serviceClient: ServiceClient
}

export interface ServiceEventOptions {
  /** Topic or pattern (`admin.user.*`) → handler, run by the inbox in the receiving transaction. */
  handlers?: EventHandlers
  /** Replaces HTTP delivery (tests, or a broker one day). */
  transport?: EventTransport
  /** Retry timing (default 500 ms doubling up to 60 s). */
  backoff?: Partial<Backoff>
}

export interface ServiceDefinition<C extends BaseConfig> {
  config: C
  database: Pick<DatabaseOptions, 'entities' | 'migrations'>
  /** Built after the database is open (the admin service reads its signing keys from it). */
  verifier: (parts: { db: Database; config: C; logger: Logger }) => Promise<TokenVerifier> | TokenVerifier
  /**
   * The verifier of portal tokens (its own issuer, audience and keys), required when routes are declared on
   * `portal`. Staff tokens never reach it, and portal tokens never reach the staff verifier.
   */
  portal?: {
    verifier: (parts: { db: Database; config: C; logger: Logger }) => Promise<TokenVerifier> | TokenVerifier
  }
  /** Registers the service's routes; may return extra raw Express middleware mounted first (e.g. cookies). */
  routes: (parts: ServiceParts & { config: C }) => Promise<void> | void
  /** Runs once after the routes are in place (e.g. first-run initialisation). */
  onReady?: (parts: ServiceParts & { config: C }) => Promise<void> | void
  events?: ServiceEventOptions
  /** Started once the service listens; stopped (a run in progress awaited) before the database closes. */
  jobs?: ReadonlyArray<ServiceJob<ServiceParts & { config: C }>>
  /** Releases what the service holds besides the database (e.g. file storage), after it closed. */
  onClose?: () => Promise<void> | void
  /** `GET /audit`: who may search the audit log. */
  auditSearch?: Access
  /** `GET /recycle-bin` and its purge over the soft-deleted rows of these stores. */
  recycleBin?: { stores: ReadonlyArray<AnyRecordStore>; read: Access; purge: Access }
}

export interface Service {
  app: Express
  db: Database
  logger: Logger
  api: ApiRouter
  internal: ApiRouter
  portal: ApiRouter
  events: {
    /** Null when events cannot be delivered (no SERVICE_SECRET and no transport override). */
    dispatcher: Dispatcher | null
    /** Delivers everything due now (see Dispatcher.flush); for tests and tools. */
    flush(opts?: { timeoutMs?: number; pending?: boolean }): Promise<void>
  }
  /** Starts listening; resolves with the bound port. */
  listen(port?: number): Promise<number>
  /** Stops accepting, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>
}

export async function createService<C extends BaseConfig>(def: ServiceDefinition<C>): Promise<Service> {
  const { config } = def
  const logs = logDestination()
  const logger = pino(
    {
      name: config.SERVICE_NAME,
      level: config.MOSAIC_MODE === 'test' ? 'silent' : config.LOG_LEVEL,
      // Credentials never reach the logs.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-init-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
    },
    logs.destination,
  )
  // The data directory also holds service files (e.g. the admin init token), so Postgres gets its own folder.
  const dataDir = dataDirOf(config) ? join(dataDirOf(config)!, 'pgdata') : undefined
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir, ...def.database })
  const verifier = await def.verifier({ db, config, logger })
  const api = new ApiRouter(`/api/${config.SERVICE_NAME}`)
  const internal = new ApiRouter(`${api.basePath}/internal`)
  const portal = new ApiRouter(`${api.basePath}/portal`)
  const peers = peersFromConfig(config)
  const secret = config.SERVICE_SECRET
  const serviceClient = createServiceClient({ source: config.SERVICE_NAME, peers, secret })
  const parts = { config, db, logger, api, internal, portal, serviceClient }
  registerInboxRoute(internal, db, def.events?.handlers ?? {})
  if (def.auditSearch) registerAuditSearchRoute(api, db, def.auditSearch)
  await def.routes(parts)
  if (def.recycleBin) {
    const { stores, ...access } = def.recycleBin
    registerRecycleBinRoutes(api, db, stores, access)
  }
  if (portal.routes().length && !def.portal) {
    await db.close()
    throw new Error('Routes are declared on `portal` but the service has no portal verifier.')
  }
  const portalVerifier = def.portal ? await def.portal.verifier({ db, config, logger }) : undefined
  const app = buildApp(parts, verifier, portalVerifier)
  await def.onReady?.(parts)

  if (!secret && config.MOSAIC_MODE !== 'test')
    logger.warn('SERVICE_SECRET is not set: events are not delivered and internal routes answer 503')
  const transport =
    def.events?.transport ??
    (secret ? httpTransport({ source: config.SERVICE_NAME, peers, secret }) : undefined)
  const dispatcher = transport
    ? new Dispatcher({
        db,
        source: config.SERVICE_NAME,
        peers: Object.keys(peers),
        transport,
        logger,
        pollMs: config.EVENT_POLL_MS,
        backoff: def.events?.backoff,
      })
    : null

  let server: Server | undefined
  let jobs: JobHandle | undefined
  return {
    app,
    db,
    logger,
    api,
    internal,
    portal,
    events: {
      dispatcher,
      async flush(opts) {
        if (!dispatcher) throw new Error('Events are not delivered here: SERVICE_SECRET is not set.')
        await dispatcher.flush(opts)
      },
    },
    listen(port = config.PORT) {
      return new Promise((resolve, reject) => {
        server = createHttpServer(app, config.MAX_HEADER_BYTES)
        server.once('error', reject)
        server.listen(port, config.HOST, () => {
          server!.off('error', reject)
          const address = server!.address()
          const bound = typeof address === 'object' && address ? address.port : port
          logger.info({ port: bound, embedded: db.embedded }, `${config.SERVICE_NAME} service listening`)
          dispatcher?.start()
          jobs ??= startJobs(def.jobs ?? [], parts)
          resolve(bound)
        })
      })
    },
    async close() {
      await jobs?.stop()
      await dispatcher?.stop()
      if (server) await stopServer(server, config.SHUTDOWN_TIMEOUT_MS)
      await db.close()
      await def.onClose?.()
      logger.info('stopped')
      logs.stopTicking()
      await new Promise<void>((resolve) => logger.flush(() => resolve()))
    },
  }
}

/**
 * Request logs are written asynchronously and in batches: a synchronous write to stdout per request
 * cost 5–7% of a list request's CPU (issue 8's profile), an asynchronous write per line still ~9%.
 * Lines collect up to 4 KiB (or a second, so a quiet service's lines still show promptly) and go out
 * in one write; pino flushes what is left when the process exits, and `close()` waits for it.
 */
function logDestination() {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 })
  const ticking = setInterval(() => destination.flush(), 1000)
  ticking.unref()
  return { destination, stopTicking: () => clearInterval(ticking) }
}

function buildApp(parts: ServiceParts, verifier: TokenVerifier, portalVerifier?: TokenVerifier): Express {
  const { config, db, logger, api, internal, portal } = parts
  const app = express()
  app.disable('x-powered-by')
  // The client address (rate limits, audit) comes from X-Forwarded-For only when the socket is a
  // trusted gateway, which overwrites the header with the peer it saw.
  app.set('trust proxy', trustProxyOf(config.TRUSTED_PROXY))
  // The kit's routes set their own ETag and Cache-Control (see http/route.ts); token answers have none.
  app.set('etag', false)
  app.use(requestLog(logger))
  app.use(helmet())
  app.use(cookieParser())
  app.use(express.json({ limit: config.BODY_LIMIT }))

  const health = healthRoutes(db)
  app.use(health)
  app.use(api.basePath, health)
  app.get(`${api.basePath}/openapi.json`, (_req, res) => {
    res.json(api.openApi({ title: `Mosaic ${config.SERVICE_NAME} API`, version: '1.0.0' }))
  })
  // Before the user-token middleware, which must never see (or reject) a service token; and
  // closed with its own 404 so no public route pattern can match an internal path.
  app.use(internal.basePath, requireServiceToken(config.SERVICE_SECRET), internal.router, notFoundHandler)
  // The portal likewise, with its own verifier: a portal token never reaches the staff verifier or a staff
  // route (its own 404 closes the path), and a staff token fails the portal verifier (401).
  if (portalVerifier) app.use(portal.basePath, authenticate(portalVerifier), portal.router, notFoundHandler)
  app.use(authenticate(verifier))
  app.use(api.basePath, api.router)
  app.use(notFoundHandler)
  app.use(problemHandler(logger))
  return app
}

/** `TRUSTED_PROXY`: comma-separated addresses/subnets or names (`loopback`, `uniquelocal`); `none` trusts nobody. */
export function trustProxyOf(value: string): string[] | false {
  const list = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
  return list.length === 0 || list.includes('none') ? false : list
}

/** Where embedded data lives: DATA_DIR, else `.data` beside the service; tests keep it in memory. */
export function dataDirOf(config: BaseConfig): string | undefined {
  if (config.DATA_DIR) return config.DATA_DIR
  return config.MOSAIC_MODE === 'test' ? undefined : join(process.cwd(), '.data')
}

function healthRoutes(db: Database) {
  const router = express.Router()
  router.get('/healthz', (_req, res) => void res.json({ status: 'ok' }))
  const ready: RequestHandler = async (_req, res) => {
    try {
      await db.ping()
      res.json({ status: 'ready' })
    } catch {
      res.status(503).type('application/problem+json').json({
        type: 'https://mosaic-crm.dev/problems/not-ready',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The database is not reachable.',
      })
    }
  }
  router.get('/readyz', ready)
  return router
}

function stopServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs)
    // A keep-alive socket whose request finishes after this point would idle until its keep-alive
    // timeout and hold close() open: answer further requests with "Connection: close" and sweep idle sockets.
    server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'))
    const sweep = setInterval(() => server.closeIdleConnections(), 100)
    server.close(() => {
      clearTimeout(force)
      clearInterval(sweep)
      resolve()
    })
    // Keep-alive sockets with no request in flight would otherwise hold close() open.
    server.closeIdleConnections()
  })
}

/** Wires SIGTERM/SIGINT to a graceful close, once. */
export function closeOnSignals(service: Service): void {
  let closing = false
  const stop = (signal: string) => {
    if (closing) return
    closing = true
    service.logger.info({ signal }, 'shutting down')
    service.close().then(
      () => process.exit(0),
      (error) => {
        service.logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}
