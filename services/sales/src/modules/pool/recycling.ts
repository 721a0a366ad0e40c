import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { sales } from '@mosaic/schemas'
import {
  SYSTEM_ACTOR,
  localDay,
  poolDayLimits,
  poolRuleFor,
  publishEvent,
  startOfLocalDay,
  type Database,
  type Service,
} from '@mosaic/service-kit'
import type { CustomerRow } from '../customers/customers.entity.js'
import { customers } from '../customers/customers.store.js'
import { returnToPool } from '../ownership/owner-changes.js'
import { customerNotice } from './notices.js'
import { recordPoolEvent } from './pool-events.js'
import {
  inWarningWindow,
  recycleDecision,
  shortestLimits,
  type PoolRules,
  type RecycleDecision,
  type RecycleReason,
  type RecycleSubject,
} from './recycle-rules.js'

type Logger = Service['logger']

const DAY_MS = 86_400_000
const SYSTEM = { actor: SYSTEM_ACTOR }

export const subjectOf = (c: CustomerRow): RecycleSubject => ({
  ownerId: c.ownerId,
  level: c.level,
  locked: c.locked,
  dealStatus: c.dealStatus,
  ownerSince: c.ownerSince ?? c.createdAt,
  lastFollowUpAt: c.lastFollowUpAt,
  lastDealAt: c.lastDealAt,
})

interface Evaluated {
  row: CustomerRow
  decision: RecycleDecision
}

/**
 * Owned customers the rules may recycle by `horizon`, with their decision at `at`. SQL only
 * narrows (clocks older than the shortest limit, with a day's margin for time zones); the verdict
 * is the pure rule's, so the preview and the run cannot disagree.
 */
async function evaluate(
  m: EntityManager,
  rules: PoolRules,
  at: Date,
  horizon: Date,
  timeZone: string,
  scope?: Principal,
): Promise<Evaluated[]> {
  if (!rules.enabled) return []
  const limits = shortestLimits(rules)
  const cutoff = (days: number) => new Date(+horizon - Math.max(0, days - 2) * DAY_MS)
  const clock = 'COALESCE(c.owner_since, c.created_at)'
  const parts: string[] = []
  const params: Record<string, unknown> = {}
  if (limits.noFollowupDays !== null) {
    parts.push(`GREATEST(${clock}, c.last_followup_at) <= :followupCut`)
    params.followupCut = cutoff(limits.noFollowupDays)
  }
  if (limits.noDealDays !== null) {
    parts.push(`GREATEST(${clock}, c.last_deal_at) <= :dealCut`)
    params.dealCut = cutoff(limits.noDealDays)
  }
  if (!parts.length) return []
  const qb = customers
    .repo(m)
    .createQueryBuilder('c')
    .where(`c.owner_id IS NOT NULL AND c.deleted_at IS NULL AND NOT c.locked AND c.deal_status = 'undealt'`)
    .andWhere(`(${parts.join(' OR ')})`, params)
    .orderBy('c.id')
  if (scope) {
    const filter = customers.scopeWhere(scope, 'c', 'owner')
    if (filter) qb.andWhere(filter.sql, filter.params)
  }
  const out: Evaluated[] = []
  for (const row of await qb.getMany()) {
    const decision = recycleDecision(rules, subjectOf(row), at, timeZone)
    if (decision) out.push({ row, decision })
  }
  return out.sort(
    (a, b) => +a.decision.recycleOn - +b.decision.recycleOn || a.row.number.localeCompare(b.row.number),
  )
}

function candidate({ row, decision }: Evaluated): sales.RecycleCandidate {
  return {
    customerId: row.id,
    number: row.number,
    name: row.name,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    level: row.level,
    reason: decision.reason,
    since: decision.since.toISOString(),
    days: decision.days,
    limitDays: decision.limitDays,
  }
}

/** What a run at `at` would recycle, and why. */
export async function previewRecycling(
  db: Database,
  at: Date,
  timeZone: string,
): Promise<sales.RecyclePreview> {
  return db.transaction(async (m) => {
    const rules = await poolRuleFor(m)
    const due = (await evaluate(m, rules, at, at, timeZone)).filter((e) => e.decision.due)
    return { at: at.toISOString(), enabled: rules.enabled, items: due.map(candidate) }
  })
}

const REASON_TEXT = {
  no_followup: { zh: '未跟进', en: 'No follow-up' },
  no_deal: { zh: '未成交', en: 'No deal' },
} as const

function note(d: RecycleDecision) {
  return `${REASON_TEXT[d.reason].en} for ${d.days} days (limit ${d.limitDays})`
}

/**
 * Recycles every customer due at `at` and warns the owners of those due within the warning window.
 * Each customer is its own transaction and is re-checked under its row lock, so a concurrent run,
 * follow-up or transfer wins cleanly, and a customer already in the pool is never touched again.
 */
export async function runRecycling(
  db: Database,
  at: Date,
  timeZone: string,
  logger?: Pick<Logger, 'error'>,
): Promise<sales.RecycleRun> {
  const { rules, evaluated } = await db.transaction(async (m) => {
    const rules = await poolRuleFor(m)
    const horizon = new Date(+at + (rules.warnDaysAhead + 1) * DAY_MS)
    return { rules, evaluated: await evaluate(m, rules, at, horizon, timeZone) }
  })
  const recycled: sales.RecycleCandidate[] = []
  let warned = 0
  for (const e of evaluated) {
    try {
      if (e.decision.due) {
        const done = await db.transaction((m) => recycleOne(m, rules, e.row.id, at, timeZone))
        if (done) recycled.push(candidate(done))
      } else if (inWarningWindow(rules, e.decision)) {
        if (await db.transaction((m) => warnOne(m, rules, e.row.id, at, timeZone))) warned++
      }
    } catch (error) {
      logger?.error({ err: error, customerId: e.row.id }, 'pool recycling failed for a customer')
    }
  }
  return { at: at.toISOString(), recycled, warned }
}

async function recycleOne(
  m: EntityManager,
  rules: PoolRules,
  id: string,
  at: Date,
  timeZone: string,
): Promise<Evaluated | null> {
  const row = await customers.find(m, id, undefined, { lock: true })
  const decision = row && recycleDecision(rules, subjectOf(row), at, timeZone)
  if (!row || !decision?.due) return null
  const saved = await returnToPool(m, SYSTEM, row, decision.reason, 'recycle', note(decision), at)
  await recordPoolEvent(m, {
    customerId: id,
    userId: row.ownerId,
    actorId: null,
    action: 'recycle',
    at,
    reason: decision.reason,
  })
  const text = REASON_TEXT[decision.reason]
  await publishEvent(m, {
    topic: 'sales.customer.recycled',
    payload: {
      customerId: id,
      number: row.number,
      name: row.name,
      previousOwnerId: row.ownerId,
      previousOwnerName: row.ownerName,
      reason: decision.reason,
      since: decision.since.toISOString(),
      days: decision.days,
      limitDays: decision.limitDays,
    },
    notify: [
      customerNotice(
        row.ownerId!,
        'pool_recycled',
        saved,
        { zh: `客户「${row.name}」已被收回公海`, en: `Customer "${row.name}" returned to the pool` },
        {
          zh: `${text.zh}已 ${decision.days} 天（上限 ${decision.limitDays} 天）`,
          en: `${text.en} for ${decision.days} days (limit ${decision.limitDays})`,
        },
      ),
    ],
  })
  return { row, decision }
}

/**
 * Warns the owner once per due moment (a follow-up that postpones recycling earns a new warning
 * later), re-checked under the row lock like a recycling.
 */
async function warnOne(
  m: EntityManager,
  rules: PoolRules,
  id: string,
  at: Date,
  timeZone: string,
): Promise<boolean> {
  const row = await customers.find(m, id, undefined, { lock: true })
  const decision = row && recycleDecision(rules, subjectOf(row), at, timeZone)
  if (!row || !decision || !inWarningWindow(rules, decision)) return false
  const first = await recordPoolEvent(m, {
    customerId: row.id,
    userId: row.ownerId,
    actorId: null,
    action: 'warn',
    at,
    reason: decision.reason,
    dueAt: decision.recycleOn,
  })
  if (!first) return false
  const text = REASON_TEXT[decision.reason]
  const days = decision.daysLeft
  await publishEvent(m, {
    topic: 'sales.customer.recycle-warned',
    payload: {
      customerId: row.id,
      number: row.number,
      name: row.name,
      ownerId: row.ownerId,
      reason: decision.reason,
      recycleOn: decision.recycleOn.toISOString(),
      daysLeft: days,
    },
    notify: [
      customerNotice(
        row.ownerId!,
        'pool_warning',
        row,
        {
          zh: `客户「${row.name}」将在 ${days} 天后收回公海`,
          en: `Customer "${row.name}" returns to the pool in ${days} day${days === 1 ? '' : 's'}`,
        },
        {
          zh: `${text.zh}已 ${decision.days} 天（上限 ${decision.limitDays} 天），请及时跟进。`,
          en: `${text.en} for ${decision.days} days (limit ${decision.limitDays}). Follow up to keep it.`,
        },
      ),
    ],
  })
  return true
}

/** The "about to enter the pool" list and its dashboard count stop at this many customers. */
export const UPCOMING_LIMIT = 500

/**
 * "About to enter the pool": customers in the caller's scope due within the warning window (or
 * overdue), soonest first. SQL selects and orders them (`upcomingQuery`); the pure rule then
 * states each one's reason and days, so the list shows what a run would decide.
 */
export async function upcomingRecycling(
  m: EntityManager,
  principal: Principal,
  now: Date,
  timeZone: string,
): Promise<sales.UpcomingRecycle[]> {
  const rules = await poolRuleFor(m)
  const qb = upcomingQuery(m, rules, principal, now, timeZone)
  if (!qb) return []
  const rows = await qb.limit(UPCOMING_LIMIT).getMany()
  const evaluated = rows.flatMap((row) => {
    const decision = recycleDecision(rules, subjectOf(row), now, timeZone)
    return decision ? [{ row, decision }] : []
  })
  return evaluated.sort(soonestFirst).map(({ row, decision }) => ({
    customerId: row.id,
    number: row.number,
    name: row.name,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    reason: decision.reason,
    days: decision.days,
    limitDays: decision.limitDays,
    recycleOn: decision.recycleOn.toISOString(),
    daysLeft: decision.daysLeft,
  }))
}

/** How many customers `upcomingRecycling` lists for the caller: one COUNT over the same WHERE and cap. */
export async function countUpcomingRecycling(
  m: EntityManager,
  principal: Principal,
  now: Date,
  timeZone: string,
): Promise<number> {
  const qb = upcomingQuery(m, await poolRuleFor(m), principal, now, timeZone)
  if (!qb) return 0
  const capped = qb.select('1').orderBy().limit(UPCOMING_LIMIT)
  const [sql, params] = capped.getQueryAndParameters()
  const [{ n }] = (await m.query(`SELECT COUNT(*)::int AS n FROM (${sql}) upcoming`, params)) as [
    { n: number },
  ]
  return n
}

const soonestFirst = (a: Evaluated, b: Evaluated) =>
  +a.decision.recycleOn - +b.decision.recycleOn || a.row.number.localeCompare(b.row.number)

/** The clock a reason measures from, as `RecycleSubject`/`recyclePlan` take it. */
const CLOCK = {
  no_followup: 'GREATEST(COALESCE(c.owner_since, c.created_at), c.last_followup_at)',
  no_deal: 'GREATEST(COALESCE(c.owner_since, c.created_at), c.last_deal_at)',
} as const

/** One branch of the rules: the customers it covers (by level) and their day limits. */
interface LimitBranch {
  level: { sql: string; params: Record<string, unknown> }
  limits: Record<RecycleReason, number | null>
}

/**
 * The rules' branches: each overridden level with its limits (an override's null falls back to the
 * general limit, as `poolDayLimits` says), then every other level (and none) with the general ones.
 */
function limitBranches(rules: PoolRules): LimitBranch[] {
  const levels = Object.keys(rules.levelOverrides).filter((level) => level !== '')
  const branch = (level: LimitBranch['level'], of: string | null): LimitBranch => {
    const limits = poolDayLimits(rules, of)
    return { level, limits: { no_followup: limits.noFollowupDays, no_deal: limits.noDealDays } }
  }
  const overridden = levels.map((level, i) =>
    branch({ sql: `c.level = :upLevel${i}`, params: { [`upLevel${i}`]: level } }, level),
  )
  const others = levels.length
    ? { sql: '(c.level IS NULL OR c.level NOT IN (:...upLevels))', params: { upLevels: levels } }
    : { sql: 'TRUE', params: {} }
  return [...overridden, branch(others, null)]
}

/**
 * Owned customers in `principal`'s scope that the rules recycle by the end of the warning window,
 * ordered soonest first, as one WHERE over the customer row; null when the rules recycle nothing.
 *
 * A reason with limit L puts a customer in the list when the local day of its clock plus L is at
 * most today + warnDaysAhead (due, or due within the window): its clock is before the start of
 * day (today + warn − L + 1). The reason due first decides, so "any reason within the window" is
 * the same set. The cut is a constant per (branch, reason), so the clock expressions stay bare.
 */
function upcomingQuery(
  m: EntityManager,
  rules: PoolRules,
  principal: Principal,
  now: Date,
  timeZone: string,
) {
  if (!rules.enabled) return null
  const lastDay = localDay(now, timeZone) + Math.max(0, rules.warnDaysAhead)
  const params: Record<string, unknown> = { upZone: timeZone }
  const branches: string[] = []
  const dueDays: string[] = []
  limitBranches(rules).forEach((b, i) => {
    const within: string[] = []
    const dueDay: string[] = []
    for (const reason of ['no_followup', 'no_deal'] as const) {
      const limit = b.limits[reason]
      if (limit === null) continue
      const days = Math.max(0, Math.trunc(limit))
      params[`upCut${i}${reason}`] = startOfLocalDay(lastDay - days + 1, timeZone)
      within.push(`${CLOCK[reason]} < :upCut${i}${reason}`)
      dueDay.push(`(${CLOCK[reason]} AT TIME ZONE :upZone)::date + ${days}`)
    }
    if (!within.length) return
    Object.assign(params, b.level.params)
    branches.push(`(${b.level.sql} AND (${within.join(' OR ')}))`)
    dueDays.push(`WHEN ${b.level.sql} THEN LEAST(${dueDay.join(', ')})`)
  })
  if (!branches.length) return null
  const qb = customers
    .repo(m)
    .createQueryBuilder('c')
    .where(`c.owner_id IS NOT NULL AND c.deleted_at IS NULL AND NOT c.locked AND c.deal_status = 'undealt'`)
    .andWhere(`(${branches.join(' OR ')})`, params)
    .orderBy(`CASE ${dueDays.join(' ')} END`)
    .addOrderBy('c.number')
  const scope = customers.scopeWhere(principal, 'c', 'owner')
  if (scope) qb.andWhere(scope.sql, scope.params)
  return qb
}
