import type { EntityManager } from 'typeorm'
import { BUILT_IN_ROLES } from '@mosaic/permissions'
import { DICT_TYPES } from '@mosaic/dictionary'
import type { admin } from '@mosaic/schemas'
import { SYSTEM_ACTOR, type Database, type RecordContext } from '@mosaic/service-kit'
import type { AdminConfig } from '../../config.js'
import { roles } from '../roles/roles.service.js'
import { createEntry, createType } from '../dictionaries/dictionaries.service.js'
import { depts } from '../depts/depts.service.js'
import { createUser } from '../users/users.service.js'
import { ensureDefaultRules } from '../rules/rules.init.js'
import { ensureDefaultFlows } from '../approvals/flows.service.js'

export const DEMO_ADMIN = { username: 'admin', password: 'admin123' }

/**
 * Loads what a new installation needs — built-in roles, default dictionaries, a root department,
 * default number, closure and pool rules, and the first administrator — creating only what is
 * missing, so running it again changes nothing.
 */
export async function initialise(
  db: Database,
  config: AdminConfig,
  ctx: RecordContext = { actor: SYSTEM_ACTOR },
): Promise<admin.InitResult> {
  return db.transaction(async (m) => {
    const result: admin.InitResult = {
      roles: await ensureRoles(m, ctx),
      dictionaryTypes: { created: 0, existing: 0 },
      dictionaryEntries: { created: 0, existing: 0 },
      departments: await ensureRootDept(m, ctx),
      ...(await ensureDefaultRules(m, ctx)),
      approvalFlows: { created: 0, existing: 0 },
      adminUser: 'skipped',
    }
    await ensureDictionaries(m, ctx, result)
    // After the roles: the default flows name built-in roles.
    result.approvalFlows = await ensureDefaultFlows(m, ctx)
    result.adminUser = await ensureAdmin(m, ctx, config)
    return result
  })
}

async function exists(m: EntityManager, sql: string, params: unknown[]) {
  const rows = await m.query(sql, params)
  return rows.length > 0
}

async function ensureRoles(m: EntityManager, ctx: RecordContext) {
  const counts = { created: 0, existing: 0 }
  for (const role of BUILT_IN_ROLES) {
    if (await exists(m, 'SELECT 1 FROM role WHERE code = $1', [role.code])) {
      counts.existing++
      continue
    }
    await roles.create(m, ctx, {
      code: role.code,
      name: role.name.zh,
      description: role.description.zh,
      permissions: [...role.permissions].sort(),
      dataScope: role.dataScope,
      builtIn: true,
    })
    counts.created++
  }
  return counts
}

async function ensureDictionaries(m: EntityManager, ctx: RecordContext, result: admin.InitResult) {
  for (const type of DICT_TYPES) {
    if (await exists(m, 'SELECT 1 FROM dict_type WHERE code = $1', [type.code]))
      result.dictionaryTypes.existing++
    else {
      await createType(m, ctx, { code: type.code, name: type.name }, true)
      result.dictionaryTypes.created++
    }
    for (const entry of type.entries) {
      if (
        await exists(m, 'SELECT 1 FROM dict_entry WHERE type_code = $1 AND value = $2', [
          type.code,
          entry.value,
        ])
      ) {
        result.dictionaryEntries.existing++
        continue
      }
      const extra = (entry.extra ?? null) as Record<string, string | number | boolean | null> | null
      await createEntry(
        m,
        ctx,
        type.code,
        {
          value: entry.value,
          label: entry.label,
          color: entry.color ?? null,
          sort: entry.sort,
          enabled: true,
          extra,
        },
        true,
      )
      result.dictionaryEntries.created++
    }
  }
}

async function ensureRootDept(m: EntityManager, ctx: RecordContext) {
  if (await exists(m, 'SELECT 1 FROM dept LIMIT 1', [])) return { created: 0, existing: 1 }
  await depts.create(m, ctx, { name: '总公司', parentId: null, leaderUserId: null, sort: 0 })
  return { created: 1, existing: 0 }
}

/** The first administrator: demo mode may use the well-known demo password, production never invents one. */
async function ensureAdmin(
  m: EntityManager,
  ctx: RecordContext,
  config: AdminConfig,
): Promise<admin.InitResult['adminUser']> {
  if (await exists(m, "SELECT 1 FROM app_user WHERE lower(username) = 'admin'", [])) return 'existing'
  const password =
    config.INITIAL_ADMIN_PASSWORD ?? (config.MOSAIC_MODE === 'production' ? undefined : DEMO_ADMIN.password)
  if (!password) return 'skipped'
  const [superAdmin] = await m.query("SELECT id FROM role WHERE code = 'super_admin'")
  const [root] = await m.query(
    'SELECT id FROM dept WHERE parent_id IS NULL AND deleted_at IS NULL ORDER BY sort, created_at LIMIT 1',
  )
  await createUser(m, ctx, {
    username: DEMO_ADMIN.username,
    displayName: '系统管理员',
    password,
    deptId: root?.id ?? null,
    roleIds: superAdmin ? [superAdmin.id] : [],
    enabled: true,
  })
  return 'created'
}
