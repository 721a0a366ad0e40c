import type { EntityManager, EntitySchema } from 'typeorm'
import type { RuleChangedPayload } from '@mosaic/schemas'
import { POOL_RULE_KEY, publishEvent, type RecordBase } from '@mosaic/service-kit'
import { NumberRuleEntity, type NumberRuleRow } from './number-rules.entity.js'
import { ClosureRuleEntity, type ClosureRuleRow } from './closure-rules.entity.js'
import { PoolRuleEntity, type PoolRuleRow } from './pool-rules.entity.js'
import { presentNumberRule } from './number-rules.present.js'
import { presentClosureRule } from './closure-rules.present.js'
import { presentPoolRule } from './pool-rules.present.js'

type Kind = RuleChangedPayload['kind']

/** The rule's values as services apply them: the API shape without bookkeeping. */
function values(api: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, example: _e, ...rest } = api
  return rest
}

function payloadOf(kind: Kind, row: RecordBase): RuleChangedPayload {
  const deleted = Boolean(row.deletedAt)
  if (kind === 'number') {
    const r = row as NumberRuleRow
    return {
      kind,
      key: r.docType,
      version: r.version,
      rule: deleted ? null : values(presentNumberRule(r, 'UTC')),
    }
  }
  if (kind === 'closure') {
    const r = row as ClosureRuleRow
    return { kind, key: r.docType, version: r.version, rule: deleted ? null : values(presentClosureRule(r)) }
  }
  return {
    kind,
    key: POOL_RULE_KEY,
    version: row.version,
    rule: deleted ? null : values(presentPoolRule(row as PoolRuleRow)),
  }
}

/** Publishes `admin.rule.changed` in the caller's transaction; a deleted rule travels as `rule: null`. */
export async function publishRuleChanged(m: EntityManager, kind: Kind, row: RecordBase): Promise<void> {
  await publishEvent(m, { topic: 'admin.rule.changed', payload: payloadOf(kind, row) })
}

/** Every current rule, as the change events carry them (for a new service's replica). */
export async function ruleSnapshot(m: EntityManager): Promise<RuleChangedPayload[]> {
  const live = <T extends RecordBase>(entity: EntitySchema<T>) =>
    m.getRepository<T>(entity).createQueryBuilder('r').where('r.deleted_at IS NULL').getMany()
  return [
    ...(await live(NumberRuleEntity)).map((r) => payloadOf('number', r)),
    ...(await live(ClosureRuleEntity)).map((r) => payloadOf('closure', r)),
    ...(await live(PoolRuleEntity)).map((r) => payloadOf('pool', r)),
  ]
}
