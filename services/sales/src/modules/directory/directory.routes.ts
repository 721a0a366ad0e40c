import { z } from 'zod'
import { sales } from '@mosaic/schemas'
import { registerAggregate, searchUsers, type ApiRouter, type Database } from '@mosaic/service-kit'

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
  registerAggregate(api, {
    path: '/users',
    tag: 'directory',
    db,
    access: { read: { anyOf: ANY_SALES_READ } },
    list: {
      summary: 'Enabled users for pickers (from the user replica), by name',
      query: sales.DirectoryQuery,
      response: z.array(sales.DirectoryUser),
      run: (m, _ctx, query) => searchUsers(m, query.q, query.limit ?? 20),
    },
  })
}
