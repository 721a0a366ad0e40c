import { fieldError, validationFailed, type ServiceClient } from '@mosaic/service-kit'
import { customerCard } from '../lookups/peers.js'

/**
 * The customer and contact an account is for, as sales holds them now: an unknown customer, or a contact
 * that is not the customer's, is a 400 on its field; sales not answering is the lookups' 503. Not limited by
 * the caller's sales data scope: the service desk serves every customer.
 */
export async function customerAndContact(
  client: ServiceClient,
  customerId: string,
  contactId: string,
): Promise<{ customerName: string; contactName: string }> {
  const card = await customerCard(client, customerId)
  if (!card) throw validationFailed([fieldError('customerId', 'portal.customer_unknown')])
  const contact = card.contacts.find((c) => c.id === contactId)
  if (!contact) throw validationFailed([fieldError('contactId', 'portal.contact_unknown')])
  return { customerName: card.name, contactName: contact.name }
}
