import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import type { TicketsConfig } from './config.js'
import { migrations } from './migrations.js'
import { registerLookupRoutes } from './modules/lookups/lookups.routes.js'
import { breachJob } from './modules/sla/sla.breach.js'
import { registerSlaRoutes } from './modules/sla/sla.routes.js'
import { registerDashboardRoute } from './modules/dashboard/dashboard.routes.js'
import { TicketEntity } from './modules/tickets/tickets.entity.js'
import { registerTicketRoutes } from './modules/tickets/tickets.routes.js'
import { TICKET_IMAGE_TYPES, ticketImages, ticketStore } from './modules/tickets/tickets.store.js'
import { PortalAccountEntity } from './modules/portal-accounts/portal-accounts.entity.js'
import { registerPortalAccountRoutes } from './modules/portal-accounts/portal-accounts.routes.js'
import { portalSigningKeys, portalVerifier } from './modules/portal/portal-auth.js'
import { registerPortalAuthRoutes } from './modules/portal/portal-auth.routes.js'
import { registerPortalImageRoutes } from './modules/portal/portal-images.js'
import { registerPortalPeerRoutes } from './modules/portal/portal-peers.routes.js'
import { customerTicketImage, registerPortalTicketRoutes } from './modules/portal/portal-tickets.routes.js'

/** Builds the tickets service (not yet listening); tests pass a verifier that trusts their own keys. */
export function buildTicketsService(
  config: TicketsConfig,
  options: DomainServiceOptions = {},
): Promise<Service> {
  const portalKeys = portalSigningKeys(config.PORTAL_SIGNING_JWK)
  return createDomainService({
    ...options,
    config,
    database: { entities: [TicketEntity, PortalAccountEntity], migrations },
    modules: [
      (ctx) => registerLookupRoutes(ctx.api, ctx.serviceClient),
      (ctx) => registerTicketRoutes(ctx.api, ctx.db, { ...ctx, client: ctx.serviceClient }),
      (ctx) => registerSlaRoutes(ctx.api, ctx.db, ctx),
      (ctx) => registerDashboardRoute(ctx.api, ctx.db, ctx),
      (ctx) => registerPortalAccountRoutes(ctx),
      (ctx) => registerPortalAuthRoutes(ctx, () => portalKeys(ctx.db)),
      (ctx) => registerPortalTicketRoutes(ctx),
      (ctx) => registerPortalPeerRoutes(ctx),
      (ctx) => registerPortalImageRoutes(ctx, customerTicketImage),
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
    // Customers sign in to the portal with the service's own tokens (audience `portal`), never admin's.
    portal: { verifier: ({ db }) => portalVerifier(db, portalKeys(db)) },
  })
}
