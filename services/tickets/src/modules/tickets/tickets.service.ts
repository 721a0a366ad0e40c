import type { EntityManager } from 'typeorm'
import { tickets, type FieldError } from '@mosaic/schemas'
import {
  anyOfTerms,
  conflict,
  definedOnly,
  fieldError,
  findUser,
  issueNumber,
  listPage,
  liveRows,
  numberMatch,
  presentBy,
  textContains,
  validationFailed,
  type CallerContext,
  type ListSpec,
  type DomainDeps,
  type RecordBase,
  type RecordContext,
  type ServiceClient,
  type WhereFragment,
} from '@mosaic/service-kit'
import { customerCard, customerDocuments } from '../lookups/peers.js'
import { dueTimes } from '../sla/sla.settings.js'
import type { TicketRow } from './tickets.entity.js'
import { changesWhatOrdersKeeps, publishTicketAssigned, publishTicketChanged } from './tickets.events.js'
import { appendLog, type LogActor } from './tickets.log.js'
import { TICKET_IMAGE_TYPES, ticketImages, ticketStore } from './tickets.store.js'

/** What the ticket rules need: dictionaries, the business time zone and the peers (names, links). */
export interface TicketDeps extends DomainDeps {
  client: ServiceClient
}

/** Who opens or acts on a ticket: staff (the caller), or a customer's contact through the portal. */
export type TicketOrigin =
  | { kind: 'staff' }
  | {
      kind: 'contact'
      accountId: string
      contactId: string
      contactName: string
      customerId: string
      customerName: string
    }

export type ContactOrigin = Extract<TicketOrigin, { kind: 'contact' }>

/** Staff's `TicketCreate`, or the portal's (customer and contact come from the origin, channel `portal`). */
export interface OpenTicketInput {
  type: string
  priority?: string
  channel?: tickets.TicketChannel
  customerId?: string
  contactId?: string | null
  contractId?: string | null
  orderId?: string | null
  title: string
  description: string
  assigneeId?: string | null
  imageIds?: string[]
}

/** The default priority of a portal ticket (the contact may leave it out). */
export const DEFAULT_PRIORITY = 'medium'

const presentRow = presentBy(tickets.Ticket)
export const presentTicket = (row: TicketRow): tickets.Ticket => presentRow(row)

export const actorOf = (ctx: RecordContext, origin: TicketOrigin = { kind: 'staff' }): LogActor =>
  origin.kind === 'contact'
    ? { kind: 'contact', id: origin.contactId, name: origin.contactName }
    : { kind: 'staff', id: ctx.actor.id, name: ctx.actor.name }

interface Links {
  customerName: string
  contactName: string | null
  contractNumber: string | null
  orderNumber: string | null
}

/**
 * The names of what a ticket refers to, from sales and orders: the contact must be the customer's, the
 * contract and order too (and the order the contract's, when both are given). Every wrong field in one 400.
 */
async function resolveLinks(
  client: ServiceClient,
  ids: { customerId: string; contactId: string | null; contractId: string | null; orderId: string | null },
  known?: { customerName: string; contactName: string | null },
): Promise<Links> {
  const errors: FieldError[] = []
  let customerName = known?.customerName ?? ''
  let contactName = known?.contactName ?? null
  if (!known) {
    const card = await customerCard(client, ids.customerId)
    if (!card) throw validationFailed([fieldError('customerId', 'tickets.customer_unknown')])
    customerName = card.name
    contactName = null
    if (ids.contactId) {
      const contact = card.contacts.find((c) => c.id === ids.contactId)
      if (contact) contactName = contact.name
      else errors.push(fieldError('contactId', 'tickets.contact_not_customers'))
    }
  }
  let contractNumber: string | null = null
  let orderNumber: string | null = null
  if (ids.contractId || ids.orderId) {
    const docs = await customerDocuments(client, ids.customerId)
    if (ids.contractId) {
      const contract = docs.contracts.find((c) => c.id === ids.contractId)
      if (contract) contractNumber = contract.number
      else errors.push(fieldError('contractId', 'tickets.contract_not_customers'))
    }
    if (ids.orderId) {
      const order = docs.orders.find((o) => o.id === ids.orderId)
      if (order && (!ids.contractId || order.contractId === ids.contractId)) orderNumber = order.number
      else errors.push(fieldError('orderId', 'tickets.order_not_customers'))
    }
  }
  if (errors.length) throw validationFailed(errors)
  return { customerName, contactName, contractNumber, orderNumber }
}

/** An active user of the replica to assign, with the department that becomes the ticket's. */
export async function assigneeOf(m: EntityManager, id: string, field = 'assigneeId') {
  const user = await findUser(m, id)
  if (!user?.enabled) throw validationFailed([fieldError(field, 'tickets.assignee_unknown')])
  return user
}

const acceptImages = (m: EntityManager, ctx: RecordContext, ids: readonly string[] | undefined) =>
  ticketImages.accept(
    m,
    ctx,
    ids?.map((id) => ({ id })),
    'imageIds',
    TICKET_IMAGE_TYPES,
  )

/** First staff action on a ticket: the response time, and whether it came late (no event for that). */
export function responded(row: TicketRow, now: Date): Partial<TicketRow> {
  if (row.respondedAt) return {}
  return {
    respondedAt: now,
    responseBreached: row.responseBreached || (row.responseDueAt !== null && now > row.responseDueAt),
  }
}

/**
 * 新建工单, by staff or (origin `contact`) by a customer's contact through the portal: names looked up, type
 * and priority checked against the dictionaries, SLA due times from the priority's targets, an optional
 * assignee (staff only), images the actor uploaded. Logged, audited and published in the caller's transaction.
 */
export async function openTicket(
  m: EntityManager,
  ctx: RecordContext,
  deps: TicketDeps,
  input: OpenTicketInput,
  origin: TicketOrigin = { kind: 'staff' },
): Promise<TicketRow> {
  const byContact = origin.kind === 'contact'
  const priority = input.priority ?? DEFAULT_PRIORITY
  await deps.dicts.assert([
    { field: 'type', type: 'ticket_type', value: input.type },
    { field: 'priority', type: 'ticket_priority', value: priority },
  ])
  const customerId = byContact ? origin.customerId : input.customerId!
  const contactId = byContact ? origin.contactId : (input.contactId ?? null)
  const links = await resolveLinks(
    deps.client,
    { customerId, contactId, contractId: input.contractId ?? null, orderId: input.orderId ?? null },
    byContact ? { customerName: origin.customerName, contactName: origin.contactName } : undefined,
  )
  const assignee = !byContact && input.assigneeId ? await assigneeOf(m, input.assigneeId) : null
  const images = await acceptImages(m, ctx, input.imageIds)
  const now = new Date()
  const due = await dueTimes(m, deps.dicts, deps.timeZone, priority, now)
  const number = await issueNumber(m, 'ticket', { timeZone: deps.timeZone, at: now })
  const values: Omit<TicketRow, keyof RecordBase> = {
    number,
    type: input.type,
    priority,
    status: assignee ? 'assigned' : 'new',
    channel: byContact ? 'portal' : (input.channel ?? 'other'),
    customerId,
    contactId,
    contractId: input.contractId ?? null,
    orderId: input.orderId ?? null,
    ...links,
    title: input.title,
    description: input.description,
    assigneeId: assignee?.id ?? null,
    assigneeName: assignee?.displayName ?? null,
    // Unassigned, the ticket belongs to its creator's department (a contact's: none until assigned).
    deptId: assignee ? assignee.deptId : byContact ? null : (ctx.principal?.deptId ?? null),
    ...due,
    // Assignment counts as the response.
    respondedAt: assignee ? now : null,
    resolvedAt: null,
    closedAt: null,
    responseBreached: false,
    resolutionBreached: false,
    responseBreachTold: false,
    resolutionBreachTold: false,
    resolution: null,
    satisfaction: null,
    feedback: null,
    reopenCount: 0,
    images,
  }
  const row = await ticketStore.create(m, ctx, values)
  const actor = actorOf(ctx, origin)
  await appendLog(m, row.id, { step: 'created', actor, to: 'new', note: null }, now)
  if (assignee) {
    await appendLog(
      m,
      row.id,
      { step: 'assigned', actor, from: 'new', to: 'assigned', note: assignee.displayName },
      now,
    )
    if (assignee.id !== ctx.actor.id) await publishTicketAssigned(m, row, ctx.actor.id)
  }
  return row
}

/**
 * Saves a change of the ticket (version-guarded and audited by the store) and publishes
 * `tickets.ticket.changed` when its status or links moved.
 */
export async function saveTicket(
  m: EntityManager,
  ctx: RecordContext,
  before: TicketRow,
  version: number,
  patch: Partial<TicketRow>,
  opts: Parameters<typeof ticketStore.update>[5] = {},
): Promise<TicketRow> {
  const after = await ticketStore.update(m, ctx, before.id, version, patch, opts)
  if (changesWhatOrdersKeeps(before, after)) await publishTicketChanged(m, after, ctx.actor.id)
  return after
}

/** PATCH while not closed: links re-resolved, a new priority recomputes the due times from creation. */
export async function updateTicket(
  m: EntityManager,
  ctx: RecordContext,
  deps: TicketDeps,
  id: string,
  version: number,
  body: tickets.TicketUpdate,
): Promise<TicketRow> {
  const row = await ticketStore.get(m, id, ctx, { lock: true, access: 'write' })
  if (row.status === 'closed') throw conflict('tickets.ticket.closed')
  await deps.dicts.assert([
    { field: 'type', type: 'ticket_type', value: body.type },
    { field: 'priority', type: 'ticket_priority', value: body.priority },
  ])
  const patch: Partial<TicketRow> = definedOnly({
    type: body.type,
    priority: body.priority,
    title: body.title,
    description: body.description,
  })
  const linksChanged = ['contactId', 'contractId', 'orderId'].some(
    (k) => body[k as keyof typeof body] !== undefined,
  )
  if (linksChanged) {
    const ids = {
      customerId: row.customerId,
      contactId: body.contactId !== undefined ? body.contactId : row.contactId,
      contractId: body.contractId !== undefined ? body.contractId : row.contractId,
      orderId: body.orderId !== undefined ? body.orderId : row.orderId,
    }
    const links = await resolveLinks(deps.client, ids)
    Object.assign(patch, ids, links)
  }
  if (body.imageIds !== undefined) patch.images = await acceptImages(m, ctx, body.imageIds)
  if (body.priority !== undefined && body.priority !== row.priority) {
    const due = await dueTimes(m, deps.dicts, deps.timeZone, body.priority, row.createdAt)
    patch.responseDueAt = due.responseDueAt
    patch.resolutionDueAt = due.resolutionDueAt
  }
  return saveTicket(m, ctx, row, version, patch)
}

/** Number from its start, or any part of the title or the customer's name. */
function searchTerm(term: string): WhereFragment {
  return anyOfTerms([
    numberMatch('t.number', term, 'searchNumber'),
    textContains('t.title', term, 'searchTitle'),
    textContains('t.customer_name', term, 'searchCustomer'),
  ])
}

const OPEN_SQL = `t.status IN (${tickets.OPEN_TICKET_STATUSES.map((s) => `'${s}'`).join(', ')})`

const BREACHED_SQL = {
  response: 't.response_breached',
  resolution: 't.resolution_breached',
  any: '(t.response_breached OR t.resolution_breached)',
} as const

/**
 * The tickets list's filters under the caller's scope: the list pages what they select, the
 * dashboard counts the same rows (`listedRows`), so a figure equals the list's total.
 */
export function ticketListSpec(
  ctx: CallerContext,
): Omit<ListSpec<TicketRow, tickets.TicketListQuery, unknown>, 'present'> {
  return {
    scope: ticketStore.scopeWhere(ctx.principal, 't'),
    filters: {
      q: searchTerm,
      open: (open) => ({ sql: open === 'true' ? OPEN_SQL : `NOT ${OPEN_SQL}`, params: {} }),
      breached: (kind) => ({ sql: BREACHED_SQL[kind], params: {} }),
    },
    equal: ['customerId', 'contractId', 'orderId', 'type', 'priority', 'status', 'assigneeId'],
    ranges: { created_at: ['createdFrom', 'createdTo'] },
  }
}

export function listTickets(m: EntityManager, ctx: CallerContext, q: tickets.TicketListQuery) {
  return listPage(liveRows(ticketStore, m, 't'), q, {
    ...ticketListSpec(ctx),
    present: (rows) => rows.map(presentTicket),
  })
}
