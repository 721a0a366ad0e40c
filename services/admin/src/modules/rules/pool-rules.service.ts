import type { EntityManager } from 'typeorm'
import { admin } from '@mosaic/schemas'
import { RecordStore, problem, type RecordContext } from '@mosaic/service-kit'
import { PoolRuleEntity, type PoolRuleRow } from './pool-rules.entity.js'
import { throwIfAny, throwIssues, unknownDepts, unknownLevels, unknownUsers } from './rule-checks.js'
import { presentPoolRule } from './pool-rules.present.js'
import { publishRuleChanged } from './rule-events.js'

/** The rule as it would be saved: limits that agree, and users, departments and levels that exist. */
async function check(m: EntityManager, rule: PoolRuleRow) {
  throwIssues(admin.poolRuleIssues(rule))
  throwIfAny([
    ...(await unknownLevels(m, Object.keys(rule.levelOverrides))),
    ...(await unknownUsers(
      m,
      rule.userLimits.map((u) => u.userId),
    )),
    ...(await unknownDepts(
      m,
      rule.deptLimits.map((d) => d.deptId),
    )),
  ])
}

export const poolRules: RecordStore<PoolRuleRow> = new RecordStore<PoolRuleRow>({
  entityType: 'pool_rule',
  entity: PoolRuleEntity,
  title: () => 'Public pool',
  present: async (_m, row) => presentPoolRule(row),
  onChange: (m, row) => publishRuleChanged(m, 'pool', row),
  checkRestore: async (m, _ctx, patch, id) => check(m, { ...(await poolRules.get(m, id)), ...patch }),
})

/** The installation's one pool rule; data initialisation creates it. */
export async function currentPoolRule(m: EntityManager): Promise<PoolRuleRow> {
  const row = await poolRules.repo(m).createQueryBuilder('r').where('r.deleted_at IS NULL').getOne()
  if (!row) throw problem(404, 'admin.rule.pool_missing')
  return row
}

export async function updatePoolRule(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  input: admin.PoolRuleUpdate,
) {
  const current = await poolRules.get(m, id)
  await check(m, { ...current, ...input })
  return poolRules.update(m, ctx, id, version, input)
}
