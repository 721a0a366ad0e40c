import { z } from 'zod'
import { BaseConfig, loadConfig } from '@mosaic/service-kit'

export const SalesConfig = BaseConfig.extend({
  SERVICE_NAME: z.literal('sales').default('sales'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  /** How often pool recycling runs on its own (minutes; 0 = only on demand). It is idempotent. */
  RECYCLE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
})
export type SalesConfig = z.infer<typeof SalesConfig>

export const loadSalesConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(SalesConfig, env)
