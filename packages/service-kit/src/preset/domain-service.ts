import type { MigrationInterface } from 'typeorm'
import type { BaseConfig } from '../config.js'
import type { DatabaseOptions } from '../db/database.js'
import {
  createService,
  type Service,
  type ServiceDefinition,
  type ServiceEventOptions,
  type ServiceParts,
} from '../service.js'
import { createTokenVerifier, type TokenVerifier } from '../auth/verifier.js'
import { withTokenFreshness } from '../auth/freshness.js'
import type { Access } from '../http/route.js'
import type { ServiceClient } from '../events/client.js'
import type { AnyRecordStore } from '../records/record-store.js'
import { replicaAuthState } from '../replica/auth-state.js'
import { directoryReplicaHandlers, seedDirectoryInBackground } from '../replica/sync.js'
import type { ServiceJob, StartedJob } from '../jobs/jobs.js'
import { localStorageFor, type StorageAdapter } from '../attachments/storage.js'
import type { AttachmentPolicy } from '../attachments/policy.js'
import { registerAttachmentRoutes } from '../attachments/routes.js'
import { KitAttachmentTables1763900000300 } from '../attachments/migration.js'
import { KitEventTables1763900000000 } from '../events/event-migration.js'
import { KitIdempotencyKeys1766000100000 } from '../idempotency/migration.js'
import { KitImportTables1766500000000 } from '../exchange/migration.js'
import { KitRuleTables1763900000100 } from '../numbering/kit-migration.js'
import { KitDirectoryTables1763900000200 } from '../records/directory-migration.js'
import { KitRecordTables1763800000000 } from '../records/kit-migration.js'
import { KitDeptReplica1764400000000 } from '../records/dept-replica.js'
import { KitUserAuthVersion1764200000100 } from '../replica/auth-migration.js'
import {
  adminDictionaries,
  builtInDictionaries,
  createDictionaries,
  type DictionaryLoader,
} from './dictionaries.js'
import type { DomainDeps } from './record-helpers.js'

/** What each module of a domain service registers its routes with. */
export interface DomainContext<C extends BaseConfig = BaseConfig> extends ServiceParts, DomainDeps {
  config: C
  /** Where uploaded files are kept. */
  storage: StorageAdapter
}

/** One module's route registration (`(ctx) => registerCustomerRoutes(ctx.api, ctx.db, ctx)`). */
export type DomainModule<C extends BaseConfig = BaseConfig> = (ctx: DomainContext<C>) => void | Promise<void>

type MigrationClass = new () => MigrationInterface

/**
 * The kit's tables every domain service has: records and their trail, the outbox and inbox, the
 * rule, user and department replicas, numbering, attachments and idempotency keys. A service lists only its own
 * migrations; TypeORM runs them all in timestamp order.
 */
export const domainKitMigrations: readonly MigrationClass[] = [
  KitRecordTables1763800000000,
  KitEventTables1763900000000,
  KitRuleTables1763900000100,
  KitDirectoryTables1763900000200,
  KitAttachmentTables1763900000300,
  KitUserAuthVersion1764200000100,
  KitDeptReplica1764400000000,
  KitIdempotencyKeys1766000100000,
  KitImportTables1766500000000,
]

export interface DomainServiceDefinition<C extends BaseConfig> {
  config: C
  /** The service's entities and its own migrations (the kit's tables are added). */
  database: { entities: DatabaseOptions['entities']; migrations: readonly MigrationClass[] }
  /** The service's route registrations, in order. */
  modules: ReadonlyArray<DomainModule<C>>
  /** `GET /recycle-bin` over these stores' deleted rows; purging needs `admin.recycle.purge` unless said otherwise. */
  recycleBin?: { stores: ReadonlyArray<AnyRecordStore>; read: Access; purge?: Access }
  /** `POST /attachments` and `GET /attachments/:id`: a file is as visible as the records `policy` names. */
  attachments?: { policy: AttachmentPolicy; upload: Access; read: Access; allowedTypes?: readonly string[] }
  /** Who may search the audit trail (`GET /audit`); default `admin.audit.read`. */
  auditSearch?: Access
  /** Background work, started once the service listens and stopped before its database closes. */
  jobs?: ReadonlyArray<ServiceJob<ServiceParts & { config: C }>>
  /** Inbox handlers besides the directory replica's (users, departments, rules from admin). */
  events?: ServiceEventOptions
  /** Runs once after the routes are in place. */
  onReady?: (parts: ServiceParts & { config: C }) => Promise<void> | void
  /** The service's own portal sign-in (see `ServiceDefinition.portal`): routes on `ctx.portal`. */
  portal?: ServiceDefinition<C>['portal']
  /** Tests pass a verifier trusting their own keys; otherwise the admin service's JWKS. */
  verifier?: TokenVerifier
  /** Where dictionary membership is checked; default: the admin service (built-in catalog without one). */
  dictionaries?: DictionaryLoader
  /** Where uploaded files go; default `<DATA_DIR>/files` (a temporary folder for in-memory tests). */
  storage?: StorageAdapter
}

/**
 * What a domain service's build function lets its tests replace (the verifier trusting their own
 * keys, the dictionaries, the file storage): every service's `build…Service(config, options)` takes it.
 */
export type DomainServiceOptions = Pick<
  DomainServiceDefinition<BaseConfig>,
  'verifier' | 'dictionaries' | 'storage'
>

/**
 * A service other than admin (which issues the tokens and is the directory): it trusts admin's
 * signing keys, mirrors admin's users, departments and rules (events, plus a snapshot pulled once
 * admin answers), checks dictionary values against admin's dictionaries, and offers the kit's audit
 * search, recycle bin and attachments over its own records. The modules add the domain routes.
 */
export async function createDomainService<C extends BaseConfig>(
  def: DomainServiceDefinition<C>,
): Promise<Service> {
  const { config } = def
  const storage = def.storage ?? (await localStorageFor(config))
  try {
    return await createService({
      config,
      database: {
        entities: def.database.entities,
        migrations: [...new Set([...domainKitMigrations, ...def.database.migrations])],
      },
      // Signed tokens are also checked against the user replica: a disabled user or a token from
      // before a role/scope change is refused within about a second of admin's event arriving.
      verifier: ({ db }) => withTokenFreshness(def.verifier ?? jwksVerifier(config), replicaAuthState(db)),
      // Users and rules are replicated from admin: the service keeps working while admin is down.
      events: { ...def.events, handlers: { ...directoryReplicaHandlers, ...def.events?.handlers } },
      auditSearch: def.auditSearch ?? 'admin.audit.read',
      routes: async (parts) => {
        const dicts = createDictionaries(def.dictionaries ?? liveDictionaries(parts))
        const ctx: DomainContext<C> = { ...parts, dicts, timeZone: config.BUSINESS_TIME_ZONE, storage }
        for (const register of def.modules) await register(ctx)
        if (def.attachments) {
          const { policy, ...access } = def.attachments
          registerAttachmentRoutes(parts.api, parts.db, storage, {
            ...access,
            visible: policy.visible,
            maxBytes: config.ATTACHMENT_MAX_BYTES,
          })
        }
      },
      recycleBin: def.recycleBin && { purge: 'admin.recycle.purge', ...def.recycleBin },
      onReady: def.onReady,
      portal: def.portal,
      jobs: [directorySeeding, ...(def.jobs ?? [])],
      onClose: () => storage.close?.(),
    })
  } catch (error) {
    await storage.close?.()
    throw error
  }
}

/** Admin's dictionaries when it can be asked, else the built-in catalog. */
function liveDictionaries({ config, serviceClient, logger }: ServiceParts): DictionaryLoader {
  return adminReachable(config, serviceClient)
    ? adminDictionaries(serviceClient, logger)
    : builtInDictionaries
}

/** A new database beside an existing admin pulls admin's directory snapshot, retrying until admin answers. */
const directorySeeding: StartedJob<ServiceParts> = {
  name: 'directory seeding',
  start: ({ config, db, serviceClient, logger }) =>
    adminReachable(config, serviceClient)
      ? seedDirectoryInBackground(db, serviceClient, logger)
      : { stop() {} },
}

function adminReachable(config: BaseConfig, client: ServiceClient): boolean {
  return Boolean(config.SERVICE_SECRET) && client.peers.includes('admin')
}

function jwksVerifier(config: BaseConfig): TokenVerifier {
  if (!config.JWKS_URL)
    throw new Error('JWKS_URL is required: the admin service publishes the signing keys there.')
  return createTokenVerifier({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    keys: config.JWKS_URL,
  })
}
