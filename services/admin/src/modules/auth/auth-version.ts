import type { EntityManager } from 'typeorm'
import { cachedAuthState, type AuthStateLookup, type Database } from '@mosaic/service-kit'
import { UserEntity } from '../users/user.entity.js'
import { publishUserChanged } from '../users/user-events.js'

/**
 * Makes every access token of these users outdated: their auth version moves on, and the change
 * is published so other services' replicas refuse the old tokens too (within about a second of
 * delivery). Called on disable, delete, role or department change, password reset, and on any change
 * to a role they hold.
 */
export async function bumpAuthVersion(m: EntityManager, userIds: readonly string[]): Promise<void> {
  if (!userIds.length) return
  const ids = [...new Set(userIds)]
  await m.query('UPDATE app_user SET auth_version = auth_version + 1 WHERE id = ANY($1::uuid[])', [ids])
  const rows = await m
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .where('u.id IN (:...ids)', { ids })
    .getMany()
  for (const row of rows) await publishUserChanged(m, row)
}

/** Holders (live users) of a role, for bumping when the role changes. */
export async function holdersOf(m: EntityManager, roleId: string): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    'SELECT id FROM app_user WHERE $1 = ANY(role_ids) AND deleted_at IS NULL',
    [roleId],
  )
  return rows.map((r) => r.id)
}

/** Admin checks tokens against its own users table (no replica here), cached for up to a second. */
export function adminAuthState(db: Database): AuthStateLookup {
  return cachedAuthState(async (userId) => {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) return null
    const [row] = await db.dataSource.query(
      'SELECT enabled, deleted_at, auth_version FROM app_user WHERE id = $1',
      [userId],
    )
    if (!row) return { authVersion: 0, active: false }
    return { authVersion: Number(row.auth_version), active: row.enabled && !row.deleted_at }
  })
}
