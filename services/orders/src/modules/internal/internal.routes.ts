import { z } from 'zod'
import { Id, orders, tickets } from '@mosaic/schemas'
import { liveRows, type ApiRouter, type Database } from '@mosaic/service-kit'
import { products } from '../products/products.service.js'
import { CUSTOMER_DOCUMENTS } from './customer-documents.js'
import { customerDocumentOptions, portalOrders } from './service-desk.js'

/**
 * What other services read of orders (service tokens only): the sales service snapshots an
 * opportunity's products, and lists a customer's documents when the customer changes owner; the
 * tickets service reads a customer's contracts and orders for its tickets and portal (every
 * customer: a service desk has no sales data scope). Reads, like the public lists: no transaction.
 */
export function registerOrdersInternalRoutes(internal: ApiRouter, db: Database): void {
  internal.route({
    method: 'get',
    path: '/products',
    summary: 'Products by id as a document line snapshots them (code, name, unit, price, on sale, deleted)',
    tags: ['internal'],
    access: 'service',
    query: orders.ProductSnapshotQuery,
    response: orders.ProductSnapshots,
    handler: async ({ query }) => {
      const ids = [...new Set(query.ids.split(',').map((id) => id.toLowerCase()))]
      const rows = await products
        .repo(db.dataSource.manager)
        .createQueryBuilder('p')
        .withDeleted()
        .where('p.id IN (:...ids)', { ids })
        .orderBy('p.code')
        .getMany()
      return {
        items: rows.map((p) => ({
          id: p.id,
          code: p.code,
          name: p.name,
          unit: p.unit,
          referencePrice: p.referencePrice,
          onSale: p.onSale,
          deleted: p.deletedAt !== null,
        })),
      }
    },
  })
  // One route per kind of document (quotes today; contracts declare themselves in CUSTOMER_DOCUMENTS).
  for (const [kind, { store }] of Object.entries(CUSTOMER_DOCUMENTS)) {
    internal.route({
      method: 'get',
      path: `/customers/:id/${kind}`,
      summary: `A customer’s live ${kind} (of one owner when given), oldest first`,
      tags: ['internal'],
      access: 'service',
      params: z.object({ id: Id }),
      query: orders.CustomerDocumentsQuery,
      response: orders.CustomerDocuments,
      handler: async ({ params, query }) => {
        const qb = liveRows(store, db.dataSource.manager, 'd')
          .andWhere('d.customer_id = :id', { id: params.id })
          .orderBy('d.created_at')
          .addOrderBy('d.id')
        if (query.ownerId) qb.andWhere('d.owner_id = :owner', { owner: query.ownerId })
        const rows = await qb.getMany()
        return {
          items: rows.map((r) => ({
            id: r.id,
            number: r.number,
            status: r.status,
            ownerId: r.ownerId,
            ownerName: r.ownerName,
          })),
        }
      },
    })
  }
  internal.route({
    method: 'get',
    path: '/customers/:id/documents',
    summary:
      'A customer’s contracts and orders a ticket may be about (agreed with the customer), newest first',
    tags: ['internal'],
    access: 'service',
    params: z.object({ id: Id }),
    response: tickets.CustomerDocumentOptions,
    handler: ({ params }) => customerDocumentOptions(db.dataSource.manager, params.id),
  })
  internal.route({
    method: 'get',
    path: '/customers/:id/orders',
    summary: 'A customer’s confirmed orders with lines and live shipments, newest first (the portal’s)',
    tags: ['internal'],
    access: 'service',
    params: z.object({ id: Id }),
    response: tickets.PortalOrderList,
    handler: ({ params }) => portalOrders(db.dataSource.manager, params.id),
  })
}
