import type { EntityManager } from 'typeorm'
import { type Database, type RecordContext, type SigningKeys } from '@mosaic/service-kit'
import type { AdminConfig } from '../../config.js'
import { createDept, updateDept } from '../depts/depts.service.js'
import { createUser } from '../users/users.service.js'
import { UserEntity } from '../users/user.entity.js'
import { principalOf } from '../auth/principals.js'
import { signAccessToken } from '../auth/tokens.js'
import { personName, seededRandom } from './demo.content.js'

/** Every demo user signs in with this password (README, the start banner's demo login, decision 115). */
export const DEMO_PASSWORD = 'demo1234'

export type SalesRegion = 'east' | 'south' | 'north'
export const SALES_REGIONS: readonly SalesRegion[] = ['east', 'south', 'north']
const REPS_PER_REGION = 3
const AGENTS = 3

/** The demo company's departments, by key; the sales ones by region. */
const DEPARTMENTS = {
  east: '华东销售部',
  south: '华南销售部',
  north: '华北销售部',
  service: '客户服务部',
  finance: '财务部',
} as const
type DeptKey = keyof typeof DEPARTMENTS

export interface DemoUser {
  id: string
  username: string
  deptKey: DeptKey
  role: string
}

export interface DemoPeople {
  depts: Record<DeptKey, string>
  managers: Record<SalesRegion, DemoUser>
  reps: DemoUser[]
  agents: DemoUser[]
  clerk: DemoUser
  admin: { id: string }
}

/** The users the demo makes: username, department, built-in role. */
export function demoUserPlan(): Array<Omit<DemoUser, 'id'>> {
  const plan: Array<Omit<DemoUser, 'id'>> = []
  for (const region of SALES_REGIONS) {
    plan.push({ username: `${region}.manager`, deptKey: region, role: 'sales_manager' })
    for (let i = 1; i <= REPS_PER_REGION; i++)
      plan.push({ username: `${region}.rep${i}`, deptKey: region, role: 'sales_rep' })
  }
  for (let i = 1; i <= AGENTS; i++)
    plan.push({ username: `service.agent${i}`, deptKey: 'service', role: 'service_agent' })
  plan.push({ username: 'finance.clerk', deptKey: 'finance', role: 'finance_clerk' })
  return plan
}

async function idOf(m: EntityManager, sql: string, params: unknown[]): Promise<string | null> {
  const [row] = await m.query(sql, params)
  return row?.id ?? null
}

/** The departments under the root, by name (the business key): made only when missing. */
export async function ensureDepartments(db: Database, ctx: RecordContext): Promise<Record<DeptKey, string>> {
  return db.transaction(async (m) => {
    const root = await idOf(
      m,
      'SELECT id FROM dept WHERE parent_id IS NULL AND deleted_at IS NULL ORDER BY sort, created_at LIMIT 1',
      [],
    )
    const ids = {} as Record<DeptKey, string>
    for (const [sort, [key, name]] of Object.entries(DEPARTMENTS).entries()) {
      const found = await idOf(m, 'SELECT id FROM dept WHERE name = $1 AND deleted_at IS NULL', [name])
      ids[key as DeptKey] =
        found ?? (await createDept(m, ctx, { name, parentId: root, leaderUserId: null, sort: sort + 1 })).id
    }
    return ids
  })
}

/**
 * The users of each built-in role (by username, the business key), then each sales manager made the
 * head of their department: the default contract flow goes to the department head.
 */
export async function ensureUsers(
  db: Database,
  ctx: RecordContext,
  depts: Record<DeptKey, string>,
): Promise<DemoPeople> {
  const names = seededRandom(7)
  return db.transaction(async (m) => {
    const made: DemoUser[] = []
    for (const u of demoUserPlan()) {
      const displayName = personName(names)
      const found = await idOf(
        m,
        'SELECT id FROM app_user WHERE lower(username) = $1 AND deleted_at IS NULL',
        [u.username],
      )
      const roleId = await idOf(m, 'SELECT id FROM role WHERE code = $1 AND deleted_at IS NULL', [u.role])
      const id =
        found ??
        (
          await createUser(m, ctx, {
            username: u.username,
            displayName,
            password: DEMO_PASSWORD,
            deptId: depts[u.deptKey],
            roleIds: roleId ? [roleId] : [],
            enabled: true,
          })
        ).id
      made.push({ ...u, id })
    }
    const managers = {} as Record<SalesRegion, DemoUser>
    for (const region of SALES_REGIONS) {
      const manager = made.find((u) => u.deptKey === region && u.role === 'sales_manager')!
      managers[region] = manager
      const [dept] = await m.query('SELECT version, leader_user_id FROM dept WHERE id = $1', [depts[region]])
      if (dept.leader_user_id !== manager.id)
        await updateDept(m, ctx, depts[region], dept.version, { leaderUserId: manager.id })
    }
    const adminId = await idOf(m, "SELECT id FROM app_user WHERE lower(username) = 'admin'", [])
    return {
      depts,
      managers,
      reps: made.filter((u) => u.role === 'sales_rep'),
      agents: made.filter((u) => u.role === 'service_agent'),
      clerk: made.find((u) => u.role === 'finance_clerk')!,
      admin: { id: adminId! },
    }
  })
}

/**
 * Short-lived access tokens for the demo users, signed by admin as at sign-in (same claims, same
 * freshness check), so the peers treat each call as that person's. Renewed before they expire.
 */
export function tokenMint(db: Database, keys: SigningKeys, config: AdminConfig) {
  const TTL_SECONDS = 600
  const cache = new Map<string, { token: string; until: number }>()
  return async function tokenFor(userId: string): Promise<string> {
    const cached = cache.get(userId)
    if (cached && cached.until > Date.now()) return cached.token
    const user = await db.dataSource.getRepository(UserEntity).findOneByOrFail({ id: userId })
    const principal = await principalOf(db.dataSource.manager, user)
    const token = await signAccessToken(
      keys,
      {
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        accessTtlSeconds: TTL_SECONDS,
        refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
      },
      principal,
    )
    // Renew a minute early: a call in flight must not carry a token that expires on the way.
    cache.set(userId, { token, until: Date.now() + (TTL_SECONDS - 60) * 1000 })
    return token
  }
}
export type TokenFor = ReturnType<typeof tokenMint>
