import { DirectorySnapshot } from '@mosaic/schemas'
import type { Logger } from 'pino'
import type { Database } from '../db/database.js'
import type { ServiceClient } from '../events/client.js'
import { defineHandlers } from '../events/inbox.js'
import { upsertUserReplica } from '../records/user-replica.js'
import { upsertDeptReplica } from '../records/dept-replica.js'
import { upsertRuleReplica } from './rules.js'

/**
 * Every handler a service needs to mirror admin's directory (users, departments and rules), as
 * `events.handlers` of createService. Versions make redeliveries and late events harmless.
 */
export const directoryReplicaHandlers = defineHandlers({
  'admin.user.changed': async (user, { m }) => {
    await upsertUserReplica(m, user)
  },
  'admin.dept.changed': async (dept, { m }) => {
    await upsertDeptReplica(m, dept)
  },
  'admin.rule.changed': async ({ kind, key, version, rule }, { m }) => {
    await upsertRuleReplica(m, kind, key, version, rule)
  },
})

/**
 * A service whose replicas are empty (a new database beside an existing admin) would miss every
 * user and rule published before it existed: pull admin's snapshot once. So would a database
 * whose users arrived before it kept departments (their departments would have no names). Events
 * keep the replicas current afterwards; versions make the snapshot and late events commute.
 */
export async function seedDirectoryReplicas(db: Database, client: ServiceClient): Promise<boolean> {
  if (!(await replicasIncomplete(db))) return false
  const snapshot = DirectorySnapshot.parse(await client.internalFetch('admin', '/snapshot'))
  await db.transaction(async (m) => {
    for (const user of snapshot.users) await upsertUserReplica(m, user)
    for (const r of snapshot.rules) await upsertRuleReplica(m, r.kind, r.key, r.version, r.rule)
    for (const dept of snapshot.depts ?? []) await upsertDeptReplica(m, dept)
  })
  return true
}

/** No users yet, or a user whose department the replica cannot name. */
async function replicasIncomplete(db: Database): Promise<boolean> {
  const [{ incomplete }] = await db.dataSource.query(`
    SELECT NOT EXISTS (SELECT 1 FROM user_replica)
        OR EXISTS (SELECT 1 FROM user_replica u
                   WHERE u.dept_id IS NOT NULL
                     AND NOT EXISTS (SELECT 1 FROM dept_replica d WHERE d.id = u.dept_id)) AS incomplete`)
  return incomplete === true
}

/** Retries the seed in the background until admin answers (it may start after this service). */
export function seedDirectoryInBackground(
  db: Database,
  client: ServiceClient,
  logger: Logger,
  retryMs = 2000,
): { stop(): void } {
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  let failures = 0
  const attempt = async () => {
    try {
      if (await seedDirectoryReplicas(db, client)) logger.info('directory replicas seeded from admin')
    } catch (error) {
      if (stopped) return
      // Services start together, so admin being down for the first few attempts is expected.
      const level = ++failures > 10 ? 'warn' : 'debug'
      logger[level]({ err: error, failures }, 'admin snapshot unavailable; retrying')
      timer = setTimeout(attempt, retryMs)
      timer.unref()
    }
  }
  void attempt()
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
