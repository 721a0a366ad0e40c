import { bulkClient, type BulkClient } from './bulk'
import { exchangeClient } from './exchange'
import type { BulkField, ListBulk, ListExchange, ListParams } from '../types'

export interface ListWorkbenchOptions<T> {
  /** The list route's path (`routes.listCustomers.path`): import, export and bulk routes hang off it. */
  path: string
  /** `<service>.<resource>` of the permission catalog (`sales.customer`): `.export`, `.import`, `.update`, `.delete`. */
  resource: string
  /** The list's name, in dialog titles and file names. */
  name: string
  /** The list has the export routes (`exchangeRoutesOf` in its contract). */
  exports?: boolean
  /** The list has the import routes too. */
  imports?: boolean
  /** The fields its users may change in bulk. */
  fields?: BulkField[]
  /** The page's filter transform (`params` of useListFilters). */
  params?: (p: ListParams) => Record<string, unknown>
  /** Replaces the contract's bulk calls (a list with its own bulk edit), or drops one (`undefined`). */
  client?: BulkClient
  titleOf?: (row: T) => string | null
}

/**
 * A ListPage's `exchange` and `bulk` props for one business list, with the permission codes the
 * catalog gives every resource, so each remote page states only what is its own: which fields.
 */
export function listWorkbench<T>(o: ListWorkbenchOptions<T>): { exchange?: ListExchange; bulk: ListBulk<T> } {
  const exchange: ListExchange | undefined = o.exports
    ? {
        client: exchangeClient(o.path),
        name: o.name,
        exportPermission: `${o.resource}.export`,
        ...(o.imports ? { importPermission: `${o.resource}.import` } : {}),
        ...(o.params ? { params: o.params } : {}),
      }
    : undefined
  const bulk: ListBulk<T> = {
    client: o.client ?? bulkClient(o.path),
    fields: o.fields ?? [],
    editPermission: `${o.resource}.update`,
    deletePermission: `${o.resource}.delete`,
    ...(o.titleOf ? { titleOf: o.titleOf } : {}),
  }
  return exchange ? { exchange, bulk } : { bulk }
}
