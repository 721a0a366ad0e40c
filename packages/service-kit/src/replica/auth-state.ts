import type { Database } from '../db/database.js'
import { cachedAuthState, type AuthStateLookup } from '../auth/freshness.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A user's standing as this service's user replica knows it (fed by admin's `admin.user.changed`
 * events), cached for up to a second. Needs the kit's directory tables and KitUserAuthVersion.
 */
export function replicaAuthState(db: Database, ttlMs?: number): AuthStateLookup {
  return cachedAuthState(async (userId) => {
    if (!UUID.test(userId)) return null
    const [row] = await db.dataSource.query(
      'SELECT enabled, deleted, auth_version FROM user_replica WHERE id = $1',
      [userId],
    )
    if (!row) return null
    return { authVersion: Number(row.auth_version), active: row.enabled && !row.deleted }
  }, ttlMs)
}
