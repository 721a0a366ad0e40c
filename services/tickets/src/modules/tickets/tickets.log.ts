import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { tickets } from '@mosaic/schemas'

/** Who acted: a staff user, the customer's contact (portal) or the SLA round. */
export interface LogActor {
  kind: 'staff' | 'contact' | 'system'
  id: string | null
  name: string | null
}

/** One processing-log step; `step` is stored in the log's `action` column (not an audit action). */
export interface LogStep {
  step: (typeof tickets.TICKET_LOG_ACTIONS)[number]
  actor: LogActor
  from?: tickets.TicketStatus | null
  to?: tickets.TicketStatus | null
  note?: string | null
  internal?: boolean
}

/** Appends one step to the processing log (处理记录); the log is never changed afterwards. */
export async function appendLog(m: EntityManager, ticketId: string, step: LogStep, at = new Date()) {
  await m.query(
    `INSERT INTO ticket_log (id, ticket_id, at, action, actor_kind, actor_id, actor_name, from_status,
       to_status, note, internal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      randomUUID(),
      ticketId,
      at,
      step.step,
      step.actor.kind,
      step.actor.id,
      step.actor.name?.slice(0, 100) ?? null,
      step.from ?? null,
      step.to ?? null,
      step.note ?? null,
      step.internal ?? false,
    ],
  )
}

interface LogRow {
  id: string
  ticket_id: string
  at: Date
  action: (typeof tickets.TICKET_LOG_ACTIONS)[number]
  actor_kind: tickets.TicketLogEntry['actorKind']
  actor_id: string | null
  actor_name: string | null
  from_status: tickets.TicketStatus | null
  to_status: tickets.TicketStatus | null
  note: string | null
  internal: boolean
}

/** The ticket's log, oldest first; `withInternal: false` leaves out internal notes (the portal's view). */
export async function readLog(
  m: EntityManager,
  ticketId: string,
  opts: { withInternal: boolean } = { withInternal: true },
): Promise<tickets.TicketLogEntry[]> {
  const rows: LogRow[] = await m.query(
    `SELECT id, ticket_id, at, action, actor_kind, actor_id, actor_name, from_status, to_status, note, internal
       FROM ticket_log WHERE ticket_id = $1 ${opts.withInternal ? '' : 'AND NOT internal'}
      ORDER BY seq`,
    [ticketId],
  )
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    at: r.at.toISOString(),
    action: r.action,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorName: r.actor_name,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    note: r.note,
    internal: r.internal,
  }))
}
