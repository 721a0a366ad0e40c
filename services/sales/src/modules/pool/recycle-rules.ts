import { admin } from '@mosaic/schemas'
import { localDay, poolDayLimits, startOfLocalDay } from '@mosaic/service-kit'

/** The administrator's public-pool rule (replicated from admin; defaults until one arrives). */
export type PoolRules = admin.PoolRuleValues
export const DEFAULT_POOL_RULES: Readonly<PoolRules> = admin.DEFAULT_POOL_RULE

export type RecycleReason = 'no_followup' | 'no_deal'

/** What the rules look at on a customer. */
export interface RecycleSubject {
  ownerId: string | null
  level: string | null
  locked: boolean
  dealStatus: string
  /** When the current owner got it; a transfer or claim restarts both clocks here. */
  ownerSince: Date
  lastFollowUpAt: Date | null
  lastDealAt: Date | null
}

/** When (and why) an owned customer is due back in the pool if nothing changes. */
export interface RecyclePlan {
  reason: RecycleReason
  /** The clock the rule measures from: the later of the last follow-up (or deal) and ownerSince. */
  since: Date
  limitDays: number
  /** The first instant at which the customer is due: the start of day `since + limitDays`. */
  recycleOn: Date
}

export interface RecycleDecision extends RecyclePlan {
  due: boolean
  /** Calendar days from `since` to the moment asked about. */
  days: number
  /** Calendar days until it is due (0 when due). */
  daysLeft: number
}

const later = (a: Date, b: Date | null) => (b && b > a ? b : a)

/**
 * The plan for a customer, or null when the rules never recycle it: rules off, already in the pool,
 * locked, dealt, or no day limit applies to its level. Where both limits apply, the one due first
 * wins (no follow-up on a tie).
 */
export function recyclePlan(rules: PoolRules, s: RecycleSubject, timeZone: string): RecyclePlan | null {
  if (!rules.enabled || s.ownerId === null || s.locked || s.dealStatus === 'dealt') return null
  const limits = poolDayLimits(rules, s.level)
  const candidates: RecyclePlan[] = []
  const plan = (reason: RecycleReason, limit: number | null, last: Date | null) => {
    if (limit === null) return
    const since = later(s.ownerSince, last)
    const limitDays = Math.max(0, limit)
    const recycleOn = startOfLocalDay(localDay(since, timeZone) + limitDays, timeZone)
    candidates.push({ reason, since, limitDays, recycleOn })
  }
  plan('no_followup', limits.noFollowupDays, s.lastFollowUpAt)
  plan('no_deal', limits.noDealDays, s.lastDealAt)
  if (!candidates.length) return null
  return candidates.reduce((best, c) => (c.recycleOn < best.recycleOn ? c : best))
}

/** The plan seen at `at`: due once `at` reaches the start of the limit's day. */
export function recycleDecision(
  rules: PoolRules,
  s: RecycleSubject,
  at: Date,
  timeZone: string,
): RecycleDecision | null {
  const plan = recyclePlan(rules, s, timeZone)
  if (!plan) return null
  const today = localDay(at, timeZone)
  const days = today - localDay(plan.since, timeZone)
  return {
    ...plan,
    due: days >= plan.limitDays,
    days,
    daysLeft: Math.max(0, localDay(plan.recycleOn, timeZone) - today),
  }
}

/** Whether the owner should be warned at `at`: not yet due, and due within `warnDaysAhead` days. */
export function inWarningWindow(rules: PoolRules, d: RecycleDecision): boolean {
  return !d.due && d.daysLeft <= rules.warnDaysAhead
}

/**
 * The smallest day limit any level can have, for a cheap SQL pre-filter (a customer whose clocks
 * are younger than this cannot be due); null when no limit applies at all.
 */
export function shortestLimits(rules: PoolRules): {
  noFollowupDays: number | null
  noDealDays: number | null
} {
  const pick = (key: 'noFollowupDays' | 'noDealDays') => {
    const values = [rules[key], ...Object.values(rules.levelOverrides).map((o) => o[key] ?? rules[key])]
    const present = values.filter((v): v is number => v !== null && v !== undefined)
    return present.length ? Math.max(0, Math.min(...present)) : null
  }
  return { noFollowupDays: pick('noFollowupDays'), noDealDays: pick('noDealDays') }
}
