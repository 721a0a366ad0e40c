import type { NotificationRequest } from '@mosaic/schemas'
import type { CustomerRow } from '../customers/customers.entity.js'

/** An in-app notification about a customer, in both languages, opening the customer. */
export function customerNotice(
  userId: string,
  kind: string,
  customer: Pick<CustomerRow, 'id' | 'name' | 'number'>,
  title: { zh: string; en: string },
  body?: { zh: string; en: string },
): NotificationRequest {
  return {
    userId,
    kind,
    title: { zh: title.zh.slice(0, 300), en: title.en.slice(0, 300) },
    body: body ? { zh: body.zh.slice(0, 300), en: body.en.slice(0, 300) } : null,
    link: `/sales/customers/${customer.id}`,
    entityType: 'customer',
    entityId: customer.id,
  }
}
