import type { admin } from '@mosaic/schemas'

/** Element Plus number inputs hold `undefined` or `null` when cleared; both mean "no value". */
type Num = number | null | undefined

export interface LevelRow {
  level: string
  noFollowupDays: Num
  noDealDays: Num
}
export interface UserLimitRow {
  userId: string | null | undefined
  owned: Num
  locked: Num
}
export interface DeptLimitRow {
  deptId: string | null | undefined
  owned: Num
  locked: Num
}

export interface PoolRuleForm {
  enabled: boolean
  noFollowupDays: Num
  noDealDays: Num
  levels: LevelRow[]
  warnDaysAhead: number
  ownedLimit: Num
  lockedLimit: Num
  userLimits: UserLimitRow[]
  deptLimits: DeptLimitRow[]
  claimsPerDay: Num
  reclaimCooldownDays: Num
}

export function poolRuleFormOf(r: admin.PoolRule): PoolRuleForm {
  return {
    enabled: r.enabled,
    noFollowupDays: r.noFollowupDays,
    noDealDays: r.noDealDays,
    levels: Object.entries(r.levelOverrides).map(([level, o]) => ({ level, ...o })),
    warnDaysAhead: r.warnDaysAhead,
    ownedLimit: r.ownedLimit,
    lockedLimit: r.lockedLimit,
    userLimits: r.userLimits.map((u) => ({ ...u })),
    deptLimits: r.deptLimits.map((d) => ({ ...d })),
    claimsPerDay: r.claimsPerDay,
    reclaimCooldownDays: r.reclaimCooldownDays,
  }
}

const n = (v: Num): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

/**
 * The whole rule as one PATCH body. Rows left without a level, user or department are dropped
 * (an added row nobody filled in); everything else goes to the server, which checks it.
 */
export function poolRulePayload(f: PoolRuleForm): admin.PoolRuleUpdate {
  const levelOverrides: admin.PoolRuleUpdate['levelOverrides'] = {}
  for (const row of f.levels)
    if (row.level)
      levelOverrides[row.level] = { noFollowupDays: n(row.noFollowupDays), noDealDays: n(row.noDealDays) }
  return {
    enabled: f.enabled,
    noFollowupDays: n(f.noFollowupDays),
    noDealDays: n(f.noDealDays),
    levelOverrides,
    warnDaysAhead: f.warnDaysAhead,
    ownedLimit: n(f.ownedLimit),
    lockedLimit: n(f.lockedLimit),
    userLimits: f.userLimits.flatMap((u) =>
      u.userId ? [{ userId: u.userId, owned: n(u.owned), locked: n(u.locked) }] : [],
    ),
    deptLimits: f.deptLimits.flatMap((d) =>
      d.deptId ? [{ deptId: d.deptId, owned: n(d.owned), locked: n(d.locked) }] : [],
    ),
    claimsPerDay: n(f.claimsPerDay),
    reclaimCooldownDays: n(f.reclaimCooldownDays),
  }
}
