import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  createService,
  createTokenVerifier,
  withTokenFreshness,
  dataDirOf,
  type Service,
  loadSigningKeys,
  type SigningKeys,
} from '@mosaic/service-kit'
import type { AdminConfig } from './config.js'
import { migrations } from './migrations/index.js'
import { UserEntity } from './modules/users/user.entity.js'
import { DeptEntity } from './modules/depts/dept.entity.js'
import { RoleEntity } from './modules/roles/role.entity.js'
import { DictEntryEntity, DictTypeEntity } from './modules/dictionaries/dictionary.entity.js'
import { NotificationEntity } from './modules/notifications/notification.entity.js'
import { NumberRuleEntity } from './modules/rules/number-rules.entity.js'
import { ClosureRuleEntity } from './modules/rules/closure-rules.entity.js'
import { PoolRuleEntity } from './modules/rules/pool-rules.entity.js'
import { ApprovalInstanceEntity, ApprovalTaskEntity } from './modules/approvals/approval.entities.js'
import { registerApprovalRoutes } from './modules/approvals/approvals.routes.js'
import { registerDashboardRoutes } from './modules/dashboard/dashboard.routes.js'
import { AuthService } from './modules/auth/auth.service.js'
import { adminAuthState } from './modules/auth/auth-version.js'
import { registerAuthRoutes } from './modules/auth/auth.routes.js'
import { registerUserRoutes } from './modules/users/users.routes.js'
import { registerDeptRoutes } from './modules/depts/depts.routes.js'
import { registerRoleRoutes } from './modules/roles/roles.routes.js'
import { registerDictionaryRoutes } from './modules/dictionaries/dictionaries.routes.js'
import { registerInitRoutes } from './modules/init/init.routes.js'
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.js'
import { registerRuleRoutes } from './modules/rules/rules.routes.js'
import { numberRules } from './modules/rules/number-rules.service.js'
import { initialise } from './modules/init/init.service.js'
import { registerInternalRoutes } from './modules/internal/internal.routes.js'
import { eventHandlers } from './events.js'
import { DemoLoader } from './modules/demo/demo.loader.js'
import { DemoLedger } from './modules/demo/demo.ledger.js'
import { registerDemoRoutes } from './modules/demo/demo.routes.js'
import { users } from './modules/users/users.service.js'
import { depts } from './modules/depts/depts.service.js'
import { roles } from './modules/roles/roles.service.js'
import { dictEntries, dictTypes } from './modules/dictionaries/dictionaries.service.js'

/** Builds the admin service (not yet listening), so tests can drive it in-process. */
export type AdminService = Service & { keys: SigningKeys }

export async function buildAdminService(config: AdminConfig): Promise<AdminService> {
  let keys: SigningKeys | undefined
  const initToken = config.INIT_TOKEN ?? writeInitToken(dataDirOf(config))
  const service = await createService({
    config,
    database: {
      entities: [
        UserEntity,
        DeptEntity,
        RoleEntity,
        DictTypeEntity,
        DictEntryEntity,
        NotificationEntity,
        NumberRuleEntity,
        ClosureRuleEntity,
        PoolRuleEntity,
        ApprovalInstanceEntity,
        ApprovalTaskEntity,
      ],
      migrations,
    },
    verifier: async ({ db }) => {
      keys = await loadSigningKeys(db, config.JWT_PRIVATE_JWK)
      // A disabled user's or an outdated token stops working within a second (see bumpAuthVersion).
      return withTokenFreshness(
        createTokenVerifier({
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          keys: keys.keySet,
        }),
        adminAuthState(db),
      )
    },
    events: { handlers: eventHandlers },
    auditSearch: 'admin.audit.read',
    recycleBin: {
      stores: [users, depts, roles, dictTypes, dictEntries, numberRules(config.BUSINESS_TIME_ZONE)],
      read: 'admin.recycle.read',
      purge: 'admin.recycle.purge',
    },
    routes: ({ api, db, internal, logger }) => {
      const auth = new AuthService(db, keys!, config)
      registerAuthRoutes(api, auth, keys!, {
        ttlDays: config.REFRESH_TOKEN_TTL_DAYS,
        loginPerMinute: config.LOGIN_RATE_LIMIT_PER_MINUTE,
        loginPerMinutePerAddress: config.LOGIN_IP_RATE_LIMIT_PER_MINUTE,
        refreshPerMinute: config.REFRESH_RATE_LIMIT_PER_MINUTE,
        passwordPerMinute: config.PASSWORD_CHANGE_RATE_LIMIT_PER_MINUTE,
      })
      registerUserRoutes(api, db)
      registerDeptRoutes(api, db)
      registerRoleRoutes(api, db)
      registerDictionaryRoutes(api, db)
      registerNotificationRoutes(api, db)
      registerRuleRoutes(api, db, config.BUSINESS_TIME_ZONE)
      registerApprovalRoutes(api, db)
      registerDashboardRoutes(api, db, config.BUSINESS_TIME_ZONE)
      registerInitRoutes(api, db, config, initToken)
      registerDemoRoutes(api, new DemoLoader(db, keys!, config, logger), config)
      registerInternalRoutes(internal, db)
    },
    // A demo installation (e.g. `pnpm dev`) must be usable at once; production waits for an explicit init.
    onReady: async ({ db, logger }) => {
      // Only this process runs a demo load: one still marked running was cut off by a restart.
      await new DemoLedger(db).abandonInterrupted()
      if (config.MOSAIC_MODE !== 'demo') return
      const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM app_user')
      if (n === 0) logger.info({ result: await initialise(db, config) }, 'demo installation initialised')
    },
  })
  return { ...service, keys: keys! }
}

/**
 * Without a configured INIT_TOKEN, a random one is kept beside the embedded database; only someone
 * with access to the machine's files (the local runner) can use it for the first initialisation.
 */
function writeInitToken(dataDir: string | undefined): string | undefined {
  if (!dataDir) return undefined
  const file = join(dataDir, 'init-token')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const token = randomBytes(24).toString('base64url')
  writeFileSync(file, token, { mode: 0o600 })
  return token
}
