import { z } from 'zod'
import { tickets } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import {
  assignTicket,
  closeTicket,
  processTicket,
  recordFeedback,
  reopenTicket,
  resolveTicket,
} from './tickets.actions.js'
import { readLog } from './tickets.log.js'
import { listTickets, openTicket, presentTicket, updateTicket, type TicketDeps } from './tickets.service.js'
import { ticketStore } from './tickets.store.js'

export function registerTicketRoutes(api: ApiRouter, db: Database, deps: TicketDeps) {
  registerAggregate(api, {
    resource: 'tickets.ticket',
    path: '/tickets',
    db,
    store: ticketStore,
    response: tickets.Ticket,
    present: (_m, row) => presentTicket(row),
    list: {
      summary: 'Tickets in the caller’s data scope, newest first (q: number, title or customer)',
      query: tickets.TicketListQuery,
      run: (m, ctx, query) => listTickets(m, ctx, query),
    },
    create: {
      summary: 'Open a ticket for a customer (names looked up in sales and orders; SLA due times set)',
      body: tickets.TicketCreate,
      run: (m, ctx, body) => openTicket(m, ctx, deps, body),
    },
    update: {
      body: tickets.TicketUpdate,
      apply: (m, ctx, id, version, body) => updateTicket(m, ctx, deps, id, version, body),
    },
    remove: 'soft',
    bulk: { edit: tickets.TicketBulkEdit },
    views: {
      ':id/log': {
        summary: 'The processing log (处理记录), oldest first, internal notes included',
        response: z.array(tickets.TicketLogEntry),
        run: async (m, ctx, { params }) => {
          await ticketStore.get(m, params.id!, ctx, { withDeleted: true })
          return readLog(m, params.id!)
        },
      },
    },
    actions: {
      assign: {
        summary: 'Assign or reassign (分派); a new or reopened ticket becomes assigned',
        body: tickets.TicketAssign,
        run: (m, ctx, id, version, body) => assignTicket(m, ctx, id, version, body),
      },
      process: {
        summary: 'Add a processing note; optionally in progress or waiting for the customer',
        access: 'update',
        body: tickets.TicketProcess,
        run: (m, ctx, id, version, body) => processTicket(m, ctx, id, version, body),
      },
      resolve: {
        summary: 'Resolve with a resolution (解决)',
        body: tickets.TicketResolve,
        run: (m, ctx, id, version, body) => resolveTicket(m, ctx, id, version, body),
      },
      feedback: {
        summary: 'Record the customer’s satisfaction on a resolved ticket (回访)',
        access: 'update',
        body: tickets.TicketFeedback,
        run: (m, ctx, id, version, body) => recordFeedback(m, ctx, id, version, body),
      },
      close: {
        summary: 'Close a resolved ticket when every closure rule is met',
        body: tickets.TicketClose,
        run: (m, ctx, id, version, body) => closeTicket(m, ctx, deps, id, version, body),
      },
      reopen: {
        summary: 'Reopen a resolved ticket, or a closed one within the reopen window',
        body: tickets.TicketReopen,
        run: (m, ctx, id, version, body) => reopenTicket(m, ctx, deps, id, version, body),
      },
    },
  })
}
