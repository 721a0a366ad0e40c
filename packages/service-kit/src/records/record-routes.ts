import { z } from 'zod'
import { AuditEntry, VersionEntry } from '@mosaic/schemas'
import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { ApiRouter, Access } from '../http/route.js'
import type { Database } from '../db/database.js'
import type { RecordStore, RecordContext } from './record-store.js'
import type { RecordBase } from './columns.js'

export const IdParams = z.object({ id: z.string().max(60) })
const VersionParams = IdParams.extend({ version: z.coerce.number().int().positive() })

export function recordContext(principal: Principal, requestId?: string): RecordContext {
  return {
    actor: { id: principal.userId, name: principal.displayName ?? principal.username },
    requestId,
    principal,
  }
}

export interface RecordRoutesOptions<T extends RecordBase> {
  /** Route prefix relative to the service base, e.g. '/users'. */
  path: string
  store: RecordStore<T>
  db: Database
  tag: string
  access: { read: Access; update: Access; restore: Access }
  /** Row → API shape. */
  present: (m: EntityManager, row: T) => Promise<unknown>
  /** Extra checks before a soft-deleted record comes back (e.g. its parent still exists). */
  beforeRestore?: (m: EntityManager, row: T) => Promise<void>
}

/**
 * The history endpoints every record type has — audit timeline, versions, version restore and
 * recycle-bin restore — registered once here instead of per aggregate.
 */
export function registerRecordRoutes<T extends RecordBase>(api: ApiRouter, o: RecordRoutesOptions<T>): void {
  api.route({
    method: 'get',
    path: `${o.path}/:id/audit`,
    summary: `Audit trail of a ${o.store.entityType}`,
    tags: [o.tag],
    access: o.access.read,
    params: IdParams,
    response: z.array(AuditEntry),
    handler: ({ params, principal, requestId }) =>
      o.db.transaction((m) => o.store.audit(m, params.id, recordContext(principal, requestId))),
  })
  api.route({
    method: 'get',
    path: `${o.path}/:id/versions`,
    summary: `Version history of a ${o.store.entityType}`,
    tags: [o.tag],
    access: o.access.read,
    params: IdParams,
    response: z.array(VersionEntry),
    handler: ({ params, principal, requestId }) =>
      o.db.transaction((m) => o.store.versions(m, params.id, recordContext(principal, requestId))),
  })
  api.route({
    method: 'post',
    path: `${o.path}/:id/versions/:version/restore`,
    summary: `Restore an earlier version of a ${o.store.entityType} (as a new version)`,
    tags: [o.tag],
    access: o.access.update,
    params: VersionParams,
    status: 200,
    handler: ({ params, principal, requestId, expectedVersion }) => {
      const expected = expectedVersion()
      return o.db.transaction(async (m) => {
        const row = await o.store.restoreVersion(
          m,
          recordContext(principal, requestId),
          params.id,
          params.version,
          expected,
        )
        return o.present(m, row)
      })
    },
  })
  api.route({
    method: 'post',
    path: `${o.path}/:id/restore`,
    summary: `Restore a ${o.store.entityType} from the recycle bin`,
    tags: [o.tag],
    access: o.access.restore,
    params: IdParams,
    status: 200,
    handler: ({ params, principal, requestId }) =>
      o.db.transaction(async (m) => {
        const ctx = recordContext(principal, requestId)
        if (o.beforeRestore)
          await o.beforeRestore(m, await o.store.get(m, params.id, ctx, { withDeleted: true }))
        return o.present(m, await o.store.restore(m, ctx, params.id))
      }),
  })
}
