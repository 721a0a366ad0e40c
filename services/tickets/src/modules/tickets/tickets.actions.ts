import type { z } from 'zod'
import type { EntityManager } from 'typeorm'
import { tickets, type FieldError } from '@mosaic/schemas'
import {
  calendarDaysBetween,
  conflict,
  fieldError,
  notFound,
  unprocessable,
  type RecordContext,
} from '@mosaic/service-kit'
import { dueTimes, readSlaSettings } from '../sla/sla.settings.js'
import type { TicketRow } from './tickets.entity.js'
import { publishTicketAssigned } from './tickets.events.js'
import { appendLog, type LogActor } from './tickets.log.js'
import { ticketStore } from './tickets.store.js'
import {
  actorOf,
  assigneeOf,
  responded,
  saveTicket,
  type ContactOrigin,
  type TicketDeps,
} from './tickets.service.js'

type Status = tickets.TicketStatus
type UpdateOptions = NonNullable<Parameters<typeof ticketStore.update>[5]>

/** Statuses an agent works a ticket in (assign, process, resolve). */
const WORKED: readonly Status[] = ['new', 'assigned', 'in_progress', 'waiting_customer', 'reopened']

const illegal = (from: Status, to: Status) => conflict('tickets.ticket.illegal_transition', { from, to })

function assertFrom(row: TicketRow, allowed: readonly Status[], to: Status) {
  if (!allowed.includes(row.status)) throw illegal(row.status, to)
}

/** The row under its lock, as the caller may change it (outside their scope: 404). */
const locked = (m: EntityManager, ctx: RecordContext, id: string) =>
  ticketStore.get(m, id, ctx, { lock: true, access: 'write' })

/** One step: the row saved (audited, published) and its log row written, with the same instant. */
async function step(
  m: EntityManager,
  ctx: RecordContext,
  row: TicketRow,
  version: number,
  patch: Partial<TicketRow>,
  log: {
    step: tickets.TicketLogEntry['action']
    actor: LogActor
    note?: string | null
    internal?: boolean
  },
  audit: { action: UpdateOptions },
  now: Date,
) {
  const saved = await saveTicket(m, ctx, row, version, patch, audit.action)
  await appendLog(
    m,
    row.id,
    { ...log, from: row.status, to: saved.status, note: log.note ?? null, internal: log.internal ?? false },
    now,
  )
  return saved
}

/** 分派 / 改派: new and reopened tickets become `assigned`; the owner (and department) follow the assignee. */
export async function assignTicket(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  body: tickets.TicketAssign,
): Promise<TicketRow> {
  const row = await locked(m, ctx, id)
  assertFrom(row, WORKED, 'assigned')
  const assignee = await assigneeOf(m, body.assigneeId)
  const now = new Date()
  const status: Status = row.status === 'new' || row.status === 'reopened' ? 'assigned' : row.status
  const saved = await step(
    m,
    ctx,
    row,
    version,
    {
      status,
      assigneeId: assignee.id,
      assigneeName: assignee.displayName,
      deptId: assignee.deptId,
      ...responded(row, now),
    },
    { step: 'assigned', actor: actorOf(ctx), note: body.note ?? assignee.displayName },
    { action: { action: 'assign', note: body.note ?? undefined } },
    now,
  )
  if (assignee.id !== ctx.actor.id && assignee.id !== row.assigneeId)
    await publishTicketAssigned(m, saved, ctx.actor.id)
  return saved
}

/** 处理: a note (internal notes stay out of the portal), optionally in progress ⇄ waiting for the customer. */
export async function processTicket(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  body: tickets.TicketProcess,
): Promise<TicketRow> {
  const row = await locked(m, ctx, id)
  const to: Status = body.status ?? 'in_progress'
  assertFrom(row, ['assigned', 'in_progress', 'waiting_customer', 'reopened'], to)
  const now = new Date()
  return step(
    m,
    ctx,
    row,
    version,
    { status: to, ...responded(row, now) },
    { step: 'processed', actor: actorOf(ctx), note: body.note, internal: body.internal ?? false },
    { action: { action: 'update', note: body.internal ? undefined : body.note } },
    now,
  )
}

/** 解决: with the resolution; resolving after the due time marks the breach (the round tells, not this). */
export async function resolveTicket(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  body: tickets.TicketResolve,
): Promise<TicketRow> {
  const row = await locked(m, ctx, id)
  assertFrom(row, ['assigned', 'in_progress', 'waiting_customer', 'reopened'], 'resolved')
  const now = new Date()
  const late = row.resolutionDueAt !== null && now > row.resolutionDueAt
  return step(
    m,
    ctx,
    row,
    version,
    {
      status: 'resolved',
      resolution: body.resolution,
      resolvedAt: now,
      resolutionBreached: row.resolutionBreached || late,
      ...responded(row, now),
    },
    { step: 'resolved', actor: actorOf(ctx), note: body.resolution },
    { action: { action: 'complete', note: body.resolution } },
    now,
  )
}

/** 回访: staff record the customer's satisfaction (e.g. taken by phone) on a resolved ticket. */
export async function recordFeedback(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  body: z.output<typeof tickets.TicketFeedback>,
): Promise<TicketRow> {
  const row = await locked(m, ctx, id)
  assertFrom(row, ['resolved'], 'resolved')
  const now = new Date()
  return step(
    m,
    ctx,
    row,
    version,
    { satisfaction: body.satisfaction, feedback: body.feedback ?? null },
    { step: 'feedback', actor: actorOf(ctx), note: feedbackNote(body.satisfaction, body.feedback) },
    { action: {} },
    now,
  )
}

const feedbackNote = (satisfaction: number, feedback: string | null | undefined) =>
  `${satisfaction}/5${feedback ? ` ${feedback}` : ''}`

/**
 * Why the ticket may not close, one entry per unmet rule: resolved, a resolution, and (when the SLA
 * settings require it) the customer's satisfaction.
 */
async function closureErrorsOf(m: EntityManager, deps: TicketDeps, row: TicketRow): Promise<FieldError[]> {
  const settings = await readSlaSettings(m, deps.timeZone)
  const errors: FieldError[] = []
  if (row.status !== 'resolved') errors.push(fieldError('status', 'tickets.ticket.not_resolved'))
  if (!row.resolution?.trim()) errors.push(fieldError('resolution', 'tickets.ticket.resolution_required'))
  if (settings.feedbackRequired && row.satisfaction === null)
    errors.push(fieldError('satisfaction', 'tickets.ticket.feedback_required'))
  return errors
}

/** 关闭: only when every closure rule is met; otherwise one 422 naming each unmet rule. */
export async function closeTicket(
  m: EntityManager,
  ctx: RecordContext,
  deps: TicketDeps,
  id: string,
  version: number,
  body: tickets.TicketClose,
): Promise<TicketRow> {
  const row = await locked(m, ctx, id)
  if (row.status === 'closed') throw illegal('closed', 'closed')
  const errors = await closureErrorsOf(m, deps, row)
  if (errors.length) throw unprocessable(errors as [FieldError, ...FieldError[]])
  const now = new Date()
  return step(
    m,
    ctx,
    row,
    version,
    { status: 'closed', closedAt: now },
    { step: 'closed', actor: actorOf(ctx), note: body.note ?? null },
    { action: { action: 'close', note: body.note ?? undefined } },
    now,
  )
}

/** Back to work: the reopen count goes up and the resolution clock starts again from now. */
async function reopenPatch(m: EntityManager, deps: TicketDeps, row: TicketRow, now: Date) {
  const due = await dueTimes(m, deps.dicts, deps.timeZone, row.priority, now)
  return {
    status: 'reopened' as const,
    reopenCount: row.reopenCount + 1,
    resolvedAt: null,
    closedAt: null,
    resolutionDueAt: due.resolutionDueAt,
    // A new due time may be breached (and told) again.
    resolutionBreached: false,
    resolutionBreachTold: false,
  }
}

/**
 * 重新打开 (tickets.ticket.reopen): a resolved ticket, or a closed one within `reopenWindowDays` calendar
 * days (business time zone) of its closing.
 */
export async function reopenTicket(
  m: EntityManager,
  ctx: RecordContext,
  deps: TicketDeps,
  id: string,
  version: number,
  body: tickets.TicketReopen,
): Promise<TicketRow> {
  const row = await locked(m, ctx, id)
  assertFrom(row, ['resolved', 'closed'], 'reopened')
  const now = new Date()
  if (row.status === 'closed') {
    const { reopenWindowDays } = await readSlaSettings(m, deps.timeZone)
    if (calendarDaysBetween(row.closedAt!, now, deps.timeZone) > reopenWindowDays)
      throw conflict('tickets.ticket.reopen_window', { days: reopenWindowDays })
  }
  return step(
    m,
    ctx,
    row,
    version,
    await reopenPatch(m, deps, row, now),
    { step: 'reopened', actor: actorOf(ctx), note: body.reason },
    { action: { action: 'reopen', note: body.reason } },
    now,
  )
}

// ── The contact's side (the portal's routes call these for the signed-in contact) ──────────────────

/** The contact's customer's ticket, locked; any other is "not found". */
async function contactsTicket(m: EntityManager, id: string, origin: ContactOrigin) {
  const row = await ticketStore.find(m, id, undefined, { lock: true })
  if (!row || row.customerId !== origin.customerId) throw notFound()
  return row
}

/** The contact adds a comment; a ticket waiting for the customer goes back to the agent (in progress). */
export async function commentAsContact(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  origin: ContactOrigin,
  note: string,
): Promise<TicketRow> {
  const row = await contactsTicket(m, id, origin)
  if (row.status === 'closed') throw conflict('tickets.ticket.closed')
  const status: Status = row.status === 'waiting_customer' ? 'in_progress' : row.status
  return step(
    m,
    ctx,
    row,
    row.version,
    { status },
    { step: 'commented', actor: actorOf(ctx, origin), note },
    { action: { action: 'update', note } },
    new Date(),
  )
}

/**
 * The contact confirms the resolution and rates it: stored on the resolved ticket, which closes when the
 * closure rules are now met (else it stays resolved with the feedback kept).
 */
export async function confirmResolution(
  m: EntityManager,
  ctx: RecordContext,
  deps: TicketDeps,
  id: string,
  origin: ContactOrigin,
  body: z.output<typeof tickets.PortalConfirm>,
): Promise<TicketRow> {
  const row = await contactsTicket(m, id, origin)
  assertFrom(row, ['resolved'], 'closed')
  const now = new Date()
  const rated = { ...row, satisfaction: Number(body.satisfaction), feedback: body.feedback ?? null }
  const closes = (await closureErrorsOf(m, deps, rated)).length === 0
  return step(
    m,
    ctx,
    row,
    row.version,
    {
      satisfaction: rated.satisfaction,
      feedback: rated.feedback,
      ...(closes ? { status: 'closed' as const, closedAt: now } : {}),
    },
    {
      step: 'confirmed',
      actor: actorOf(ctx, origin),
      note: feedbackNote(rated.satisfaction, rated.feedback),
    },
    { action: { action: closes ? 'close' : 'accept' } },
    now,
  )
}

/** Not solved, says the contact: the resolved ticket goes back to the agent as `reopened`, with the reason. */
export async function rejectResolution(
  m: EntityManager,
  ctx: RecordContext,
  deps: TicketDeps,
  id: string,
  origin: ContactOrigin,
  body: tickets.PortalReject,
): Promise<TicketRow> {
  const row = await contactsTicket(m, id, origin)
  assertFrom(row, ['resolved'], 'reopened')
  const now = new Date()
  return step(
    m,
    ctx,
    row,
    row.version,
    await reopenPatch(m, deps, row, now),
    { step: 'rejected', actor: actorOf(ctx, origin), note: body.reason },
    { action: { action: 'reject', note: body.reason } },
    now,
  )
}
