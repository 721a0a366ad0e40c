import { tickets } from '@mosaic/schemas'
import {
  fieldError,
  problem,
  ServiceCallError,
  validationFailed,
  type ServiceClient,
} from '@mosaic/service-kit'

/**
 * The customer and contact an account is for, as sales holds them now (`GET /internal/customers/:id`):
 * an unknown customer, or a contact that is not the customer's, is a 400 on its field; sales not answering
 * is a 503. Not limited by the caller's sales data scope: the service desk serves every customer.
 */
export async function customerAndContact(
  client: ServiceClient,
  customerId: string,
  contactId: string,
): Promise<{ customerName: string; contactName: string }> {
  let card: tickets.CustomerCard
  try {
    const answer = await client.internalFetch('sales', `/customers/${encodeURIComponent(customerId)}`)
    card = tickets.CustomerCard.parse(answer)
  } catch (error) {
    if (error instanceof ServiceCallError && error.status === 404)
      throw validationFailed([fieldError('customerId', 'portal.customer_unknown')])
    throw problem(503, 'portal.sales_unavailable')
  }
  const contact = card.contacts.find((c) => c.id === contactId)
  if (!contact) throw validationFailed([fieldError('contactId', 'portal.contact_unknown')])
  return { customerName: card.name, contactName: contact.name }
}
