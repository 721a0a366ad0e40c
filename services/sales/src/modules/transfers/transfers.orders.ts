import type { orders } from '@mosaic/schemas'
import type { ServiceClient } from '@mosaic/service-kit'
import type { DocumentLookup } from './transfer-plan.js'

/**
 * A customer's documents of one owner from orders (`GET /api/orders/internal/customers/:id/<kind>`).
 * Orders not answering is no reason to refuse a transfer (the event reaches it later): null.
 */
export function ordersDocuments(client: ServiceClient): DocumentLookup {
  return async (kind, customerId, ownerId) => {
    try {
      const path = `/customers/${encodeURIComponent(customerId)}/${kind}?ownerId=${encodeURIComponent(ownerId)}`
      return (await client.internalFetch<orders.CustomerDocuments>('orders', path)).items
    } catch {
      return null
    }
  }
}
