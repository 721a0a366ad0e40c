import { z } from 'zod'
import { admin, Id, pageOf } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { problem, type ApiRouter, type Database } from '@mosaic/service-kit'
import { listNotifications, markAllRead, markRead, unreadCount } from './notifications.service.js'

/** Every signed-in staff member has an inbox of their own; no permission code gates it. */
function recipient(principal: Principal): string {
  if (principal.kind !== 'staff') throw problem(403, 'http.forbidden')
  return principal.userId
}

export function registerNotificationRoutes(api: ApiRouter, db: Database) {
  const tags = ['notifications']
  api.route({
    method: 'get',
    path: '/notifications',
    summary: "The caller's notifications, newest first",
    tags,
    access: 'authenticated',
    query: admin.NotificationListQuery,
    response: pageOf(admin.Notification),
    handler: ({ query, principal }) =>
      db.transaction((m) => listNotifications(m, recipient(principal), query)),
  })
  api.route({
    method: 'get',
    path: '/notifications/unread-count',
    summary: "How many of the caller's notifications are unread",
    tags,
    access: 'authenticated',
    response: admin.UnreadCount,
    handler: ({ principal }) => db.transaction((m) => unreadCount(m, recipient(principal))),
  })
  api.route({
    method: 'post',
    path: '/notifications/read-all',
    summary: "Mark all the caller's notifications read",
    tags,
    access: 'authenticated',
    status: 200,
    response: admin.MarkAllReadResult,
    handler: ({ principal }) => db.transaction((m) => markAllRead(m, recipient(principal))),
  })
  api.route({
    method: 'post',
    path: '/notifications/:id/read',
    summary: "Mark one of the caller's notifications read",
    tags,
    access: 'authenticated',
    params: z.object({ id: Id }),
    status: 200,
    response: admin.Notification,
    handler: ({ params, principal }) => db.transaction((m) => markRead(m, recipient(principal), params.id)),
  })
}
