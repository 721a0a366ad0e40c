import { z } from 'zod'
import { BaseConfig, loadConfig } from '@mosaic/service-kit'

export const TicketsConfig = BaseConfig.extend({
  SERVICE_NAME: z.literal('tickets').default('tickets'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3004),
  /** How often open tickets past their SLA due times are flagged and their assignees told (0: never on its own). */
  SLA_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  /** How long a portal sign-in lasts; a disabled or deleted account is refused at once regardless. */
  PORTAL_SESSION_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(8 * 60),
  /**
   * The Ed25519 private key (JWK JSON) portal tokens are signed with. Unset: the service makes one on first
   * start and keeps it in its database, so sessions survive a restart.
   */
  PORTAL_SIGNING_JWK: z.string().optional(),
})
export type TicketsConfig = z.infer<typeof TicketsConfig>

export const loadTicketsConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(TicketsConfig, env)
