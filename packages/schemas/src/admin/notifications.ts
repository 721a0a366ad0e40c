import { z } from 'zod'
import { Id, PageQuery } from '../common.js'

const LocalText = z.object({ zh: z.string(), en: z.string() })

/** An in-app notification as its recipient sees it; only ever listed to that user. */
export const Notification = z.object({
  id: Id,
  kind: z.string(),
  title: LocalText,
  body: LocalText.nullable(),
  /** Shell route to open when clicked. */
  link: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
  /** The event that carried it (null for admin's own notifications). */
  sourceEvent: Id.nullable(),
  /** The service that raised it. */
  source: z.string().nullable(),
})
export type Notification = z.infer<typeof Notification>

export const NotificationListQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional(),
})
export type NotificationListQuery = z.infer<typeof NotificationListQuery>

export const UnreadCount = z.object({ count: z.number().int() })
export type UnreadCount = z.infer<typeof UnreadCount>

export const MarkAllReadResult = z.object({ marked: z.number().int() })
export type MarkAllReadResult = z.infer<typeof MarkAllReadResult>
