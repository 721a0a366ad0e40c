import { z } from 'zod'
import { Id, sales } from '@mosaic/schemas'
import { notFound, type ApiRouter, type Database } from '@mosaic/service-kit'

/**
 * What other services read of a customer (service tokens only): the orders service's quotes,
 * contracts and orders snapshot its name and check that a contact and an opportunity are its own.
 */
export function registerCustomerInternalRoutes(internal: ApiRouter, db: Database): void {
  internal.route({
    method: 'get',
    path: '/customers/:id/card',
    summary: 'A live customer’s name, with the named contact and opportunity when they are its own',
    tags: ['internal'],
    access: 'service',
    params: z.object({ id: Id }),
    query: sales.CustomerCardQuery,
    response: sales.CustomerCard,
    handler: ({ params, query }) =>
      db.transaction(async (m) => {
        const [customer] = await m.query(
          `SELECT id, number, name, owner_id AS "ownerId", dept_id AS "deptId"
             FROM customer WHERE id = $1 AND deleted_at IS NULL`,
          [params.id],
        )
        if (!customer) throw notFound()
        const [contact] = query.contactId
          ? await m.query(
              `SELECT id, name, phone FROM contact
                WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL`,
              [query.contactId, params.id],
            )
          : []
        const [opportunity] = query.opportunityId
          ? await m.query(
              `SELECT id, name FROM opportunity
                WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL`,
              [query.opportunityId, params.id],
            )
          : []
        return { ...customer, contact: contact ?? null, opportunity: opportunity ?? null }
      }),
  })
}
