import type { EntityManager } from 'typeorm'
import type { UserChangedPayload } from '@mosaic/schemas'
import { publishEvent } from '@mosaic/service-kit'
import type { UserRow } from './user.entity.js'

/** What other services replicate of a user (owner names, pickers, department limits). */
export function userDirectoryEntry(row: UserRow, deleted = Boolean(row.deletedAt)): UserChangedPayload {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    deptId: row.deptId,
    enabled: row.enabled,
    deleted,
    version: row.version,
    authVersion: row.authVersion ?? 0,
  }
}

/** Publishes `admin.user.changed` in the caller's transaction (after any create, edit, delete, restore). */
export async function publishUserChanged(m: EntityManager, row: UserRow, deleted?: boolean): Promise<void> {
  await publishEvent(m, { topic: 'admin.user.changed', payload: userDirectoryEntry(row, deleted) })
}
