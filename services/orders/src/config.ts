import { z } from 'zod'
import { orders } from '@mosaic/schemas'
import { BaseConfig, loadConfig } from '@mosaic/service-kit'

export const OrdersConfig = BaseConfig.extend({
  SERVICE_NAME: z.literal('orders').default('orders'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  /** The service's only files are product images: 2 MB unless the environment says otherwise. */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(orders.PRODUCT_IMAGE_MAX_BYTES),
  /** How often approved and sent quotes past their valid-until date expire (0: never on its own). */
  QUOTE_EXPIRY_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
})
export type OrdersConfig = z.infer<typeof OrdersConfig>

export const loadOrdersConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(OrdersConfig, env)
