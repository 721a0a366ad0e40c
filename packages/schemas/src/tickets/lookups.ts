import { z } from 'zod'
import { Id } from '../common.js'
import { optionalText } from '../sales/common.js'

/**
 * What a ticket or a portal account refers to, as the tickets service looks it up from its peers (sales:
 * customers and contacts, orders: contracts and orders; `/internal/*`, service tokens). A service desk serves
 * every customer, so these are not limited by the caller's sales data scope, and they carry names only.
 */
export const CustomerOptionQuery = z.object({
  q: optionalText(100),
  limit: z.coerce.number().int().min(1).max(50).optional(),
})
export type CustomerOptionQuery = z.infer<typeof CustomerOptionQuery>

export const CustomerOption = z.object({ id: Id, name: z.string() })
export type CustomerOption = z.infer<typeof CustomerOption>

export const ContactOption = z.object({ id: Id, name: z.string(), phone: z.string().nullable() })
export type ContactOption = z.infer<typeof ContactOption>

/** A customer with its live contacts (sales' `GET /internal/customers/:id`; 404 when gone). */
export const CustomerCard = z.object({ id: Id, name: z.string(), contacts: z.array(ContactOption) })
export type CustomerCard = z.infer<typeof CustomerCard>

/** A customer's live contracts and sales orders (orders' `GET /internal/customers/:id/documents`). */
export const CustomerDocumentOptions = z.object({
  contracts: z.array(z.object({ id: Id, number: z.string(), name: z.string() })),
  orders: z.array(z.object({ id: Id, number: z.string(), contractId: Id })),
})
export type CustomerDocumentOptions = z.infer<typeof CustomerDocumentOptions>

/** Everything the ticket form offers for one customer. */
export const CustomerLinks = CustomerCard.extend(CustomerDocumentOptions.shape)
export type CustomerLinks = z.infer<typeof CustomerLinks>
