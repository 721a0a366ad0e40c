import {
  createService,
  createTokenVerifier,
  registerAuditSearchRoute,
  type Service,
  type TokenVerifier,
} from '@mosaic/service-kit'
import type { SalesConfig } from './config.js'
import { migrations } from './migrations/index.js'

export interface SalesServiceOptions {
  /** Tests pass a verifier trusting their own keys; otherwise the admin service's JWKS. */
  verifier?: TokenVerifier
}

/** Builds the sales service (not yet listening), so tests can drive it in-process. */
export async function buildSalesService(
  config: SalesConfig,
  options: SalesServiceOptions = {},
): Promise<Service> {
  return createService({
    config,
    database: { entities: [], migrations },
    verifier: () => options.verifier ?? jwksVerifier(config),
    routes: ({ api, db }) => {
      registerAuditSearchRoute(api, db, 'admin.audit.read')
    },
  })
}

function jwksVerifier(config: SalesConfig): TokenVerifier {
  if (!config.JWKS_URL)
    throw new Error('JWKS_URL is required: the admin service publishes the signing keys there.')
  return createTokenVerifier({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    keys: config.JWKS_URL,
  })
}
