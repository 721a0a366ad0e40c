import { z } from 'zod'
import { Id, tickets } from '@mosaic/schemas'
import { notFound, type ApiRouter, type ServiceClient } from '@mosaic/service-kit'
import { customerLinks, searchCustomers } from './peers.js'

/** Whoever fills in a ticket or a portal account may look customers up. */
const LOOKUP_ACCESS = {
  anyOf: ['tickets.ticket.create', 'tickets.ticket.update', 'tickets.portal-account.create'],
}

/** The customer picker and the contacts, contracts and orders of the chosen customer (from sales and orders). */
export function registerLookupRoutes(api: ApiRouter, client: ServiceClient) {
  api.route({
    method: 'get',
    path: '/lookups/customers',
    summary: 'Live customers whose name contains q (from sales)',
    tags: ['lookups'],
    access: LOOKUP_ACCESS,
    query: tickets.CustomerOptionQuery,
    response: z.array(tickets.CustomerOption),
    handler: ({ query }) => searchCustomers(client, query),
  })
  api.route({
    method: 'get',
    path: '/lookups/customers/:id',
    summary: 'A customer with its live contacts, contracts and sales orders (from sales and orders)',
    tags: ['lookups'],
    access: LOOKUP_ACCESS,
    params: z.object({ id: Id }),
    response: tickets.CustomerLinks,
    handler: async ({ params }) => {
      const links = await customerLinks(client, params.id)
      if (!links) throw notFound('tickets.customer_unknown')
      return links
    },
  })
}
