import type { EntityManager } from 'typeorm'
import type { DirectorySnapshot } from '@mosaic/schemas'
import { users } from '../users/users.service.js'
import { userDirectoryEntry } from '../users/user-events.js'
import { ruleSnapshot } from '../rules/rule-events.js'
import { depts } from '../depts/depts.service.js'
import { deptDirectoryEntry } from '../depts/dept-events.js'

/** Every user and department (deleted ones flagged) and every rule, as the change events would carry them. */
export async function directorySnapshot(m: EntityManager): Promise<DirectorySnapshot> {
  const rows = await users.repo(m).createQueryBuilder('u').orderBy('u.username').getMany()
  const deptRows = await depts.repo(m).createQueryBuilder('d').orderBy('d.name').getMany()
  return {
    users: rows.map((row) => userDirectoryEntry(row)),
    rules: await ruleSnapshot(m),
    depts: deptRows.map((row) => deptDirectoryEntry(row)),
  }
}
