import { z } from 'zod'
import type { EntityManager } from 'typeorm'
import { Id, tickets } from '@mosaic/schemas'
import { listPage, liveRows, notFound, type DomainContext, type RecordContext } from '@mosaic/service-kit'
import type { TicketsConfig } from '../../config.js'
import type { PortalAccountRow } from '../portal-accounts/portal-accounts.entity.js'
import { commentAsContact, confirmResolution, rejectResolution } from '../tickets/tickets.actions.js'
import type { TicketRow } from '../tickets/tickets.entity.js'
import { readLog } from '../tickets/tickets.log.js'
import { openTicket, presentTicket, type ContactOrigin, type TicketDeps } from '../tickets/tickets.service.js'
import { ticketStore } from '../tickets/tickets.store.js'
import { currentAccount } from './portal-session.js'

const tags = ['portal']
const IdParams = z.object({ id: Id })
const OPEN_SQL = `t.status IN (${tickets.OPEN_TICKET_STATUSES.map((s) => `'${s}'`).join(', ')})`

/** What a contact sees of a ticket: the portal's fields only. */
const presentPortalTicket = (row: TicketRow): tickets.PortalTicket =>
  tickets.PortalTicket.parse(presentTicket(row))

/** The signed-in contact as the tickets domain knows a portal actor. */
function contactOf(
  account: PortalAccountRow,
  requestId: string,
): { ctx: RecordContext; origin: ContactOrigin } {
  return {
    ctx: { actor: { id: account.id, name: account.contactName }, requestId },
    origin: {
      kind: 'contact',
      accountId: account.id,
      contactId: account.contactId,
      contactName: account.contactName,
      customerId: account.customerId,
      customerName: account.customerName,
    },
  }
}

/** The customer's ticket with its log without internal notes; any other ticket is "not found". */
async function detailOf(m: EntityManager, row: TicketRow | null, customerId: string) {
  if (!row || row.customerId !== customerId) throw notFound()
  return { ...presentPortalTicket(row), log: await readLog(m, row.id, { withInternal: false }) }
}

/**
 * `/portal/tickets*`: the contact's customer's tickets only (list, read, open, comment, confirm, reject), on
 * the tickets domain's own rules with a contact origin (decision 91).
 */
export function registerPortalTicketRoutes(ctx: DomainContext<TicketsConfig>) {
  const { portal, db, serviceClient } = ctx
  const deps: TicketDeps = { ...ctx, client: serviceClient }

  portal.route({
    method: 'get',
    path: '/tickets',
    summary: "The customer's tickets, newest first",
    tags,
    access: 'portal',
    query: tickets.PortalTicketListQuery,
    handler: ({ principal, query }) =>
      db.transaction((m) =>
        listPage(
          liveRows(ticketStore, m, 't').andWhere('t.customer_id = :customerId', {
            customerId: principal.customerId,
          }),
          query,
          {
            filters: {
              open: (open) => ({ sql: open === 'true' ? OPEN_SQL : `NOT ${OPEN_SQL}`, params: {} }),
            },
            equal: ['status'],
            present: (rows) => rows.map(presentPortalTicket),
          },
        ),
      ),
  })
  portal.route({
    method: 'get',
    path: '/tickets/:id',
    summary: 'A ticket of the customer with its processing log (no internal notes)',
    tags,
    access: 'portal',
    params: IdParams,
    response: tickets.PortalTicketDetail,
    handler: ({ principal, params }) =>
      db.transaction(async (m) => detailOf(m, await ticketStore.find(m, params.id), principal.customerId!)),
  })
  portal.route({
    method: 'post',
    path: '/tickets',
    summary: 'Open a ticket as the signed-in contact (channel portal)',
    tags,
    access: 'portal',
    body: tickets.PortalTicketCreate,
    response: tickets.PortalTicket,
    handler: async ({ principal, body, requestId }) => {
      const row = await db.transaction(async (m) => {
        const { ctx: actor, origin } = contactOf(await currentAccount(m, principal), requestId)
        return openTicket(m, actor, deps, body, origin)
      })
      return presentPortalTicket(row)
    },
  })
  const action = (
    path: string,
    summary: string,
    body: z.ZodType,
    run: (
      m: EntityManager,
      actor: RecordContext,
      id: string,
      origin: ContactOrigin,
      body: never,
    ) => Promise<TicketRow>,
  ) =>
    portal.route({
      method: 'post',
      path: `/tickets/:id/${path}`,
      summary,
      tags,
      access: 'portal',
      params: IdParams,
      body,
      response: tickets.PortalTicketDetail,
      status: 200,
      handler: ({ principal, params, body: input, requestId }) =>
        db.transaction(async (m) => {
          const { ctx: actor, origin } = contactOf(await currentAccount(m, principal), requestId)
          const row = await run(m, actor, params.id, origin, input as never)
          return detailOf(m, row, origin.customerId)
        }),
    })
  action(
    'comments',
    'Add a comment to a ticket',
    tickets.PortalComment,
    (m, actor, id, origin, body: tickets.PortalComment) => commentAsContact(m, actor, id, origin, body.note),
  )
  action(
    'confirm',
    'Confirm the resolution and rate it',
    tickets.PortalConfirm,
    (m, actor, id, origin, body) => confirmResolution(m, actor, deps, id, origin, body),
  )
  action(
    'reject',
    'Not solved: the ticket goes back to the agent',
    tickets.PortalReject,
    (m, actor, id, origin, body) => rejectResolution(m, actor, deps, id, origin, body),
  )
}

/** An image on one of the customer's live tickets (the portal's image download rule). */
export async function customerTicketImage(m: EntityManager, customerId: string, attachmentId: string) {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM ticket WHERE customer_id = $1 AND deleted_at IS NULL AND images @> $2::jsonb LIMIT 1`,
    [customerId, JSON.stringify([{ id: attachmentId }])],
  )
  return rows.length > 0
}
