import type { EntityManager } from 'typeorm'
import type { admin } from '@mosaic/schemas'
import { descendantIds, nestTree } from '@mosaic/service-kit'

/** The department and every department below it (live ones only). */
export const descendantDeptIds = (m: EntityManager, rootId: string): Promise<string[]> =>
  descendantIds(m, 'dept', rootId)

/** Departments nested under their parents, siblings by sort then name. */
export const buildTree = (depts: admin.Dept[]): admin.DeptNode[] => nestTree(depts)
