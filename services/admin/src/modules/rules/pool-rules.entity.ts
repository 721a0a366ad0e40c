import type { admin } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface PoolRuleRow extends RecordBase {
  enabled: boolean
  noFollowupDays: number | null
  noDealDays: number | null
  levelOverrides: Record<string, admin.LevelOverride>
  warnDaysAhead: number
  ownedLimit: number | null
  lockedLimit: number | null
  userLimits: admin.UserLimit[]
  deptLimits: admin.DeptLimit[]
  claimsPerDay: number | null
  reclaimCooldownDays: number | null
}

export const PoolRuleEntity = recordEntity<PoolRuleRow>('PoolRule', 'pool_rule', {
  enabled: { type: 'boolean' },
  noFollowupDays: { type: 'int', name: 'no_followup_days', nullable: true },
  noDealDays: { type: 'int', name: 'no_deal_days', nullable: true },
  levelOverrides: { type: 'jsonb', name: 'level_overrides' },
  warnDaysAhead: { type: 'int', name: 'warn_days_ahead' },
  ownedLimit: { type: 'int', name: 'owned_limit', nullable: true },
  lockedLimit: { type: 'int', name: 'locked_limit', nullable: true },
  userLimits: { type: 'jsonb', name: 'user_limits' },
  deptLimits: { type: 'jsonb', name: 'dept_limits' },
  claimsPerDay: { type: 'int', name: 'claims_per_day', nullable: true },
  reclaimCooldownDays: { type: 'int', name: 'reclaim_cooldown_days', nullable: true },
})
