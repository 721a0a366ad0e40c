import { z } from 'zod'
import { tickets } from '@mosaic/schemas'
import { problem, ServiceCallError, type ServiceClient } from '@mosaic/service-kit'

/**
 * What the tickets service reads of its peers (service tokens, `/internal/*`): sales' customers and their
 * contacts, orders' contracts and sales orders. Answers are parsed with the shared schemas; a peer's 404 is
 * "no such customer" (null), any other failure (down, timing out, answering garbage) a 503
 * `tickets.peer_unavailable`, so a form says "try again" rather than "not found".
 */
async function ask<S extends z.ZodType>(
  client: ServiceClient,
  peer: 'sales' | 'orders',
  path: string,
  schema: S,
): Promise<z.infer<S> | null> {
  let answer: unknown
  try {
    answer = await client.internalFetch(peer, path)
  } catch (error) {
    if (error instanceof ServiceCallError && error.status === 404) return null
    throw problem(503, 'tickets.peer_unavailable', { peer })
  }
  const parsed = schema.safeParse(answer)
  if (!parsed.success) throw problem(503, 'tickets.peer_unavailable', { peer })
  return parsed.data
}

/** sales answers a page of options: `{ items }`. */
const CustomerOptionPage = z.object({ items: tickets.CustomerOption.array() })

/** Live customers whose name contains `q` (any customer: a service desk serves them all). */
export async function searchCustomers(
  client: ServiceClient,
  query: tickets.CustomerOptionQuery,
): Promise<tickets.CustomerOption[]> {
  const params = new URLSearchParams()
  if (query.q) params.set('q', query.q)
  params.set('limit', String(query.limit ?? 20))
  return (await ask(client, 'sales', `/customers?${params}`, CustomerOptionPage))?.items ?? []
}

/** A live customer with its live contacts, or null when sales has no such customer. */
export function customerCard(
  client: ServiceClient,
  customerId: string,
): Promise<tickets.CustomerCard | null> {
  return ask(client, 'sales', `/customers/${encodeURIComponent(customerId)}`, tickets.CustomerCard)
}

/** The customer's live contracts and sales orders (none when orders knows nothing of it). */
export async function customerDocuments(
  client: ServiceClient,
  customerId: string,
): Promise<tickets.CustomerDocumentOptions> {
  const docs = await ask(
    client,
    'orders',
    `/customers/${encodeURIComponent(customerId)}/documents`,
    tickets.CustomerDocumentOptions,
  )
  return docs ?? { contracts: [], orders: [] }
}

/** Everything the ticket form offers for one customer, or null when there is no such customer. */
export async function customerLinks(
  client: ServiceClient,
  customerId: string,
): Promise<tickets.CustomerLinks | null> {
  const card = await customerCard(client, customerId)
  if (!card) return null
  return { ...card, ...(await customerDocuments(client, customerId)) }
}

/** The contact if it is one of the customer's live contacts (portal accounts and tickets check this). */
export async function contactOfCustomer(
  client: ServiceClient,
  customerId: string,
  contactId: string,
): Promise<{ customer: tickets.CustomerCard; contact: tickets.ContactOption } | null> {
  const customer = await customerCard(client, customerId)
  const contact = customer?.contacts.find((c) => c.id === contactId)
  return customer && contact ? { customer, contact } : null
}
