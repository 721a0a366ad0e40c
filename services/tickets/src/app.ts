import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import type { TicketsConfig } from './config.js'
import { migrations } from './migrations.js'
import { registerLookupRoutes } from './modules/lookups/lookups.routes.js'
import { breachJob } from './modules/sla/sla.breach.js'
import { registerSlaRoutes } from './modules/sla/sla.routes.js'
import { TicketEntity } from './modules/tickets/tickets.entity.js'
import { registerTicketRoutes } from './modules/tickets/tickets.routes.js'
import { TICKET_IMAGE_TYPES, ticketImages, ticketStore } from './modules/tickets/tickets.store.js'

/** Builds the tickets service (not yet listening); tests pass a verifier that trusts their own keys. */
export function buildTicketsService(
  config: TicketsConfig,
  options: DomainServiceOptions = {},
): Promise<Service> {
  return createDomainService({
    ...options,
    config,
    database: { entities: [TicketEntity], migrations },
    modules: [
      (ctx) => registerLookupRoutes(ctx.api, ctx.serviceClient),
      (ctx) => registerTicketRoutes(ctx.api, ctx.db, { ...ctx, client: ctx.serviceClient }),
      (ctx) => registerSlaRoutes(ctx.api, ctx.db, ctx),
    ],
    recycleBin: { stores: [ticketStore], read: 'tickets.ticket.restore' },
    // Ticket images (PNG, JPEG, GIF, WebP), as visible as the tickets carrying them.
    attachments: {
      policy: ticketImages,
      upload: { anyOf: ['tickets.ticket.create', 'tickets.ticket.update'] },
      read: 'tickets.ticket.read',
      allowedTypes: TICKET_IMAGE_TYPES,
    },
    jobs: [breachJob({ minutes: config.SLA_INTERVAL_MINUTES })],
  })
}
