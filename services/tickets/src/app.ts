import { createDomainService, type DomainServiceOptions, type Service } from '@mosaic/service-kit'
import type { TicketsConfig } from './config.js'
import { migrations } from './migrations.js'
import { PortalAccountEntity } from './modules/portal-accounts/portal-accounts.entity.js'
import { registerPortalAccountRoutes } from './modules/portal-accounts/portal-accounts.routes.js'
import { portalSigningKeys, portalVerifier } from './modules/portal/portal-auth.js'
import { registerPortalAuthRoutes } from './modules/portal/portal-auth.routes.js'
import { registerPortalImageRoutes } from './modules/portal/portal-images.js'
import { registerPortalPeerRoutes } from './modules/portal/portal-peers.routes.js'

/** Builds the tickets service (not yet listening); tests pass a verifier that trusts their own keys. */
export function buildTicketsService(
  config: TicketsConfig,
  options: DomainServiceOptions = {},
): Promise<Service> {
  const portalKeys = portalSigningKeys(config.PORTAL_SIGNING_JWK)
  return createDomainService({
    ...options,
    config,
    database: { entities: [PortalAccountEntity], migrations },
    modules: [
      (ctx) => registerPortalAccountRoutes(ctx),
      (ctx) => registerPortalAuthRoutes(ctx, () => portalKeys(ctx.db)),
      (ctx) => registerPortalPeerRoutes(ctx),
      // Until tickets carry images, a contact sees only their own uploads.
      (ctx) => registerPortalImageRoutes(ctx, async () => false),
    ],
    // Customers sign in to the portal with the service's own tokens (audience `portal`), never admin's.
    portal: { verifier: ({ db }) => portalVerifier(db, portalKeys(db)) },
  })
}
