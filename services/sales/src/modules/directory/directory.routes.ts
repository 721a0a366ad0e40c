import { z } from 'zod'
import { sales } from '@mosaic/schemas'
import { searchUsers, type ApiRouter, type Database } from '@mosaic/service-kit'

/** Anyone working with sales records may pick users (owners, team members, assignees) and download attachments. */
export const ANY_SALES_READ = [
  'sales.lead.read',
  'sales.customer.read',
  'sales.contact.read',
  'sales.pool.read',
  'sales.followup.read',
  'sales.opportunity.read',
  'sales.team.read',
]

export function registerDirectoryRoutes(api: ApiRouter, db: Database) {
  api.route({
    method: 'get',
    path: '/users',
    summary: 'Enabled users for pickers (from the user replica), by name',
    tags: ['directory'],
    access: { anyOf: ANY_SALES_READ },
    query: sales.DirectoryQuery,
    response: z.array(sales.DirectoryUser),
    handler: ({ query }) => db.transaction((m) => searchUsers(m, query.q, query.limit ?? 20)),
  })
}
