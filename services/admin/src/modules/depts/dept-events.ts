import type { EntityManager } from 'typeorm'
import type { DeptChangedPayload } from '@mosaic/schemas'
import { publishEvent } from '@mosaic/service-kit'
import type { DeptRow } from './dept.entity.js'

/** What other services replicate of a department (its name, for records and audit trails). */
export function deptDirectoryEntry(row: DeptRow, deleted = Boolean(row.deletedAt)): DeptChangedPayload {
  return { id: row.id, name: row.name, parentId: row.parentId, version: row.version, deleted }
}

/** Publishes `admin.dept.changed` in the caller's transaction (after any create, edit, delete, restore). */
export async function publishDeptChanged(m: EntityManager, row: DeptRow): Promise<void> {
  await publishEvent(m, { topic: 'admin.dept.changed', payload: deptDirectoryEntry(row) })
}
