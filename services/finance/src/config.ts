import { z } from 'zod'
import { BaseConfig, loadConfig } from '@mosaic/service-kit'

export const FinanceConfig = BaseConfig.extend({
  SERVICE_NAME: z.literal('finance').default('finance'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3005),
  /** How often instalments past their due date are flagged overdue and owners told (0: never on its own). */
  OVERDUE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
})
export type FinanceConfig = z.infer<typeof FinanceConfig>

export const loadFinanceConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(FinanceConfig, env)
