import { z } from 'zod'
import { AuditEntry, VersionEntry } from '@mosaic/schemas'
import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { ApiRouter, Access } from '../http/route.js'
import type { Database } from '../db/database.js'
import type { RecordStore } from './record-store.js'
import type { RecordContext } from './record-type.js'
import type { RecordBase } from './columns.js'
import { notFound } from '../errors.js'

export const IdParams = z.object({ id: z.string().max(60) })
/** Keeps the other path parameters of a nested resource (e.g. `:code` in `/dictionaries/:code/entries/:id`). */
const ItemParams = z.looseObject({ id: z.string().max(60) })
type PathParams = Record<string, string>
const VersionParams = ItemParams.extend({ version: z.coerce.number().int().positive().max(2_147_483_647) })

export function recordContext(principal: Principal, requestId?: string): RecordContext {
  return {
    actor: { id: principal.userId, name: principal.displayName ?? principal.username },
    requestId,
    principal,
  }
}

export interface RecordRoutesOptions<T extends RecordBase, U extends z.ZodType = z.ZodType> {
  /** Route prefix relative to the service base, e.g. '/users'. */
  path: string
  store: RecordStore<T>
  db: Database
  tag: string
  /** `revert` guards restoring an earlier version (default: `update`). */
  access: { read: Access; update: Access; restore: Access; delete?: Access; revert?: Access }
  /** Row → API shape; `ctx` names the caller (e.g. to show how they may act on the record). */
  present: (m: EntityManager, row: T, ctx: RecordContext) => Promise<unknown>
  /** The API shape's schema, for the single-record endpoints' OpenAPI entries. */
  response?: z.ZodType
  /** PATCH /:id — the aggregate's edit rule; the route adds If-Match, scope and the transaction. */
  update?: {
    body: U
    apply: (
      m: EntityManager,
      ctx: RecordContext,
      id: string,
      version: number,
      body: z.infer<U>,
      params: PathParams,
    ) => Promise<T>
  }
  /** DELETE /:id — the aggregate's deletion guards; defaults to a plain soft delete when `access.delete` is set. */
  remove?: (
    m: EntityManager,
    ctx: RecordContext,
    id: string,
    version: number,
    params: PathParams,
  ) => Promise<void>
  /** Extra checks before a soft-deleted record comes back (e.g. its parent still exists). */
  beforeRestore?: (m: EntityManager, row: T) => Promise<void>
  /**
   * POST /:id/restore — the aggregate's own restore (e.g. bringing back the children deleted with
   * it); defaults to `beforeRestore` + a plain restore.
   */
  restore?: (m: EntityManager, ctx: RecordContext, id: string) => Promise<T>
  /**
   * Required when `path` is nested (`/parents/:parentKey/children`): how a child matches the
   * parent named in the path. Every route checks it first; a child of another parent is a 404.
   */
  parent?: { param: string; matches: (row: T, value: string) => boolean }
}

/**
 * The endpoints every record type has — read, edit and delete by id, audit timeline, versions,
 * version restore and recycle-bin restore — registered once here instead of per aggregate.
 * Aggregates supply only their rules (`update.apply`, `remove`).
 */
export function registerRecordRoutes<T extends RecordBase, U extends z.ZodType = z.ZodType>(
  api: ApiRouter,
  o: RecordRoutesOptions<T, U>,
): void {
  const nested = [...o.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  if (nested.length && (!o.parent || !nested.includes(o.parent.param)))
    throw new Error(
      `registerRecordRoutes(${o.path}): a nested path must declare how a record matches its parent (parent: { param, matches }).`,
    )
  registerItemRoutes(api, o)
  api.route({
    method: 'get',
    path: `${o.path}/:id/audit`,
    summary: `Audit trail of a ${o.store.entityType}`,
    tags: [o.tag],
    access: o.access.read,
    params: ItemParams,
    response: z.array(AuditEntry),
    handler: ({ params, principal, requestId }) =>
      o.db.transaction(async (m) => {
        await checkParent(m, o, params)
        return o.store.audit(m, params.id, recordContext(principal, requestId))
      }),
  })
  api.route({
    method: 'get',
    path: `${o.path}/:id/versions`,
    summary: `Version history of a ${o.store.entityType}`,
    tags: [o.tag],
    access: o.access.read,
    params: ItemParams,
    response: z.array(VersionEntry),
    handler: ({ params, principal, requestId }) =>
      o.db.transaction(async (m) => {
        await checkParent(m, o, params)
        return o.store.versions(m, params.id, recordContext(principal, requestId))
      }),
  })
  api.route({
    method: 'post',
    path: `${o.path}/:id/versions/:version/restore`,
    summary: `Restore an earlier version of a ${o.store.entityType} (as a new version)`,
    tags: [o.tag],
    access: o.access.revert ?? o.access.update,
    params: VersionParams,
    status: 200,
    handler: ({ params, principal, requestId, expectedVersion }) => {
      const expected = expectedVersion()
      return o.db.transaction(async (m) => {
        await checkParent(m, o, params)
        const ctx = recordContext(principal, requestId)
        const row = await o.store.restoreVersion(m, ctx, params.id, params.version, expected)
        return o.present(m, row, ctx)
      })
    },
  })
  api.route({
    method: 'post',
    path: `${o.path}/:id/restore`,
    summary: `Restore a ${o.store.entityType} from the recycle bin`,
    tags: [o.tag],
    access: o.access.restore,
    params: ItemParams,
    status: 200,
    handler: ({ params, principal, requestId }) =>
      o.db.transaction(async (m) => {
        await checkParent(m, o, params)
        const ctx = recordContext(principal, requestId)
        if (o.restore) return o.present(m, await o.restore(m, ctx, params.id), ctx)
        if (o.beforeRestore)
          await o.beforeRestore(m, await o.store.get(m, params.id, ctx, { withDeleted: true }))
        return o.present(m, await o.store.restore(m, ctx, params.id), ctx)
      }),
  })
}

function registerItemRoutes<T extends RecordBase, U extends z.ZodType>(
  api: ApiRouter,
  o: RecordRoutesOptions<T, U>,
) {
  const noun = o.store.entityType.replace(/_/g, ' ')
  api.route({
    method: 'get',
    path: `${o.path}/:id`,
    summary: `A ${noun}`,
    tags: [o.tag],
    access: o.access.read,
    params: ItemParams,
    response: o.response,
    handler: ({ params, principal, requestId }) =>
      o.db.transaction(async (m) => {
        await checkParent(m, o, params)
        const ctx = recordContext(principal, requestId)
        return o.present(m, await o.store.get(m, params.id, ctx), ctx)
      }),
  })
  const update = o.update
  if (update) {
    api.route({
      method: 'patch',
      path: `${o.path}/:id`,
      summary: `Edit a ${noun} (If-Match: version)`,
      tags: [o.tag],
      access: o.access.update,
      params: ItemParams,
      body: update.body,
      response: o.response,
      handler: ({ params, body, principal, requestId, expectedVersion }) => {
        const version = expectedVersion()
        return o.db.transaction(async (m) => {
          await checkParent(m, o, params)
          const ctx = recordContext(principal, requestId)
          const row = await update.apply(m, ctx, params.id, version, body, params as PathParams)
          return o.present(m, row, ctx)
        })
      },
    })
  }
  const remove =
    o.remove ??
    (o.access.delete
      ? (m: EntityManager, ctx: RecordContext, id: string, version: number) =>
          o.store.softDelete(m, ctx, id, version)
      : undefined)
  if (remove && o.access.delete) {
    api.route({
      method: 'delete',
      path: `${o.path}/:id`,
      summary: `Move a ${noun} to the recycle bin (If-Match: version)`,
      tags: [o.tag],
      access: o.access.delete,
      params: ItemParams,
      handler: ({ params, principal, requestId, expectedVersion }) => {
        const version = expectedVersion()
        return o.db.transaction(async (m) => {
          await checkParent(m, o, params)
          await remove(m, recordContext(principal, requestId), params.id, version, params as PathParams)
        })
      },
    })
  }
}

/** A nested record must belong to the parent in its path; otherwise it is not there (404). */
async function checkParent<T extends RecordBase>(
  m: EntityManager,
  o: Pick<RecordRoutesOptions<T>, 'parent' | 'store'>,
  params: { id: string } & Record<string, unknown>,
): Promise<void> {
  if (!o.parent) return
  const row = await o.store.get(m, params.id, undefined, { withDeleted: true })
  if (!o.parent.matches(row, String(params[o.parent.param] ?? ''))) throw notFound()
}
