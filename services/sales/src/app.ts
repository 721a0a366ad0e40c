import {
  createService,
  createTokenVerifier,
  localStorageFor,
  registerAttachmentRoutes,
  registerAuditSearchRoute,
  registerRecycleBinRoutes,
  directoryReplicaHandlers,
  seedDirectoryInBackground,
  replicaAuthState,
  withTokenFreshness,
  type ApiRouter,
  type Database,
  type Service,
  type ServiceClient,
  type StorageAdapter,
  type TokenVerifier,
} from '@mosaic/service-kit'
import {
  adminDictionaries,
  builtInDictionaries,
  createSalesDictionaries,
  type DictionaryLoader,
} from './support/dictionaries.js'
import { SALES_RECYCLE_BIN_ACCESS } from '@mosaic/permissions'
import type { SalesDeps } from './support/context.js'
import { registerContactRoutes, registerCustomerRoutes } from './modules/customers/customers.routes.js'
import { contacts, customers } from './modules/customers/customers.store.js'
import { ANY_SALES_READ, registerDirectoryRoutes } from './modules/directory/directory.routes.js'
import { registerTeamRoutes } from './modules/team/team.routes.js'
import { registerLeadRoutes } from './modules/leads/leads.routes.js'
import { leads } from './modules/leads/leads.store.js'
import { registerFollowUpRoutes } from './modules/followups/followups.routes.js'
import { followups } from './modules/followups/followups.store.js'
import { registerOpportunityRoutes } from './modules/opportunities/opportunities.routes.js'
import { opportunities } from './modules/opportunities/opportunities.store.js'
import type { SalesConfig } from './config.js'
import { migrations } from './migrations/index.js'
import { entities } from './entities.js'
import { registerPoolRoutes } from './modules/pool/pool.routes.js'
import { withRecycleScheduler } from './modules/pool/scheduler.js'
import { registerTransferRoutes } from './modules/transfers/transfers.routes.js'
import { salesAttachments } from './support/attachments.js'

export interface SalesServiceOptions {
  /** Tests pass a verifier trusting their own keys; otherwise the admin service's JWKS. */
  verifier?: TokenVerifier
  /** Where dictionary membership is checked; default: the admin service (built-in catalog without one). */
  dictionaries?: DictionaryLoader
  /** Where uploaded files go; default `<DATA_DIR>/files` (a temporary folder for in-memory tests). */
  storage?: StorageAdapter
}

/** Builds the sales service (not yet listening), so tests can drive it in-process. */
export async function buildSalesService(
  config: SalesConfig,
  options: SalesServiceOptions = {},
): Promise<Service> {
  let seeding: { stop(): void } | undefined
  const storage = options.storage ?? (await localStorageFor(config))
  const service = await createService({
    config,
    database: { entities, migrations },
    // Signed tokens are also checked against the user replica: a disabled user or a token from
    // before a role/scope change is refused within about a second of admin's event arriving.
    verifier: ({ db }) => withTokenFreshness(options.verifier ?? jwksVerifier(config), replicaAuthState(db)),
    // Users and rules are replicated from admin: sales keeps working while admin is down.
    events: { handlers: directoryReplicaHandlers },
    routes: ({ api, db, logger, serviceClient }) => {
      registerAuditSearchRoute(api, db, 'admin.audit.read')
      const fromAdmin = adminReachable(config, serviceClient)
      registerSalesRecordRoutes(api, db, {
        dicts: createSalesDictionaries(
          options.dictionaries ??
            (fromAdmin ? adminDictionaries(serviceClient, logger) : builtInDictionaries),
        ),
        timeZone: config.BUSINESS_TIME_ZONE,
      })
      registerPoolRoutes(api, db, config, logger)
      registerTransferRoutes(api, db, logger)
      // Follow-ups carry them; whoever may see sales records may download what they reference.
      registerAttachmentRoutes(api, db, storage, {
        upload: 'sales.followup.create',
        read: { anyOf: ANY_SALES_READ },
        // A file is as visible as the follow-ups that carry it.
        visible: salesAttachments.visible,
        maxBytes: config.ATTACHMENT_MAX_BYTES,
      })
    },
    onReady: ({ db, logger, serviceClient }) => {
      if (adminReachable(config, serviceClient))
        seeding = seedDirectoryInBackground(db, serviceClient, logger)
    },
  })
  const close = service.close.bind(service)
  service.close = async () => {
    seeding?.stop()
    await close()
    await storage.close?.()
  }
  return withRecycleScheduler(service, {
    minutes: config.RECYCLE_INTERVAL_MINUTES,
    timeZone: config.BUSINESS_TIME_ZONE,
  })
}

/** Leads, customers, contacts, follow-ups, opportunities, their teams, the directory and the recycle bin. */
function registerSalesRecordRoutes(api: ApiRouter, db: Database, deps: SalesDeps) {
  registerDirectoryRoutes(api, db)
  registerCustomerRoutes(api, db, deps)
  registerContactRoutes(api, db)
  registerTeamRoutes(api, db, '/customers', customers)
  registerLeadRoutes(api, db, deps)
  registerFollowUpRoutes(api, db, deps)
  registerOpportunityRoutes(api, db, deps)
  registerTeamRoutes(api, db, '/opportunities', opportunities)
  registerRecycleBinRoutes(api, db, [customers, contacts, leads, opportunities, followups], {
    read: { anyOf: [...SALES_RECYCLE_BIN_ACCESS] },
    purge: 'admin.recycle.purge',
  })
}

function adminReachable(config: SalesConfig, client: ServiceClient): boolean {
  return Boolean(config.SERVICE_SECRET) && client.peers.includes('admin')
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
