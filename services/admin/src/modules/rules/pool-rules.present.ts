import type { admin } from '@mosaic/schemas'
import type { PoolRuleRow } from './pool-rules.entity.js'

/** The rule as the API answers it (and, without bookkeeping, as `admin.rule.changed` carries it). */
export function presentPoolRule(r: PoolRuleRow): admin.PoolRule {
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    enabled: r.enabled,
    noFollowupDays: r.noFollowupDays,
    noDealDays: r.noDealDays,
    levelOverrides: r.levelOverrides,
    warnDaysAhead: r.warnDaysAhead,
    ownedLimit: r.ownedLimit,
    lockedLimit: r.lockedLimit,
    userLimits: r.userLimits,
    deptLimits: r.deptLimits,
    claimsPerDay: r.claimsPerDay,
    reclaimCooldownDays: r.reclaimCooldownDays,
  }
}
