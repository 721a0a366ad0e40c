import { z } from 'zod'
import { Id } from '../common.js'

const Text = z.strictObject({ zh: z.string().max(300), en: z.string().max(300) })

/** An in-app notification the admin service stores for `userId` when it receives the event. */
export const NotificationRequest = z.strictObject({
  userId: Id,
  /** What happened, e.g. 'owner_changed', 'pool_claimed', 'pool_warning', 'followup_due'. */
  kind: z.string().min(1).max(40),
  title: Text,
  body: Text.nullable().optional(),
  /** Shell route to open, e.g. '/sales/customers/<id>'. */
  link: z.string().max(300).nullable().optional(),
  entityType: z.string().max(60).nullable().optional(),
  entityId: z.string().max(60).nullable().optional(),
})
export type NotificationRequest = z.infer<typeof NotificationRequest>

/** What travels between services: written to the outbox, POSTed to each subscriber's inbox. */
export const EventEnvelope = z.strictObject({
  id: Id,
  /** `<service>.<resource>.<past-tense-verb>`, e.g. 'sales.customer.transferred'. */
  topic: z.string().regex(/^[a-z]+\.[a-z-]+\.[a-z-]+$/),
  source: z.string().min(1).max(40),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  notify: z.array(NotificationRequest).default([]),
})
export type EventEnvelope = z.infer<typeof EventEnvelope>

/**
 * Who receives which topics (`*` = all, `admin.rule.*` = a prefix). The one place a subscription is
 * declared: a publisher's dispatcher reads it to fan events out, so publishers never name consumers.
 * Admin takes every other service's events because any of them may carry notifications.
 */
export const EVENT_SUBSCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  admin: ['sales.*', 'orders.*', 'tickets.*', 'finance.*'],
  sales: ['admin.user.*', 'admin.rule.*', 'admin.dept.*', 'admin.approval.*', 'finance.receivable.*'],
  orders: [
    'admin.user.*',
    'admin.rule.*',
    'admin.dept.*',
    'admin.approval.*',
    'sales.*',
    'finance.receivable.*',
    'tickets.ticket.changed',
  ],
  tickets: ['admin.user.*', 'admin.rule.*', 'admin.dept.*'],
  finance: ['admin.user.*', 'admin.rule.*', 'admin.dept.*', 'admin.approval.*', 'orders.*'],
}

/** True when `topic` matches one of `patterns` (exact, `prefix.*`, or `*`). */
export function topicMatches(topic: string, patterns: readonly string[]): boolean {
  return patterns.some(
    (p) => p === '*' || p === topic || (p.endsWith('.*') && topic.startsWith(p.slice(0, -1))),
  )
}

/** The services (other than `source`) subscribed to `topic`. */
export function subscribersOf(topic: string, source: string): string[] {
  return Object.entries(EVENT_SUBSCRIPTIONS)
    .filter(([name, patterns]) => name !== source && topicMatches(topic, patterns))
    .map(([name]) => name)
}
