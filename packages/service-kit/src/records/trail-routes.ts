import { z } from 'zod'
import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { AuditEntry, AuditQuery, RecycleBinItem, pageOf } from '@mosaic/schemas'
import { notFound } from '../errors.js'
import type { Database } from '../db/database.js'
import type { Access, ApiRouter } from '../http/route.js'
import { COUNT_CAP, clampLimit, encodeCursor, invalidCursor, resolvePaging } from '../http/paging.js'
import { toAuditEntry, withNames } from './audit.js'
import type { RecordBase } from './columns.js'
import type { AnyRecordStore, RecordStore } from './record-store.js'
import { recordContext } from './record-routes.js'

/**
 * `GET /audit`: search this service's audit trail (kit tables only, so every service exposes the
 * same endpoint). Keyset-paged by the trail's sequence number, newest first.
 */
export function registerAuditSearchRoute(api: ApiRouter, db: Database, access: Access) {
  api.route({
    method: 'get',
    path: '/audit',
    summary: 'Search the audit trail',
    tags: ['audit'],
    access,
    query: AuditQuery,
    response: pageOf(AuditEntry),
    handler: ({ query }) => db.transaction((m) => searchAudit(m, query)),
  })
}

async function searchAudit(m: EntityManager, query: z.infer<typeof AuditQuery>) {
  const where: string[] = []
  const params: unknown[] = []
  const add = (sql: string, value: unknown) => {
    params.push(value)
    where.push(sql.replace('?', `$${params.length}`))
  }
  if (query.entityType) add('entity_type = ?', query.entityType)
  if (query.entityId) add('entity_id = ?', query.entityId)
  if (query.actorId) add('actor_id::text = ?', query.actorId)
  if (query.action) add('action = ?', query.action)
  if (query.from) add('at >= ?', query.from)
  if (query.to) add('at <= ?', query.to)
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const { limit, cursor, offset } = resolvePaging(query)
  // The key is a row sequence number; anything else was tampered with (and would fail in SQL as a 500).
  if (cursor && !Number.isSafeInteger(cursor.key)) throw invalidCursor()
  const pageWhere = cursor ? `${filter ? `${filter} AND` : 'WHERE'} seq < $${params.length + 1}` : filter
  const [{ n }] = await m.query(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_log ${filter} LIMIT ${COUNT_CAP + 1}) c`,
    params,
  )
  const rows = await m.query(
    `SELECT * FROM audit_log ${pageWhere} ORDER BY seq DESC LIMIT ${limit + 1} OFFSET ${offset}`,
    cursor ? [...params, cursor.key] : params,
  )
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return {
    items: await withNames(m, items.map(toAuditEntry)),
    nextCursor: rows.length > limit && last ? encodeCursor({ key: Number(last.seq), id: last.id }) : null,
    total: Math.min(n, COUNT_CAP),
    totalCapped: n > COUNT_CAP,
  }
}

/**
 * `GET /recycle-bin` (every soft-deleted record of the given stores, newest first) and
 * `DELETE /recycle-bin/:entityType/:id` (permanent purge). Restoring is each record type's own
 * `POST /…/:id/restore` (see registerRecordRoutes).
 */
export function registerRecycleBinRoutes(
  api: ApiRouter,
  db: Database,
  stores: ReadonlyArray<AnyRecordStore>,
  access: { read: Access; purge: Access },
) {
  const byType = new Map(stores.map((s) => [s.entityType, s as RecordStore<RecordBase>]))
  api.route({
    method: 'get',
    path: '/recycle-bin',
    summary: 'Deleted records',
    tags: ['recycle-bin'],
    access: access.read,
    query: z.object({ entityType: z.string().max(40).optional(), limit: z.coerce.number().int().optional() }),
    response: pageOf(RecycleBinItem),
    handler: ({ query, principal }) =>
      db.transaction(async (m) => {
        const limit = clampLimit(query.limit)
        const chosen = query.entityType
          ? [byType.get(query.entityType)].filter((s) => !!s)
          : [...byType.values()]
        const items = (
          await Promise.all(chosen.map((store) => deletedRecords(m, store, limit, principal)))
        ).flat()
        items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))
        return {
          items: items.slice(0, limit),
          nextCursor: null,
          total: items.length,
          totalCapped: items.length > limit,
        }
      }),
  })
  api.route({
    method: 'delete',
    path: '/recycle-bin/:entityType/:id',
    summary: 'Purge a deleted record permanently',
    tags: ['recycle-bin'],
    access: access.purge,
    params: z.object({ entityType: z.string().max(40), id: z.string().max(60) }),
    handler: ({ params, principal, requestId }) => {
      const store = byType.get(params.entityType)
      if (!store) throw notFound('record.type_not_found')
      return db.transaction((m) => store.purge(m, recordContext(principal, requestId), params.id))
    },
  })
}

/**
 * Deleted records the caller could restore (their data scope: restoring is an owner's act). Who
 * deleted a record is named by its own `delete` audit row, so no user table is needed.
 */
async function deletedRecords(
  m: EntityManager,
  store: RecordStore<RecordBase>,
  limit: number,
  principal: Principal,
): Promise<RecycleBinItem[]> {
  const qb = store.repo(m).createQueryBuilder('r').where('r.deleted_at IS NOT NULL')
  const scope = store.scopeWhere(principal, 'r', 'owner')
  if (scope) qb.andWhere(scope.sql, scope.params)
  const rows = await qb.orderBy('r.deleted_at', 'DESC').take(limit).getMany()
  if (!rows.length) return []
  const deleters: Array<{ entity_id: string; actor_name: string | null }> = await m.query(
    `SELECT DISTINCT ON (entity_id) entity_id, actor_name FROM audit_log
     WHERE entity_type = $1 AND action = 'delete' AND entity_id = ANY($2::text[])
     ORDER BY entity_id, seq DESC`,
    [store.entityType, rows.map((r) => r.id)],
  )
  const names = new Map(deleters.map((d) => [d.entity_id, d.actor_name]))
  return rows.map((r) => ({
    entityType: store.entityType,
    id: r.id,
    title: store.options.title(r),
    deletedAt: r.deletedAt!.toISOString(),
    deletedBy: r.deletedBy,
    deletedByName: names.get(r.id) ?? null,
  }))
}
