import { randomUUID } from 'node:crypto'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { localDay, startOfLocalDay, startOfToday } from '@mosaic/service-kit'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales, type TestUser } from '../../test-support/harness.js'
import { expectProblem, type ReplyBody } from '@mosaic/service-kit/testing/expect'
import { poolFixtures } from '../../test-support/pool-fixtures.js'

const D1 = randomUUID()
const D2 = randomUUID()
const DAY = 86_400_000
const TZ = 'Asia/Shanghai'

describe('public pool', () => {
  const s = harnessSuite(() => startSales({ BUSINESS_TIME_ZONE: TZ }), {
    alice: { deptIds: [D1] },
    bob: { deptIds: [D1] },
    carol: { deptIds: [D2] },
    mgr: { deptIds: [D1], dataScope: 'dept' },
    viewer: { permissions: ['sales.customer.read'] },
  })
  let f: ReturnType<typeof poolFixtures>

  beforeAll(async () => {
    f = poolFixtures(s.h)
  })
  /** Only the limits a test names apply. */
  const rules = (patch: Parameters<typeof f.setRules>[0] = {}) =>
    f.setRules({ ownedLimit: null, claimsPerDay: null, reclaimCooldownDays: null, ...patch })
  beforeEach(() => rules())

  const claim = (u: TestUser, id: string) => s.h.call('POST', `/pool/${id}/claim`, { token: u.token })
  const outbox = (topic: string, id: string) =>
    f.query(`SELECT * FROM outbox_event WHERE topic = $1 AND payload->>'customerId' = $2`, [topic, id])

  it('lists customers without an owner, searchable by name, number, status, level and source', async () => {
    const tag = randomUUID().slice(0, 8)
    const pooled = await f.customer({
      name: `Pool ${tag} Alpha`,
      status: 'active',
      source: 'web',
      level: 'A',
    })
    await f.customer({ name: `Pool ${tag} Beta`, status: 'potential' })
    await f.customer({ name: `Owned ${tag}`, owner: s.alice })
    const deleted = await f.customer({ name: `Pool ${tag} Deleted` })
    await f.query('UPDATE customer SET deleted_at = now() WHERE id = $1', [deleted.id])

    const all = await s.h.call('GET', `/pool?q=${tag}`, { token: s.bob.token })
    expect(all.status).toBe(200)
    expect(all.body.items.map((c: ReplyBody) => c.name).sort()).toEqual([
      `Pool ${tag} Alpha`,
      `Pool ${tag} Beta`,
    ])
    expect(all.body.items.find((c: ReplyBody) => c.id === pooled.id)).toMatchObject({
      number: pooled.number,
      status: 'active',
      source: 'web',
      level: 'A',
      poolReason: 'never_owned',
      previousOwnerName: null,
    })
    const byNumber = await s.h.call('GET', `/pool?q=${pooled.number}`, { token: s.bob.token })
    expect(byNumber.body.items.map((c: ReplyBody) => c.id)).toEqual([pooled.id])
    for (const filter of ['status=active', 'level=A', 'source=web']) {
      const res = await s.h.call('GET', `/pool?q=${tag}&${filter}`, { token: s.bob.token })
      expect(res.body.items.map((c: ReplyBody) => c.id)).toEqual([pooled.id])
    }
    const paged = await s.h.call('GET', `/pool?q=${tag}&limit=1`, { token: s.bob.token })
    expect(paged.body).toMatchObject({ total: 2, totalCapped: false })
    const next = await s.h.call('GET', `/pool?q=${tag}&limit=1&cursor=${paged.body.nextCursor}`, {
      token: s.bob.token,
    })
    expect(next.body.items).toHaveLength(1)
    expect(next.body.items[0].id).not.toBe(paged.body.items[0].id)
    expectProblem(await s.h.call('GET', '/pool', { token: s.viewer.token }), 403)
  })

  it('claim makes the caller the owner, moves the contacts, audits and publishes it', async () => {
    const c = await f.customer({ previousOwner: s.carol, poolEnteredAt: new Date(Date.now() - 30 * DAY) })
    const contact = await f.contact(c)
    const res = await claim(s.alice, c.id)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: c.id, ownerId: s.alice.id, ownerName: 'alice', deptId: D1 })
    expect(res.body.poolEnteredAt).toBeNull()
    const row = await f.reload(c.id)
    expect(Date.now() - +row.ownerSince!).toBeLessThan(60_000)
    const [ct] = await f.query('SELECT owner_id, dept_id FROM contact WHERE id = $1', [contact.id])
    expect(ct).toEqual({ owner_id: s.alice.id, dept_id: D1 })
    const [entry] = await f.query(`SELECT * FROM audit_log WHERE entity_id = $1 AND action = 'claim'`, [c.id])
    expect(entry).toMatchObject({ actor_id: s.alice.id, actor_name: 'alice' })
    expect(entry.diff.ownerId).toEqual({ before: null, after: s.alice.id })
    expect(await outbox('sales.customer.claimed', c.id)).toHaveLength(1)
    // Someone whose scope covers the customer learns who has it; anyone else, only that it is not in the pool.
    const again = expectProblem(await claim(s.mgr, c.id), 409)
    expect(again).toMatchObject({ code: 'sales.pool.already_owned', params: { owner: 'alice' } })
    expect(expectProblem(await claim(s.bob, c.id), 404)).toMatchObject({ code: 'sales.pool.not_in_pool' })
    expect(expectProblem(await claim(s.alice, c.id), 409)).toMatchObject({ code: 'sales.pool.already_yours' })
    expectProblem(await claim(s.bob, randomUUID()), 404)
    expectProblem(await claim(s.viewer, c.id), 403)
  })

  it('of two concurrent claims exactly one wins, ten times over', async () => {
    for (let i = 0; i < 10; i++) {
      const c = await f.customer()
      const replies = await Promise.all([claim(s.alice, c.id), claim(s.bob, c.id)])
      // alice and bob cannot see each other's customers: the loser finds it gone from the pool.
      expect(replies.map((r) => r.status).sort()).toEqual([200, 404])
      const winner = replies.find((r) => r.status === 200)!.body.ownerName
      const loser = replies.find((r) => r.status === 404)!
      expect(loser.body.code).toBe('sales.pool.not_in_pool')
      expect((await f.reload(c.id)).ownerName).toBe(winner)
      const claims = await f.query(`SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'claim'`, [
        c.id,
      ])
      expect(claims).toHaveLength(1)
    }
  })

  it('enforces the owned-customer limit, the most specific override winning', async () => {
    const dave = await s.h.user('dave', { deptIds: [randomUUID()] })
    const erin = await s.h.user('erin', { deptIds: [D2] })
    const frank = await s.h.user('frank', { deptIds: [D2] })
    await rules({
      ownedLimit: 2,
      deptLimits: [{ deptId: D2, owned: 1, locked: null }],
      userLimits: [{ userId: frank.id, owned: 3, locked: null }],
    })
    const claimMany = async (u: TestUser, n: number) => {
      const statuses = []
      for (let i = 0; i < n; i++) statuses.push((await claim(u, (await f.customer()).id)).status)
      return statuses
    }
    expect(await claimMany(dave, 2)).toEqual([200, 200])
    const refused = expectProblem(await claim(dave, (await f.customer()).id), 409)
    expect(refused.detail).toContain('the limit is 2')
    expect(refused.limit).toEqual({ kind: 'owned', current: 2, adding: 1, limit: 2 })
    expect(await claimMany(erin, 2)).toEqual([200, 409])
    expect(await claimMany(frank, 4)).toEqual([200, 200, 200, 409])
  })

  it('keeps the limit exact when one user claims several customers at once', async () => {
    const hal = await s.h.user('hal', { deptIds: [randomUUID()] })
    await rules({ ownedLimit: 2 })
    const targets = await Promise.all([1, 2, 3, 4, 5, 6].map(() => f.customer()))
    const replies = await Promise.all(targets.map((c) => claim(hal, c.id)))
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 409, 409, 409, 409])
    const [owned] = await f.query('SELECT count(*)::int AS n FROM customer WHERE owner_id = $1', [hal.id])
    expect(owned.n).toBe(2)
  })

  it('limits claims per day, counted from the start of the business day', async () => {
    await rules({ claimsPerDay: 2 })
    const gina = await s.h.user('gina', { deptIds: [D1] })
    expect((await claim(gina, (await f.customer()).id)).status).toBe(200)
    expect((await claim(gina, (await f.customer()).id)).status).toBe(200)
    const refused = expectProblem(await claim(gina, (await f.customer()).id), 409)
    expect(refused.limit).toMatchObject({ kind: 'claims_per_day', current: 2, limit: 2 })
    const today = startOfToday(new Date(), TZ)
    const [first] = await f.query(`SELECT id FROM pool_event WHERE user_id = $1 ORDER BY at LIMIT 1`, [
      gina.id,
    ])
    await f.query('UPDATE pool_event SET at = $2 WHERE id = $1', [first.id, today])
    expectProblem(await claim(gina, (await f.customer()).id), 409)
    await f.query('UPDATE pool_event SET at = $2 WHERE id = $1', [first.id, new Date(+today - 1000)])
    expect((await claim(gina, (await f.customer()).id)).status).toBe(200)
  })

  it('makes the previous owner wait out the cooldown, naming the date', async () => {
    await rules({ reclaimCooldownDays: 7 })
    const entered = new Date(Date.now() - 2 * DAY)
    const recent = await f.customer({ previousOwner: s.alice, poolEnteredAt: entered })
    const refused = expectProblem(await claim(s.alice, recent.id), 409)
    const from = startOfLocalDay(localDay(entered, TZ) + 7, TZ)
    expect(refused.availableAt).toBe(from.toISOString())
    expect(refused.detail).toContain(new Date(+from + 8 * 3_600_000).toISOString().slice(0, 10))
    expect((await claim(s.bob, recent.id)).status).toBe(200)
    const old = await f.customer({ previousOwner: s.alice, poolEnteredAt: new Date(Date.now() - 8 * DAY) })
    expect((await claim(s.alice, old.id)).status).toBe(200)
  })

  it('assigns pool customers with a result per record', async () => {
    await rules({ userLimits: [{ userId: s.carol.id, owned: 1, locked: null }] })
    const [a, b, owned] = [await f.customer(), await f.customer(), await f.customer({ owner: s.bob })]
    const missing = randomUUID()
    const res = await s.h.call('POST', '/pool/assign', {
      token: s.mgr.token,
      body: { ids: [a.id, owned.id, missing, b.id], ownerId: s.carol.id },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ succeeded: 1, failed: 3 })
    expect(res.body.results).toEqual([
      { id: a.id, ok: true, title: `${a.name} (${a.number})` },
      expect.objectContaining({
        id: owned.id,
        ok: false,
        status: 409,
        error: expect.stringContaining('bob'),
      }),
      expect.objectContaining({ id: missing, ok: false, status: 404, title: null }),
      expect.objectContaining({
        id: b.id,
        ok: false,
        status: 409,
        error: expect.stringContaining('limit is 1'),
      }),
    ])
    expect(await f.reload(a.id)).toMatchObject({ ownerId: s.carol.id, deptId: D2 })
    expect(await f.reload(b.id)).toMatchObject({ ownerId: null })
    const [event] = await outbox('sales.customer.assigned', a.id)
    expect(event.notify).toEqual([
      expect.objectContaining({
        userId: s.carol.id,
        kind: 'pool_assigned',
        link: `/sales/customers/${a.id}`,
      }),
    ])
    expect(event.notify[0].title.zh).toContain(a.name)
    const [entry] = await f.query(
      `SELECT actor_id FROM audit_log WHERE entity_id = $1 AND action = 'assign'`,
      [a.id],
    )
    expect(entry.actor_id).toBe(s.mgr.id)

    const unknown = expectProblem(
      await s.h.call('POST', '/pool/assign', {
        token: s.mgr.token,
        body: { ids: [b.id], ownerId: randomUUID() },
      }),
      400,
    )
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'ownerId' })])
    const disabled = await f.disabledUser(D1)
    const off = expectProblem(
      await s.h.call('POST', '/pool/assign', {
        token: s.mgr.token,
        body: { ids: [b.id], ownerId: disabled },
      }),
      400,
    )
    expect(off.errors?.[0]?.message).toContain('disabled')
    expectProblem(
      await s.h.call('POST', '/pool/assign', {
        token: s.viewer.token,
        body: { ids: [b.id], ownerId: s.bob.id },
      }),
      403,
    )
  })

  it('releases a customer to the pool: scope, lock, If-Match, audit, team and notice', async () => {
    const c = await f.customer({ owner: s.alice })
    const contact = await f.contact(c)
    await f.query(
      `INSERT INTO team_member (entity_type, entity_id, user_id, user_name, access) VALUES ('customer', $1, $2, 'carol', 'write')`,
      [c.id, s.carol.id],
    )
    const release = (u: TestUser, id: string, version?: number, reason = 'No budget this year') =>
      s.h.call('POST', `/customers/${id}/release`, { token: u.token, version, body: { reason } })
    expectProblem(await release(s.alice, c.id), 428)
    expectProblem(await release(s.alice, c.id, c.version + 1), 412)
    expectProblem(await release(s.carol, c.id, c.version), 403)
    expectProblem(await release(s.bob, c.id, c.version), 404)
    const bad = expectProblem(await release(s.alice, c.id, c.version, ' '), 400)
    expect(bad.errors?.[0]?.field).toBe('reason')

    const res = await release(s.alice, c.id, c.version)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      ownerId: null,
      deptId: null,
      previousOwnerId: s.alice.id,
      previousOwnerName: 'alice',
    })
    expect(res.body.poolEnteredAt).toEqual(expect.any(String))
    expect(await f.reload(c.id)).toMatchObject({ poolReason: 'released', ownerSince: null })
    // The pool list shows the words typed, not only the reason code.
    const listed = await s.h.call('GET', `/pool?q=${encodeURIComponent(c.number)}`, { token: s.alice.token })
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: c.id, poolReason: 'released', poolReasonText: 'No budget this year' }),
    ])
    const [ct] = await f.query('SELECT owner_id, dept_id FROM contact WHERE id = $1', [contact.id])
    expect(ct).toEqual({ owner_id: null, dept_id: null })
    expect(await f.query('SELECT 1 FROM team_member WHERE entity_id = $1', [c.id])).toHaveLength(0)
    const [entry] = await f.query(`SELECT * FROM audit_log WHERE entity_id = $1 AND action = 'release'`, [
      c.id,
    ])
    expect(entry).toMatchObject({ actor_id: s.alice.id, note: 'No budget this year' })
    const [event] = await outbox('sales.customer.released', c.id)
    expect(event.notify).toEqual([])
    expectProblem(await release(s.alice, c.id, res.body.version), 404)

    const locked = await f.customer({ owner: s.alice, locked: true })
    expect(expectProblem(await release(s.alice, locked.id, locked.version), 409).detail).toContain('locked')

    const managed = await f.customer({ owner: s.alice })
    expect((await release(s.mgr, managed.id, managed.version)).status).toBe(200)
    const [notice] = await outbox('sales.customer.released', managed.id)
    expect(notice.notify).toEqual([expect.objectContaining({ userId: s.alice.id, kind: 'pool_released' })])
  })
})
