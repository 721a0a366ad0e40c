import type { EntityManager } from 'typeorm'
import { containsPattern } from './search.js'

/** A user as another service knows them (replicated from admin's `admin.user.*` events). */
export interface ReplicatedUser {
  id: string
  username: string
  displayName: string
  deptId: string | null
  enabled: boolean
}

export interface UserReplicaInput extends ReplicatedUser {
  /** admin's record version: deliveries may arrive late or twice, the replica only moves forward. */
  version: number
  deleted?: boolean
  /** See UserChangedPayload.authVersion; absent means 0. */
  authVersion?: number
}

/**
 * Stores the user unless the replica already holds this state or a newer one; returns whether it
 * applied. States are ordered by (version, authVersion): a role change bumps only the auth version.
 */
export async function upsertUserReplica(m: EntityManager, user: UserReplicaInput): Promise<boolean> {
  const rows = await m.query(
    `INSERT INTO user_replica (id, username, display_name, dept_id, enabled, version, deleted, auth_version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (id) DO UPDATE SET
       username = EXCLUDED.username, display_name = EXCLUDED.display_name, dept_id = EXCLUDED.dept_id,
       enabled = EXCLUDED.enabled, version = EXCLUDED.version, deleted = EXCLUDED.deleted,
       auth_version = EXCLUDED.auth_version, updated_at = EXCLUDED.updated_at
     WHERE (user_replica.version, user_replica.auth_version) < (EXCLUDED.version, EXCLUDED.auth_version)
     RETURNING id`,
    [
      user.id,
      user.username,
      user.displayName,
      user.deptId,
      user.enabled,
      user.version,
      user.deleted ?? false,
      user.authVersion ?? 0,
    ],
  )
  return rows.length === 1
}

interface Row {
  id: string
  username: string
  display_name: string
  dept_id: string | null
  enabled: boolean
  deleted: boolean
}

const toUser = (r: Row): ReplicatedUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  deptId: r.dept_id,
  enabled: r.enabled,
})

/** The replicated user, including disabled ones (old records still name them); null when unknown or deleted. */
export async function findUser(m: EntityManager, id: string): Promise<ReplicatedUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null
  const [row]: Row[] = await m.query('SELECT * FROM user_replica WHERE id = $1 AND NOT deleted', [id])
  return row ? toUser(row) : null
}

/** Users of the replica (not deleted) by id, in one query; ids that are not uuids are left out. */
export async function findUsers(m: EntityManager, ids: string[]): Promise<Map<string, ReplicatedUser>> {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))
  if (!valid.length) return new Map()
  const rows: Row[] = await m.query('SELECT * FROM user_replica WHERE id = ANY($1::uuid[]) AND NOT deleted', [
    valid,
  ])
  return new Map(rows.map((row) => [row.id, toUser(row)]))
}

/** Enabled users whose username or display name contains `q`, by display name: for user pickers. */
export async function searchUsers(
  m: EntityManager,
  q: string | null | undefined,
  limit = 20,
): Promise<ReplicatedUser[]> {
  const take = Math.min(Math.max(Math.trunc(limit) || 20, 1), 100)
  const params: unknown[] = [take]
  let filter = ''
  if (q?.trim()) {
    params.push(containsPattern(q.trim()))
    filter = 'AND (username ILIKE $2 OR display_name ILIKE $2)'
  }
  const rows: Row[] = await m.query(
    `SELECT * FROM user_replica WHERE enabled AND NOT deleted ${filter}
     ORDER BY display_name, id LIMIT $1`,
    params,
  )
  return rows.map(toUser)
}
