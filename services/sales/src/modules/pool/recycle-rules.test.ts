import { describe, expect, it } from 'vitest'
import { localDay, startOfLocalDay } from '@mosaic/service-kit'
import {
  DEFAULT_POOL_RULES,
  inWarningWindow,
  recycleDecision,
  recyclePlan,
  shortestLimits,
  type PoolRules,
  type RecycleSubject,
} from './recycle-rules.js'
import { seeded } from '../../test-support/seeded.js'

const SH = 'Asia/Shanghai'
const ZONES = [
  SH,
  'UTC',
  'America/New_York',
  'Europe/London',
  'Pacific/Auckland',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Beirut',
]
const RUNS = 400
const DAY = 86_400_000

/** Random instants between 2020 and 2030 (ms precision), rules and customers. */
function generators(seed: number) {
  const r = seeded(seed)
  const instant = () => new Date(Date.UTC(2020, 0, 1) + Math.floor(r.next() * 10 * 365 * DAY))
  const maybe = <T>(f: () => T, p = 0.7): T | null => (r.next() < p ? f() : null)
  const days = () => r.int(1, 200)
  const rules = (): PoolRules => ({
    ...DEFAULT_POOL_RULES,
    enabled: r.next() < 0.95,
    noFollowupDays: maybe(days, 0.85),
    noDealDays: maybe(days, 0.85),
    levelOverrides: r.next() < 0.5 ? { A: { noFollowupDays: maybe(days), noDealDays: maybe(days) } } : {},
    warnDaysAhead: r.int(0, 10),
  })
  const subject = (): RecycleSubject => {
    const ownerSince = instant()
    const after = () => new Date(+ownerSince + Math.floor(r.next() * 400 * DAY))
    const before = () => new Date(+ownerSince - Math.floor(r.next() * 400 * DAY))
    return {
      ownerId: r.next() < 0.95 ? 'u1' : null,
      level: r.pick(['A', 'B', 'C', null]),
      locked: r.next() < 0.1,
      dealStatus: r.next() < 0.1 ? 'dealt' : 'undealt',
      ownerSince,
      lastFollowUpAt: maybe(() => (r.next() < 0.5 ? after() : before())),
      lastDealAt: maybe(() => (r.next() < 0.5 ? after() : before()), 0.3),
    }
  }
  const zone = () => r.pick(ZONES)
  const near = (d: Date) => new Date(+d + Math.floor((r.next() - 0.5) * 6 * DAY))
  return { r, instant, rules, subject, zone, near }
}

describe('calendar days in the business time zone', () => {
  it('starts each day at local midnight and counts calendar days, not 24-hour periods', () => {
    const lateEvening = new Date('2026-03-01T23:50:00+08:00')
    const nextMidnight = new Date('2026-03-02T00:00:00+08:00')
    expect(localDay(nextMidnight, SH) - localDay(lateEvening, SH)).toBe(1)
    expect(startOfLocalDay(localDay(lateEvening, SH) + 1, SH).toISOString()).toBe(nextMidnight.toISOString())
  })

  it('finds the first instant of every day in zones with clock changes', () => {
    const g = generators(7)
    for (let i = 0; i < RUNS; i++) {
      const tz = g.zone()
      const day = localDay(g.instant(), tz)
      const start = startOfLocalDay(day, tz)
      expect(localDay(start, tz)).toBe(day)
      expect(localDay(+start - 1, tz)).toBe(day - 1)
    }
  })
})

describe('recycling rules', () => {
  const owned = (o: Partial<RecycleSubject> = {}): RecycleSubject => ({
    ownerId: 'u1',
    level: 'B',
    locked: false,
    dealStatus: 'undealt',
    ownerSince: new Date('2026-01-01T10:00:00+08:00'),
    lastFollowUpAt: null,
    lastDealAt: null,
    ...o,
  })

  it('recycles after N calendar days without a follow-up, counted from the later clock', () => {
    const s = owned({ lastFollowUpAt: new Date('2026-01-10T23:59:00+08:00') })
    const plan = recyclePlan(DEFAULT_POOL_RULES, s, SH)!
    expect(plan).toMatchObject({ reason: 'no_followup', limitDays: 30 })
    expect(plan.since.toISOString()).toBe(s.lastFollowUpAt!.toISOString())
    expect(plan.recycleOn.toISOString()).toBe(new Date('2026-02-09T00:00:00+08:00').toISOString())
    const before = recycleDecision(DEFAULT_POOL_RULES, s, new Date('2026-02-08T23:59:59+08:00'), SH)!
    expect(before).toMatchObject({ due: false, days: 29, daysLeft: 1 })
    const at = recycleDecision(DEFAULT_POOL_RULES, s, new Date('2026-02-09T00:00:00+08:00'), SH)!
    expect(at).toMatchObject({ due: true, days: 30, daysLeft: 0 })
  })

  it('applies per-level limits and picks the reason due first', () => {
    const a = recyclePlan(DEFAULT_POOL_RULES, owned({ level: 'A' }), SH)!
    expect(a).toMatchObject({ reason: 'no_followup', limitDays: 60 })
    const followedUp = owned({ lastFollowUpAt: new Date('2026-03-25T09:00:00+08:00') })
    expect(recyclePlan(DEFAULT_POOL_RULES, followedUp, SH)).toMatchObject({
      reason: 'no_deal',
      limitDays: 90,
    })
    const rules = { ...DEFAULT_POOL_RULES, noFollowupDays: null }
    expect(recyclePlan(rules, owned(), SH)).toMatchObject({ reason: 'no_deal' })
    expect(recyclePlan({ ...rules, noDealDays: null, levelOverrides: {} }, owned(), SH)).toBeNull()
    expect(shortestLimits(DEFAULT_POOL_RULES)).toEqual({ noFollowupDays: 30, noDealDays: 90 })
  })

  it('never recycles locked, dealt or pool customers, or anything while the rules are off', () => {
    for (const s of [owned({ locked: true }), owned({ dealStatus: 'dealt' }), owned({ ownerId: null })])
      expect(recyclePlan(DEFAULT_POOL_RULES, s, SH)).toBeNull()
    expect(recyclePlan({ ...DEFAULT_POOL_RULES, enabled: false }, owned(), SH)).toBeNull()
  })

  it('property: due ⇔ recycleOn ≤ at, in every zone', () => {
    const g = generators(1)
    for (let i = 0; i < RUNS * 5; i++) {
      const rules = g.rules()
      const s = g.subject()
      const tz = g.zone()
      const plan = recyclePlan(rules, s, tz)
      const at = plan && g.r.next() < 0.5 ? g.near(plan.recycleOn) : g.instant()
      const d = recycleDecision(rules, s, at, tz)
      if (!plan) {
        expect(d).toBeNull()
        continue
      }
      expect(d!.due).toBe(plan.recycleOn <= at)
      expect(recycleDecision(rules, s, plan.recycleOn, tz)!.due).toBe(true)
      expect(recycleDecision(rules, s, new Date(+plan.recycleOn - 1), tz)!.due).toBe(false)
      expect(d!.days >= d!.limitDays).toBe(d!.due)
      expect(d!.daysLeft === 0 || !d!.due).toBe(true)
    }
  })

  it('property: once due, it stays due as time passes (monotone in time)', () => {
    const g = generators(2)
    for (let i = 0; i < RUNS * 5; i++) {
      const rules = g.rules()
      const s = g.subject()
      const tz = g.zone()
      const [t1, t2] = [g.instant(), g.instant()].sort((x, y) => +x - +y)
      const d1 = recycleDecision(rules, s, t1!, tz)
      const d2 = recycleDecision(rules, s, t2!, tz)
      if (d1?.due) expect(d2!.due).toBe(true)
      if (d1 && d2) expect(d2.daysLeft).toBeLessThanOrEqual(d1.daysLeft)
    }
  })

  it('property: locked, dealt and pool customers are never due', () => {
    const g = generators(3)
    for (let i = 0; i < RUNS; i++) {
      const s = g.subject()
      const variant = g.r.pick([{ locked: true }, { dealStatus: 'dealt' }, { ownerId: null }])
      expect(recycleDecision(g.rules(), { ...s, ...variant }, g.instant(), g.zone())).toBeNull()
    }
  })

  it('property: a follow-up or a transfer at `at` postpones recycling past `at`', () => {
    const g = generators(4)
    for (let i = 0; i < RUNS * 2; i++) {
      const rules = g.rules()
      const s = g.subject()
      const tz = g.zone()
      const old = recyclePlan(rules, s, tz)
      if (!old) continue
      const at = g.near(old.recycleOn)
      const transferAt = later(s.ownerSince, at)
      const transferred = { ...s, ownerSince: transferAt }
      expect(recyclePlan(rules, transferred, tz)!.recycleOn >= old.recycleOn).toBe(true)
      expect(recycleDecision(rules, transferred, transferAt, tz)!.due).toBe(false)
      const followed = { ...s, lastFollowUpAt: later(s.lastFollowUpAt ?? s.ownerSince, at) }
      const after = recyclePlan(rules, followed, tz)!
      expect(after.recycleOn >= old.recycleOn).toBe(true)
      if (after.reason === 'no_followup') expect(after.recycleOn > at).toBe(true)
    }
  })

  it('property: recycling is idempotent — a recycled (pool) customer is not due again', () => {
    const g = generators(5)
    for (let i = 0; i < RUNS; i++) {
      const rules = g.rules()
      const s = g.subject()
      const tz = g.zone()
      const at = g.instant()
      const d = recycleDecision(rules, s, at, tz)
      if (!d?.due) continue
      expect(recycleDecision(rules, { ...s, ownerId: null }, at, tz)).toBeNull()
    }
  })

  it('property: the warning window is the last warnDaysAhead days before recycling', () => {
    const g = generators(6)
    for (let i = 0; i < RUNS * 2; i++) {
      const rules = g.rules()
      const s = g.subject()
      const tz = g.zone()
      const plan = recyclePlan(rules, s, tz)
      if (!plan) continue
      const at = g.near(plan.recycleOn)
      const d = recycleDecision(rules, s, at, tz)!
      const daysToGo = localDay(plan.recycleOn, tz) - localDay(at, tz)
      expect(inWarningWindow(rules, d)).toBe(plan.recycleOn > at && daysToGo <= rules.warnDaysAhead)
    }
  })
})

const later = (a: Date, b: Date) => (b > a ? b : a)
