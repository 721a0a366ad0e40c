import { randomUUID } from 'node:crypto'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from '../../test-support/harness.js'
import { expectProblem, type ReplyBody } from '@mosaic/service-kit/testing/expect'
import { poolFixtures } from '../../test-support/pool-fixtures.js'
import { seeded } from '../../test-support/seeded.js'
import { localDay, startOfLocalDay } from '@mosaic/service-kit'
import { previewRecycling, runRecycling, subjectOf } from './recycling.js'
import { inWarningWindow, recycleDecision } from './recycle-rules.js'

const TZ = 'Asia/Shanghai'
const DAY = 86_400_000
const D1 = randomUUID()

describe('pool recycling', () => {
  const s = harnessSuite(() => startSales({ BUSINESS_TIME_ZONE: TZ }), {
    alice: { deptIds: [D1] },
    bob: { deptIds: [randomUUID()] },
    mgr: { deptIds: [D1], dataScope: 'dept' },
    rep: { permissions: ['sales.customer.read', 'sales.pool.read'] },
  })
  let f: ReturnType<typeof poolFixtures>

  beforeAll(async () => {
    f = poolFixtures(s.h)
  })
  beforeEach(async () => {
    // Each test starts from a pool where nothing earlier is still owned.
    await f.query('UPDATE customer SET locked = true WHERE owner_id IS NOT NULL')
    await f.setRules({})
  })

  const db = () => s.h.service.db
  const key = (c: { customerId: string; reason: string; since: string; days: number; limitDays: number }) =>
    `${c.customerId}|${c.reason}|${c.since}|${c.days}|${c.limitDays}`

  it('property: a run at T recycles exactly what the preview at T lists, and a second run nothing', async () => {
    const r = seeded(42)
    const owners = [s.alice, s.bob]
    for (let round = 0; round < 4; round++) {
      await f.query('UPDATE customer SET locked = true WHERE owner_id IS NOT NULL')
      await f.setRules({
        noFollowupDays: r.int(5, 40),
        noDealDays: r.pick([null, r.int(20, 90)]),
        levelOverrides: { A: { noFollowupDays: r.int(10, 60), noDealDays: null } },
      })
      const T = new Date(Date.now() + r.int(-5, 5) * DAY + r.int(0, DAY))
      const daysAgo = () => new Date(+T - r.int(0, 120) * DAY - r.int(0, DAY))
      for (let i = 0; i < 25; i++) {
        await f.customer({
          owner: r.pick(owners),
          level: r.pick(['A', 'B', 'C', null]),
          locked: r.next() < 0.1,
          dealStatus: r.next() < 0.1 ? 'dealt' : 'undealt',
          ownerSince: r.next() < 0.1 ? null : daysAgo(),
          createdAt: new Date(+T - 200 * DAY),
          lastFollowUpAt: r.next() < 0.7 ? daysAgo() : null,
          lastDealAt: r.next() < 0.3 ? daysAgo() : null,
        })
      }
      const preview = await previewRecycling(db(), T, TZ)
      expect(preview.enabled).toBe(true)
      expect(preview.items.length).toBeGreaterThan(0)
      const run = await runRecycling(db(), T, TZ)
      expect(run.recycled.map(key).sort()).toEqual(preview.items.map(key).sort())
      for (const item of run.recycled) {
        const row = await f.reload(item.customerId)
        expect(row).toMatchObject({ ownerId: null, poolReason: item.reason, previousOwnerId: item.ownerId })
        expect(row.locked || row.dealStatus === 'dealt').toBe(false)
        expect(item.days).toBeGreaterThanOrEqual(item.limitDays)
      }
      const again = await runRecycling(db(), T, TZ)
      expect(again.recycled).toEqual([])
      expect((await previewRecycling(db(), T, TZ)).items).toEqual([])
    }
  })

  it('audits a recycling as the system with the reason, and tells the previous owner', async () => {
    const at = new Date()
    const c = await f.customer({ owner: s.alice, ownerSince: new Date(+at - 40 * DAY) })
    const contact = await f.contact(c)
    const run = await runRecycling(db(), at, TZ)
    expect(run.recycled).toEqual([
      expect.objectContaining({ customerId: c.id, reason: 'no_followup', days: 40, limitDays: 30 }),
    ])
    const [entry] = await f.query(`SELECT * FROM audit_log WHERE entity_id = $1 AND action = 'recycle'`, [
      c.id,
    ])
    expect(entry).toMatchObject({
      actor_id: null,
      actor_name: 'system',
      note: 'No follow-up for 40 days (limit 30)',
    })
    expect(entry.diff.ownerId).toEqual({ before: s.alice.id, after: null })
    const [ct] = await f.query('SELECT owner_id FROM contact WHERE id = $1', [contact.id])
    expect(ct.owner_id).toBeNull()
    const [event] = await f.query(
      `SELECT * FROM outbox_event WHERE topic = 'sales.customer.recycled' AND payload->>'customerId' = $1`,
      [c.id],
    )
    expect(event.payload).toMatchObject({ previousOwnerId: s.alice.id, reason: 'no_followup', days: 40 })
    expect(event.notify).toEqual([
      expect.objectContaining({
        userId: s.alice.id,
        kind: 'pool_recycled',
        link: `/sales/customers/${c.id}`,
      }),
    ])
    const pool = await s.h.call('GET', `/pool?q=${c.number}`, { token: s.rep.token })
    expect(pool.body.items[0]).toMatchObject({
      id: c.id,
      poolReason: 'no_followup',
      previousOwnerName: 'alice',
    })
  })

  it('warns the owner once per due moment, and again after a follow-up postpones it', async () => {
    const at = new Date()
    const c = await f.customer({ owner: s.alice, ownerSince: new Date(+at - 28 * DAY) })
    const first = await runRecycling(db(), at, TZ)
    expect(first).toMatchObject({ recycled: [], warned: 1 })
    expect((await runRecycling(db(), at, TZ)).warned).toBe(0)
    const events = () =>
      f.query(
        `SELECT * FROM outbox_event WHERE topic = 'sales.customer.recycle-warned' AND payload->>'customerId' = $1`,
        [c.id],
      )
    const [warning] = await events()
    expect(warning.notify).toEqual([expect.objectContaining({ userId: s.alice.id, kind: 'pool_warning' })])
    expect(warning.notify[0].title.en).toContain('in 2 days')
    await f.query('UPDATE customer SET last_followup_at = $2 WHERE id = $1', [c.id, new Date(+at - 3 * DAY)])
    expect((await runRecycling(db(), at, TZ)).warned).toBe(0)
    expect((await runRecycling(db(), new Date(+at + 25 * DAY), TZ)).warned).toBe(1)
    expect(await events()).toHaveLength(2)
  })

  it('never recycles locked or dealt customers, nor anything while the rules are off', async () => {
    const old = new Date(Date.now() - 400 * DAY)
    const locked = await f.customer({ owner: s.alice, ownerSince: old, locked: true })
    const dealt = await f.customer({ owner: s.alice, ownerSince: old, dealStatus: 'dealt' })
    const due = await f.customer({ owner: s.alice, ownerSince: old })
    await f.setRules({ enabled: false })
    expect(await previewRecycling(db(), new Date(), TZ)).toMatchObject({ enabled: false, items: [] })
    expect((await runRecycling(db(), new Date(), TZ)).recycled).toEqual([])
    await f.setRules({ enabled: true })
    const run = await runRecycling(db(), new Date(), TZ)
    expect(run.recycled.map((c) => c.customerId)).toEqual([due.id])
    expect((await f.reload(locked.id)).ownerId).toBe(s.alice.id)
    expect((await f.reload(dealt.id)).ownerId).toBe(s.alice.id)
  })

  it('previews tomorrow by default and runs on demand over HTTP', async () => {
    const now = Date.now()
    // Calendar days: taken 31 days ago (due today) and 29 days ago (due at tomorrow's midnight).
    const dayStart = (daysAgo: number) =>
      new Date(+startOfLocalDay(localDay(now, TZ) - daysAgo, TZ) + 3_600_000)
    const today = await f.customer({ owner: s.alice, ownerSince: dayStart(31) })
    const tomorrow = await f.customer({ owner: s.alice, ownerSince: dayStart(29) })
    const preview = await s.h.call('GET', '/pool/recycling/preview', { token: s.mgr.token })
    expect(preview.status).toBe(200)
    expect(Math.abs(Date.parse(preview.body.at) - (now + DAY))).toBeLessThan(60_000)
    const ids = preview.body.items.map((c: ReplyBody) => c.customerId)
    expect(ids).toEqual(expect.arrayContaining([today.id, tomorrow.id]))
    const nowPreview = await s.h.call('GET', `/pool/recycling/preview?at=${new Date().toISOString()}`, {
      token: s.mgr.token,
    })
    const run = await s.h.call('POST', '/pool/recycling/run', { token: s.mgr.token })
    expect(run.status).toBe(200)
    expect(run.body.recycled.map(key).sort()).toEqual(nowPreview.body.items.map(key).sort())
    expect(run.body.recycled.map((c: ReplyBody) => c.customerId)).toEqual([today.id])
    expectProblem(await s.h.call('GET', '/pool/recycling/preview?at=tomorrow', { token: s.mgr.token }), 400)
    expectProblem(await s.h.call('POST', '/pool/recycling/run', { token: s.rep.token }), 403)
  })

  it('lists the customers about to return to the pool in the caller’s scope', async () => {
    const now = Date.now()
    const soon = await f.customer({ owner: s.alice, ownerSince: new Date(now - 28 * DAY) })
    const overdue = await f.customer({ owner: s.alice, ownerSince: new Date(now - 35 * DAY) })
    await f.customer({ owner: s.alice, ownerSince: new Date(now - 10 * DAY) })
    const bobs = await f.customer({ owner: s.bob, ownerSince: new Date(now - 29 * DAY) })
    const mine = await s.h.call('GET', '/pool/upcoming', { token: s.alice.token })
    expect(mine.status).toBe(200)
    expect(mine.body.map((u: ReplyBody) => u.customerId)).toEqual([overdue.id, soon.id])
    expect(mine.body[1]).toMatchObject({ reason: 'no_followup', days: 28, limitDays: 30, daysLeft: 2 })
    expect(mine.body[0]).toMatchObject({ daysLeft: 0 })
    const managed = await s.h.call('GET', '/pool/upcoming', { token: s.mgr.token })
    expect(managed.body.map((u: ReplyBody) => u.customerId)).toEqual([overdue.id, soon.id])
    const theirs = await s.h.call('GET', '/pool/upcoming', { token: s.bob.token })
    expect(theirs.body.map((u: ReplyBody) => u.customerId)).toEqual([bobs.id])
  })

  it('property: the upcoming list is the rule’s verdict on every level branch, and the dashboard counts it', async () => {
    const r = seeded(7)
    for (let round = 0; round < 4; round++) {
      await f.query('UPDATE customer SET locked = true WHERE owner_id IS NOT NULL')
      const rules = {
        noFollowupDays: r.pick([null, r.int(5, 40)]),
        noDealDays: r.pick([null, r.int(20, 90)]),
        warnDaysAhead: r.int(0, 7),
        levelOverrides: {
          A: { noFollowupDays: r.int(10, 60), noDealDays: null },
          B: { noFollowupDays: null, noDealDays: r.pick([null, r.int(10, 40)]) },
        },
      }
      const merged = await f.setRules(rules)
      const now = Date.now()
      // Mostly right at a branch's edge (limit − warning, ± a day), where an off-by-one would show.
      const limits = [rules, ...Object.values(rules.levelOverrides)].flatMap((l) => [
        l.noFollowupDays,
        l.noDealDays,
      ])
      const edges = limits.filter((d): d is number => d !== null).map((d) => d - rules.warnDaysAhead)
      const daysAgo = () => {
        const days = r.next() < 0.7 ? r.pick(edges) + r.int(-1, 1) : r.int(0, 120)
        return new Date(now - days * DAY - r.int(0, DAY))
      }
      const made = []
      for (let i = 0; i < 30; i++) {
        made.push(
          await f.customer({
            owner: r.pick([s.alice, s.bob]),
            level: r.pick(['A', 'B', 'C']),
            locked: r.next() < 0.1,
            dealStatus: r.next() < 0.1 ? 'dealt' : 'undealt',
            ownerSince: r.next() < 0.1 ? null : daysAgo(),
            createdAt: new Date(now - 200 * DAY),
            lastFollowUpAt: r.next() < 0.7 ? daysAgo() : null,
            lastDealAt: r.next() < 0.3 ? daysAgo() : null,
          }),
        )
      }
      const expected = []
      for (const c of made.filter((c) => c.ownerId === s.alice.id)) {
        const decision = recycleDecision(merged, subjectOf(await f.reload(c.id)), new Date(), TZ)
        if (decision && (decision.due || inWarningWindow(merged, decision))) expected.push(c.id)
      }
      expect(expected.length).toBeGreaterThan(0)
      const listed = await s.h.call('GET', '/pool/upcoming', { token: s.mgr.token })
      expect(listed.body.map((u: ReplyBody) => u.customerId).sort()).toEqual(expected.sort())
      const recycleOn = listed.body.map((u: ReplyBody) => Date.parse(u.recycleOn))
      expect(recycleOn).toEqual([...recycleOn].sort((a, b) => a - b))
      const board = await s.h.call('GET', '/dashboard', { token: s.mgr.token })
      const todo = board.body.todo.find((t: ReplyBody) => t.key === 'sales.customersToRecycle')
      expect(todo.count).toBe(expected.length)
    }
  })

  it('recycles each customer once when runs overlap', async () => {
    const at = new Date()
    const due = await Promise.all(
      [1, 2, 3, 4].map(() => f.customer({ owner: s.bob, ownerSince: new Date(+at - 50 * DAY) })),
    )
    const runs = await Promise.all([runRecycling(db(), at, TZ), runRecycling(db(), at, TZ)])
    const recycled = runs.flatMap((r) => r.recycled.map((c) => c.customerId))
    expect(recycled.sort()).toEqual(due.map((c) => c.id).sort())
    const audits = await f.query(
      `SELECT entity_id FROM audit_log WHERE action = 'recycle' AND entity_id = ANY($1)`,
      [due.map((c) => c.id)],
    )
    expect(audits).toHaveLength(4)
  })
})
