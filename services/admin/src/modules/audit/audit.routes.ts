import { z } from 'zod'
import { AuditEntry, AuditQuery, RecycleBinItem, pageOf } from '@mosaic/schemas'
import {
  COUNT_CAP,
  badRequest,
  clampLimit,
  decodeCursor,
  encodeCursor,
  notFound,
  recordContext,
  toAuditEntry,
  type ApiRouter,
  type Database,
  type RecordStore,
  type RecordBase,
} from '@mosaic/service-kit'

/** Admin-wide audit search over this service's trail (other services expose theirs the same way). */
export function registerAuditRoutes(api: ApiRouter, db: Database) {
  api.route({
    method: 'get',
    path: '/audit',
    summary: 'Search the audit trail',
    tags: ['audit'],
    access: 'admin.audit.read',
    query: AuditQuery,
    response: pageOf(AuditEntry),
    handler: async ({ query }) => {
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
      const limit = clampLimit(query.limit)
      const cursor = decodeCursor(query.cursor)
      // The key is a row sequence number; anything else was tampered with (and would fail in SQL as a 500).
      if (cursor && !Number.isSafeInteger(cursor.key))
        throw badRequest('The paging cursor is invalid.', [{ field: 'cursor', message: 'Invalid cursor' }])
      const pageWhere = cursor ? `${filter ? `${filter} AND` : 'WHERE'} seq < $${params.length + 1}` : filter
      return db.transaction(async (m) => {
        const [{ n }] = await m.query(
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_log ${filter} LIMIT ${COUNT_CAP + 1}) c`,
          params,
        )
        const rows = await m.query(
          `SELECT * FROM audit_log ${pageWhere} ORDER BY seq DESC LIMIT ${limit + 1}`,
          cursor ? [...params, cursor.key] : params,
        )
        const items = rows.slice(0, limit)
        const last = items.at(-1)
        return {
          items: items.map(toAuditEntry),
          nextCursor:
            rows.length > limit && last ? encodeCursor({ key: Number(last.seq), id: last.id }) : null,
          total: Math.min(n, COUNT_CAP),
          totalCapped: n > COUNT_CAP,
        }
      })
    },
  })
}

/** The recycle bin lists every soft-deleted record of the given stores, newest first. */
export function registerRecycleBinRoutes(
  api: ApiRouter,
  db: Database,
  stores: Array<RecordStore<RecordBase>>,
) {
  const byType = new Map(stores.map((s) => [s.entityType, s]))
  api.route({
    method: 'get',
    path: '/recycle-bin',
    summary: 'Deleted records',
    tags: ['recycle-bin'],
    access: 'admin.recycle.read',
    query: z.object({ entityType: z.string().max(40).optional(), limit: z.coerce.number().int().optional() }),
    response: pageOf(RecycleBinItem),
    handler: ({ query }) =>
      db.transaction(async (m) => {
        const limit = clampLimit(query.limit)
        const chosen = query.entityType ? [byType.get(query.entityType)].filter(Boolean) : stores
        const items = []
        for (const store of chosen as Array<RecordStore<RecordBase>>) {
          const rows = await store
            .repo(m)
            .createQueryBuilder('r')
            .where('r.deleted_at IS NOT NULL')
            .orderBy('r.deleted_at', 'DESC')
            .take(limit)
            .getMany()
          items.push(
            ...rows.map((r) => ({
              entityType: store.entityType,
              id: r.id,
              title: store.options.title(r),
              deletedAt: r.deletedAt!.toISOString(),
              deletedBy: r.deletedBy,
            })),
          )
        }
        items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))
        const page = items.slice(0, limit)
        const names = await actorNames(
          m,
          page.map((i) => i.deletedBy),
        )
        return {
          items: page.map((i) => ({
            ...i,
            deletedByName: i.deletedBy ? (names.get(i.deletedBy) ?? null) : null,
          })),
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
    access: 'admin.recycle.purge',
    params: z.object({ entityType: z.string().max(40), id: z.string().max(60) }),
    handler: ({ params, principal, requestId }) => {
      const store = byType.get(params.entityType)
      if (!store) throw notFound('Record type')
      return db.transaction((m) => store.purge(m, recordContext(principal, requestId), params.id))
    },
  })
}

async function actorNames(m: import('typeorm').EntityManager, ids: Array<string | null>) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))]
  if (!wanted.length) return new Map<string, string>()
  const rows: Array<{ id: string; display_name: string }> = await m.query(
    'SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])',
    [wanted],
  )
  return new Map(rows.map((r) => [r.id, r.display_name]))
}
