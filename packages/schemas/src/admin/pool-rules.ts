import { z } from 'zod'
import { Id, RecordMeta } from '../common.js'
import { reportIssues, type RuleIssue } from './rules.js'

// ── Public-pool rules (公海规则): one record per installation ─────────────────────────────

/** Day limits for one customer level; null = use the general limit. */
export const LevelOverride = z.strictObject({
  noFollowupDays: z.number().int().nullable(),
  noDealDays: z.number().int().nullable(),
})
export type LevelOverride = z.infer<typeof LevelOverride>

/** Owned / locked customer limits for one user or department; null = the general limit applies. */
const LimitPair = { owned: z.number().int().nullable(), locked: z.number().int().nullable() }
export const UserLimit = z.strictObject({ userId: z.string(), ...LimitPair })
export const DeptLimit = z.strictObject({ deptId: z.string(), ...LimitPair })
export type UserLimit = z.infer<typeof UserLimit>
export type DeptLimit = z.infer<typeof DeptLimit>

export const PoolRule = z.object({
  ...RecordMeta,
  enabled: z.boolean(),
  /** Back to the pool after this many days without a follow-up; null = never for this reason. */
  noFollowupDays: z.number().int().nullable(),
  /** Back to the pool after this many days without a deal; null = never for this reason. */
  noDealDays: z.number().int().nullable(),
  /** Keyed by customer level (dictionary `customer_level` value). */
  levelOverrides: z.record(z.string(), LevelOverride),
  /** Owners are warned this many days before a customer returns to the pool. */
  warnDaysAhead: z.number().int(),
  ownedLimit: z.number().int().nullable(),
  lockedLimit: z.number().int().nullable(),
  userLimits: z.array(UserLimit),
  deptLimits: z.array(DeptLimit),
  claimsPerDay: z.number().int().nullable(),
  /** A previous owner may claim the same customer again only after this many days. */
  reclaimCooldownDays: z.number().int().nullable(),
})
export type PoolRule = z.infer<typeof PoolRule>
export type PoolRuleValues = Omit<PoolRule, keyof typeof RecordMeta>

const whole = (min: number, max: number) => z.number().int('validation.integer').min(min).max(max)
const Days = whole(1, 3650)
const Limit = whole(0, 100000)
const Limits = { owned: Limit.nullable(), locked: Limit.nullable() }

export const PoolRuleUpdate = z
  .strictObject({
    enabled: z.boolean().optional(),
    noFollowupDays: Days.nullable().optional(),
    noDealDays: Days.nullable().optional(),
    levelOverrides: z
      .record(
        z.string().regex(/^[a-zA-Z0-9_.-]{1,40}$/, 'admin.dict.value_format'),
        z.strictObject({ noFollowupDays: Days.nullable(), noDealDays: Days.nullable() }),
      )
      .refine((r) => Object.keys(r).length <= 50, {
        message: 'admin.rule.too_many_levels',
        params: { maximum: 50 },
      })
      .optional(),
    warnDaysAhead: whole(0, 30).optional(),
    ownedLimit: Limit.nullable().optional(),
    lockedLimit: Limit.nullable().optional(),
    userLimits: z
      .array(z.strictObject({ userId: Id, ...Limits }))
      .max(1000)
      .optional(),
    deptLimits: z
      .array(z.strictObject({ deptId: Id, ...Limits }))
      .max(1000)
      .optional(),
    claimsPerDay: whole(1, 1000).nullable().optional(),
    reclaimCooldownDays: whole(1, 365).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    reportIssues(poolRuleIssues(v), ctx)
  })
export type PoolRuleUpdate = z.infer<typeof PoolRuleUpdate>

type PoolRuleShape = Partial<
  Pick<
    PoolRuleValues,
    | 'noFollowupDays'
    | 'noDealDays'
    | 'levelOverrides'
    | 'warnDaysAhead'
    | 'ownedLimit'
    | 'lockedLimit'
    | 'userLimits'
    | 'deptLimits'
  >
>

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

/**
 * Cross-field rules, checked over whatever fields are present (so a partial edit is checked by the
 * schema as far as it can be, and the service checks the merged rule): a warning must come before
 * the earliest recycling, a locked limit cannot exceed the owned one, and nobody is listed twice.
 */
export function poolRuleIssues(v: PoolRuleShape): RuleIssue[] {
  const issues: RuleIssue[] = []
  const dayLimits = [num(v.noFollowupDays), num(v.noDealDays)]
  for (const o of Object.values(v.levelOverrides ?? {}))
    dayLimits.push(num(o?.noFollowupDays), num(o?.noDealDays))
  const smallest = Math.min(...dayLimits.filter((d): d is number => d !== null))
  const warn = num(v.warnDaysAhead)
  if (warn !== null && Number.isFinite(smallest) && warn >= smallest)
    issues.push({
      path: ['warnDaysAhead'],
      code: 'admin.rule.warn_before_limit',
      params: { days: smallest },
    })
  const lockedOver = (owned: unknown, locked: unknown) =>
    num(owned) !== null && num(locked) !== null && num(locked)! > num(owned)!
  if (lockedOver(v.ownedLimit, v.lockedLimit))
    issues.push({ path: ['lockedLimit'], code: 'admin.rule.locked_over_owned' })
  const lists = [
    ['userLimits', 'userId', v.userLimits ?? []],
    ['deptLimits', 'deptId', v.deptLimits ?? []],
  ] as const
  for (const [list, key, rows] of lists) {
    const seen = new Set<string>()
    rows.forEach((row: Record<string, unknown>, i: number) => {
      const id = String(row?.[key])
      if (seen.has(id)) issues.push({ path: [list, i, key], code: 'admin.rule.listed_twice' })
      seen.add(id)
      if (lockedOver(row?.owned, row?.locked))
        issues.push({ path: [list, i, 'locked'], code: 'admin.rule.locked_over_owned' })
    })
  }
  return issues
}
