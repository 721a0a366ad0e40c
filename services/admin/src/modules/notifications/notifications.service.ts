import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { admin, EventEnvelope, NotificationRequest } from '@mosaic/schemas'
import { COUNT_CAP, listPage, problem } from '@mosaic/service-kit'
import { NotificationEntity, type NotificationRow } from './notification.entity.js'

/**
 * Stores the notifications an event carries; the inbox calls this for every topic admin receives.
 * Returns how many were stored: recipients that are unknown, disabled or deleted are skipped (a
 * notification nobody can read is noise), and a redelivered event adds nothing.
 */
export async function storeNotifications(m: EntityManager, envelope: EventEnvelope): Promise<number> {
  return insertNotifications(m, envelope.notify ?? [], { source: envelope.source, sourceEvent: envelope.id })
}

/** Admin's own notifications (no event behind them). */
export async function notify(
  m: EntityManager,
  requests: NotificationRequest[],
  options: { source: string },
): Promise<number> {
  return insertNotifications(m, requests, { source: options.source, sourceEvent: null })
}

async function insertNotifications(
  m: EntityManager,
  requests: NotificationRequest[],
  origin: { source: string; sourceEvent: string | null },
): Promise<number> {
  if (!requests.length) return 0
  const rows = requests.map((r) => ({
    id: randomUUID(),
    user_id: r.userId,
    kind: r.kind,
    title: r.title,
    body: r.body ?? null,
    link: r.link ?? null,
    entity_type: r.entityType ?? null,
    entity_id: r.entityId ?? null,
  }))
  // created_at is the time of storing, not the event's occurredAt: a late delivery then still appears
  // at the top of the list, where the user (and keyset paging) looks for new items.
  const inserted: Array<{ id: string }> = await m.query(
    `INSERT INTO notification
       (id, user_id, kind, title, body, link, entity_type, entity_id, source, source_event)
     SELECT r.id, r.user_id, r.kind, r.title, r.body, r.link, r.entity_type, r.entity_id, $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, user_id uuid, kind text, title jsonb, body jsonb,
                                                link text, entity_type text, entity_id text)
       JOIN app_user u ON u.id = r.user_id AND u.enabled AND u.deleted_at IS NULL
     ON CONFLICT (source_event, user_id) DO NOTHING
     RETURNING id`,
    [JSON.stringify(rows), origin.source, origin.sourceEvent],
  )
  return inserted.length
}

export function presentNotification(row: NotificationRow): admin.Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    entityType: row.entityType,
    entityId: row.entityId,
    read: row.readAt !== null,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    sourceEvent: row.sourceEvent,
    source: row.source,
  }
}

/** The caller's own notifications, newest first. */
export function listNotifications(m: EntityManager, userId: string, q: admin.NotificationListQuery) {
  const mine = m
    .getRepository(NotificationEntity)
    .createQueryBuilder('n')
    .where('n.user_id = :userId', { userId })
  const readState = (unread: string) => (unread === 'true' ? 'n.read_at IS NULL' : 'n.read_at IS NOT NULL')
  return listPage(mine, q, {
    filters: { unread: (unread) => ({ sql: readState(unread), params: {} }) },
    present: (rows) => rows.map(presentNotification),
  })
}

/** Capped like list totals: the badge shows "99+" long before the cap matters. */
export async function unreadCount(m: EntityManager, userId: string): Promise<admin.UnreadCount> {
  const [{ n }] = await m.query(
    `SELECT count(*)::int AS n
       FROM (SELECT 1 FROM notification WHERE user_id = $1 AND read_at IS NULL LIMIT $2) unread`,
    [userId, COUNT_CAP],
  )
  return { count: n }
}

/** Someone else's notification answers 404, exactly like a missing one. Reading twice keeps the first time. */
export async function markRead(m: EntityManager, userId: string, id: string): Promise<admin.Notification> {
  const repo = m.getRepository(NotificationEntity)
  await repo
    .createQueryBuilder()
    .update()
    .set({ readAt: () => 'now()' })
    .where('id = :id AND user_id = :userId AND read_at IS NULL', { id, userId })
    .execute()
  const row = await repo.findOneBy({ id, userId })
  if (!row) throw problem(404, 'admin.notification.not_found')
  return presentNotification(row)
}

export async function markAllRead(m: EntityManager, userId: string): Promise<admin.MarkAllReadResult> {
  const result = await m
    .getRepository(NotificationEntity)
    .createQueryBuilder()
    .update()
    .set({ readAt: () => 'now()' })
    .where('user_id = :userId AND read_at IS NULL', { userId })
    .execute()
  return { marked: result.affected ?? 0 }
}
