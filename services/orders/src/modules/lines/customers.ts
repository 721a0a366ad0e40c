import type { Principal } from '@mosaic/permissions'
import type { sales } from '@mosaic/schemas'
import {
  fieldError,
  problem,
  ServiceCallError,
  validationFailed,
  type ServiceClient,
} from '@mosaic/service-kit'

export interface CustomerRef {
  customerId: string
  contactId?: string | null
  opportunityId?: string | null
}

/** A document's customer, contact and opportunity as the sales service holds them now (snapshots). */
export interface CustomerSnapshot {
  customerName: string
  contactId: string | null
  contactName: string | null
  contactPhone: string | null
  opportunityId: string | null
  opportunityName: string | null
}

/**
 * Reads the customer's card from sales as the caller sees it: an unknown customer (or one outside the
 * caller's sales data scope), or a contact or opportunity that is
 * not the customer's, is a 400 on its field; sales not answering is a 503, never a 500.
 */
export async function customerSnapshot(
  client: ServiceClient,
  principal: Principal,
  ref: CustomerRef,
): Promise<CustomerSnapshot> {
  // The caller must be able to see the customer in sales (their scope, team shares).
  const query = new URLSearchParams({ userId: principal.userId, dataScope: principal.dataScope })
  if (principal.scopeDeptIds?.length) query.set('deptIds', principal.scopeDeptIds.join(','))
  if (ref.contactId) query.set('contactId', ref.contactId)
  if (ref.opportunityId) query.set('opportunityId', ref.opportunityId)
  const path = `/customers/${encodeURIComponent(ref.customerId)}/card?${query}`
  let card: sales.CustomerCard
  try {
    card = await client.internalFetch<sales.CustomerCard>('sales', path)
  } catch (error) {
    if (error instanceof ServiceCallError && error.status === 404)
      throw validationFailed([fieldError('customerId', 'orders.quote.customer_unknown')])
    throw problem(503, 'orders.sales_unavailable')
  }
  const errors = []
  if (ref.contactId && !card.contact) errors.push(fieldError('contactId', 'orders.quote.contact_unknown'))
  if (ref.opportunityId && !card.opportunity)
    errors.push(fieldError('opportunityId', 'orders.quote.opportunity_unknown'))
  if (errors.length) throw validationFailed(errors)
  return {
    customerName: card.name,
    contactId: card.contact?.id ?? null,
    contactName: card.contact?.name ?? null,
    contactPhone: card.contact?.phone ?? null,
    opportunityId: card.opportunity?.id ?? null,
    opportunityName: card.opportunity?.name ?? null,
  }
}
