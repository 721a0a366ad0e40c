import { z } from 'zod'
import { BaseConfig, loadConfig } from '@mosaic/service-kit'

export const AdminConfig = BaseConfig.extend({
  SERVICE_NAME: z.literal('admin').default('admin'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Sign-in attempts per minute for one username from one address. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Sign-in attempts per minute from one address, any username (an office behind one NAT). */
  LOGIN_IP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Session refreshes per minute from one address: every page load refreshes, so this is generous. */
  REFRESH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** Password change attempts per minute per signed-in user. */
  PASSWORD_CHANGE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Password of the initial `admin` user. Required to create it outside demo mode. */
  INITIAL_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Ed25519 private key as a JWK (JSON). Without it the service keeps a generated key in its database. */
  JWT_PRIVATE_JWK: z.string().optional(),
  /** Secret accepted in `x-init-token` for the very first initialisation (before any admin can log in). */
  INIT_TOKEN: z.string().min(16).optional(),
  /** Customers in the demo company (`POST /api/admin/demo`, demo mode only). */
  DEMO_CUSTOMERS: z.coerce.number().int().min(1).max(100_000).default(3000),
  /** Items the demo loader makes at a time (PGlite serialises each service's writes anyway). */
  DEMO_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(8),
})
export type AdminConfig = z.infer<typeof AdminConfig>

export const loadAdminConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(AdminConfig, env)
