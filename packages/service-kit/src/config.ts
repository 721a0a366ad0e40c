import { z } from 'zod'
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '@mosaic/schemas'
import { DEFAULT_TIME_ZONE } from '@mosaic/numbering'
import { isTimeZone } from './calendar/business-days.js'
import { SERVICE_NAMES, peerUrlKey, type PeerUrlKey } from './events/peers.js'

/** Where each service's internal endpoints are reached directly (not through the gateway). */
const PEER_URLS = Object.fromEntries(
  SERVICE_NAMES.map((name) => [peerUrlKey(name), z.url().optional()]),
) as Record<PeerUrlKey, z.ZodOptional<z.ZodURL>>

/** Settings every service reads; a service extends this with its own keys. */
export const BaseConfig = z.object({
  SERVICE_NAME: z.string().min(1),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** demo: may invent demo credentials; production: refuses to; test: quiet logs. */
  MOSAIC_MODE: z.enum(['demo', 'production', 'test']).default('demo'),
  /** A Postgres server; when absent the service runs on embedded Postgres (PGlite) in DATA_DIR. */
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_ISSUER: z.string().default('mosaic-admin'),
  JWT_AUDIENCE: z.string().default('mosaic'),
  /** Where other services fetch the admin service's public keys. */
  JWKS_URL: z.url().optional(),
  BODY_LIMIT: z.string().default('1mb'),
  /** Largest request head (request line + headers) in bytes; larger ones get 431. */
  MAX_HEADER_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024)
    .default(16 * 1024),
  /**
   * Peers whose X-Forwarded-For is believed (the gateway): comma-separated addresses, subnets or
   * `loopback`/`linklocal`/`uniquelocal`; `none` for nobody. Anyone else's header is ignored.
   */
  TRUSTED_PROXY: z.string().default('loopback'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Which calendar day a document belongs to (number dates and resets), wherever the server runs. */
  BUSINESS_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'An IANA time zone, e.g. Asia/Shanghai')
    .default(DEFAULT_TIME_ZONE),
  /** Signs service-to-service tokens; the same value in every service of one installation. */
  SERVICE_SECRET: z.string().min(32).optional(),
  ...PEER_URLS,
  /** How often the event dispatcher looks for work. */
  EVENT_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** Largest file an upload may carry (bytes); larger ones are refused with 413 before being stored. */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(1024 * 1024 * 1024)
    .default(DEFAULT_ATTACHMENT_MAX_BYTES),
})
export type BaseConfig = z.infer<typeof BaseConfig>

export class ConfigError extends Error {}

/**
 * Fail fast: a service with a bad environment must not half-start. The message lists every
 * offending variable so an operator fixes them in one go.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env)
  if (result.success) return result.data
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
}
