import type { z } from 'zod'
import type { EntityManager } from 'typeorm'
import { BulkDeleteBody, BulkResult } from '@mosaic/schemas'
import type { Access, ApiRouter } from '../http/route.js'
import type { Database } from '../db/database.js'
import type { RecordBase } from './columns.js'
import type { RecordStore } from './record-store.js'
import type { RecordContext } from './record-type.js'
import { bulkEach } from './bulk.js'
import { recordContext, type RecordRoutesOptions } from './record-routes.js'

/** The `bulk` option of `registerAggregate`: bulk edit and bulk delete (批量修改/批量删除) of its records. */
export interface BulkOptions<T extends RecordBase, U extends z.ZodType, E = Partial<z.infer<U>>> {
  /**
   * The resource's strict `{ ids, changes }` schema (`bulkEditOf(<Update>.pick(…))`, the same
   * object as its contract's `BulkEdit` body). Without it the aggregate has no bulk edit.
   */
  edit?: z.ZodType<{ ids: string[]; changes: E }>
  /**
   * How one record takes the changes; default the aggregate's `update.apply`. Only for a bulk
   * field that a state action sets rather than the edit (a product's on-sale flag): it must go
   * through that action's own rule.
   */
  apply?: (m: EntityManager, ctx: RecordContext, id: string, version: number, changes: E) => Promise<T>
}

export interface BulkRoutes<T extends RecordBase, U extends z.ZodType, E> extends BulkOptions<T, U, E> {
  path: string
  tag: string
  db: Database
  store: RecordStore<T>
  update?: RecordRoutesOptions<T, U>['update']
  /** Without it (a list whose records are not deleted) there is no bulk delete. */
  remove?: RecordRoutesOptions<T, U>['remove'] | 'soft'
  access: { update: () => Access; delete: () => Access }
}

/** What a bulk operation does to one record, read at its current version; returns the record after. */
type RecordWork<T> = (m: EntityManager, ctx: RecordContext, row: T) => Promise<T | void>

/**
 * `POST <path>/bulk-edit` and `POST <path>/bulk-delete`: every record goes through the aggregate's
 * own `update.apply` / `remove` at the version it has now (a bulk change is meant for whatever the
 * record is), so its scope check, rules, guards, audit entry and events are those of a single edit
 * or delete. Each record runs in a savepoint of the request's transaction: a refused record is
 * reported with its code and leaves nothing behind, even when its rule refused after writing.
 */
export function registerBulkRoutes<T extends RecordBase, U extends z.ZodType, E>(
  api: ApiRouter,
  o: BulkRoutes<T, U, E>,
): void {
  if (o.path.includes(':'))
    throw new Error(`registerAggregate(${o.path}): bulk routes are for top-level lists`)
  const noun = `${o.store.entityType.replace(/_/g, ' ')} records`
  const { update, edit, remove } = o
  if (edit) {
    const apply =
      o.apply ??
      (update &&
        ((m: EntityManager, ctx: RecordContext, id: string, version: number, changes: E) =>
          update.apply(m, ctx, id, version, changes as z.infer<U>, {})))
    if (!apply) throw new Error(`registerAggregate(${o.path}): a bulk edit needs the aggregate's update`)
    bulkRoute<T, { ids: string[]; changes: E }>(api, o, {
      verb: 'bulk-edit',
      summary: `Apply the same change to many ${noun} (批量修改), one result per record`,
      access: o.access.update(),
      body: edit,
      work: (changes) => (m, ctx, row) => apply(m, ctx, row.id, row.version, changes),
    })
  }
  if (remove) {
    const run =
      remove === 'soft'
        ? (m: EntityManager, ctx: RecordContext, row: T) => o.store.softDelete(m, ctx, row.id, row.version)
        : (m: EntityManager, ctx: RecordContext, row: T) => remove(m, ctx, row.id, row.version, {})
    bulkRoute<T, { ids: string[] }>(api, o, {
      verb: 'bulk-delete',
      summary: `Move many ${noun} to the recycle bin (批量删除), one result per record`,
      access: o.access.delete(),
      body: BulkDeleteBody,
      work: () => run,
    })
  }
}

function bulkRoute<T extends RecordBase, B extends { ids: string[]; changes?: unknown }>(
  api: ApiRouter,
  o: Pick<BulkRoutes<T, z.ZodType, unknown>, 'path' | 'tag' | 'db' | 'store'>,
  route: {
    verb: string
    summary: string
    access: Access
    body: z.ZodType<B>
    work: (changes: B['changes']) => RecordWork<T>
  },
) {
  api.route({
    method: 'post',
    path: `${o.path}/${route.verb}`,
    summary: route.summary,
    tags: [o.tag],
    access: route.access,
    body: route.body,
    response: BulkResult,
    status: 200,
    handler: ({ body, principal, requestId }) => {
      const { ids, changes } = body as B
      const work = route.work(changes)
      const ctx = recordContext(principal, requestId)
      return o.db.transaction((m) =>
        bulkEach(
          ids,
          async (id) => {
            // The caller's read scope first: a record they cannot see is a 404 like any other.
            const current = await o.store.get(m, id, ctx, { lock: true })
            const after = await work(m, ctx, current)
            return o.store.options.title(after ?? current)
          },
          m,
        ),
      )
    },
  })
}
