import { z } from 'zod'
import { admin, Id, pageOf } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { problem, registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import { listNotifications, markAllRead, markRead, unreadCount } from './notifications.service.js'

/** Every signed-in staff member has an inbox of their own; no permission code gates it. */
function recipient(principal: Principal): string {
  if (principal.kind !== 'staff') throw problem(403, 'http.forbidden')
  return principal.userId
}

export function registerNotificationRoutes(api: ApiRouter, db: Database) {
  registerAggregate(api, {
    resource: 'admin.notification',
    path: '/notifications',
    db,
    access: { read: 'authenticated' },
    list: {
      summary: "The caller's notifications, newest first",
      query: admin.NotificationListQuery,
      response: pageOf(admin.Notification),
      run: (m, ctx, query) => listNotifications(m, recipient(ctx.principal), query),
    },
    views: {
      'unread-count': {
        summary: "How many of the caller's notifications are unread",
        response: admin.UnreadCount,
        run: (m, ctx) => unreadCount(m, recipient(ctx.principal)),
      },
    },
    commands: {
      'read-all': {
        summary: "Mark all the caller's notifications read",
        access: 'authenticated',
        response: admin.MarkAllReadResult,
        run: (m, ctx) => markAllRead(m, recipient(ctx.principal)),
      },
      ':id/read': {
        summary: "Mark one of the caller's notifications read",
        access: 'authenticated',
        params: z.object({ id: Id }),
        response: admin.Notification,
        run: (m, ctx, { params }) => markRead(m, recipient(ctx.principal), params.id!),
      },
    },
  })
}
