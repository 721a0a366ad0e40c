import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales, type TestUser } from '../../test-support/harness.js'
import { expectProblem, type ReplyBody } from '@mosaic/service-kit/testing/expect'
import { poolFixtures } from '../../test-support/pool-fixtures.js'
import { startFakeOrders, type FakeOrders } from '../../test-support/fake-orders.js'

const D1 = randomUUID()
const D2 = randomUUID()
const DAY = 86_400_000

describe('owner transfer', () => {
  let ordersSvc: FakeOrders
  beforeAll(async () => {
    ordersSvc = await startFakeOrders()
  })
  afterAll(() => ordersSvc.close())
  const env = () => ({
    SERVICE_SECRET: 'transfers-test-secret-0123456789',
    ORDERS_SERVICE_URL: ordersSvc.url,
  })
  const s = harnessSuite(() => startSales(env()), {
    alice: { deptIds: [D1] },
    bob: { deptIds: [D2] },
    carol: { deptIds: [D1] },
    mgr: { deptIds: [D1, D2], dataScope: 'dept' },
    clerk: { deptIds: [D1], dataScope: 'dept', permissions: ['sales.customer.read'] },
  })
  let f: ReturnType<typeof poolFixtures>

  beforeAll(async () => {
    f = poolFixtures(s.h)
  })
  beforeEach(() => f.setRules({ ownedLimit: null, lockedLimit: null }))

  const preview = (u: TestUser, body: object) =>
    s.h.call('POST', '/transfers/preview', { token: u.token, body })
  const commit = (u: TestUser, body: object) => s.h.call('POST', '/transfers', { token: u.token, body })
  const sortChanges = (changes: ReplyBody[]) =>
    [...changes].sort((a, b) =>
      `${a.id}${a.entityType}${a.change}`.localeCompare(`${b.id}${b.entityType}${b.change}`),
    )

  it('offers only the cascades that exist (quotes and contracts)', async () => {
    const res = await s.h.call('GET', '/transfers/options', { token: s.mgr.token })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      cascades: { customer: ['contacts', 'opportunities', 'quotes', 'contracts'], lead: [], opportunity: [] },
    })
  })

  it('tells its options only to someone who may transfer something (403 otherwise)', async () => {
    const res = await s.h.call('GET', '/transfers/options', { token: s.clerk.token })
    expect(expectProblem(res, 403)).toMatchObject({ code: 'http.forbidden' })
  })

  it('previews every change and commits exactly those, per record', async () => {
    const c1 = await f.customer({ owner: s.alice, ownerSince: new Date(Date.now() - 29 * DAY) })
    const contacts = [await f.contact(c1), await f.contact(c1)]
    const aliceDeal = await f.opportunity(c1, s.alice)
    const carolDeal = await f.opportunity(c1, s.carol)
    const c2 = await f.customer({ owner: s.alice, locked: true })
    const bobs = await f.customer({ owner: s.bob })
    const missing = randomUUID()
    // In orders: two of alice's quotes of c1 (listed, to be moved) and one of carol's (not).
    const quote = (number: string, status: string, owner: TestUser) => ({
      id: randomUUID(),
      number,
      status,
      ownerId: owner.id,
      ownerName: owner.name,
    })
    const aliceQuotes = [
      quote('BJ202612040001', 'draft', s.alice),
      quote('BJ202612040002', 'approved', s.alice),
    ]
    ordersSvc.quotes.set(c1.id, [...aliceQuotes, quote('BJ202612040003', 'draft', s.carol)])
    const body = {
      entityType: 'customer',
      ids: [c1.id, missing, c2.id, bobs.id, c1.id],
      toOwnerId: s.bob.id,
      cascade: { contacts: true, opportunities: true, quotes: true, contracts: false },
      oldOwner: 'read',
      reason: 'Territory change',
    }
    const dry = await preview(s.mgr, body)
    expect(dry.status).toBe(200)
    expect(dry.body.toOwner).toEqual({ id: s.bob.id, name: 'bob' })
    expect(dry.body.customerLimit).toEqual({ owned: 1, adding: 2, limit: null })
    const from = { fromOwnerId: s.alice.id, fromOwnerName: 'alice' }
    expect(sortChanges(dry.body.changes)).toEqual(
      sortChanges([
        {
          entityType: 'customer',
          id: c1.id,
          rootId: c1.id,
          change: 'owner',
          title: expect.any(String),
          ...from,
        },
        {
          entityType: 'customer',
          id: c1.id,
          rootId: c1.id,
          change: 'team',
          title: expect.any(String),
          ...from,
        },
        ...contacts.map((c) => ({
          entityType: 'contact',
          id: c.id,
          rootId: c1.id,
          change: 'owner',
          title: c.name,
          ...from,
        })),
        {
          entityType: 'opportunity',
          id: aliceDeal.id,
          rootId: c1.id,
          change: 'owner',
          title: expect.any(String),
          ...from,
        },
        {
          entityType: 'opportunity',
          id: aliceDeal.id,
          rootId: c1.id,
          change: 'team',
          title: expect.any(String),
          ...from,
        },
        ...aliceQuotes.map((q) => ({
          entityType: 'quote',
          id: q.id,
          rootId: c1.id,
          change: 'requested',
          title: q.number,
          status: q.status,
          ...from,
        })),
        {
          entityType: 'customer',
          id: c2.id,
          rootId: c2.id,
          change: 'owner',
          title: expect.any(String),
          ...from,
        },
        {
          entityType: 'customer',
          id: c2.id,
          rootId: c2.id,
          change: 'team',
          title: expect.any(String),
          ...from,
        },
      ]),
    )
    expect(dry.body.problems).toEqual([
      { id: missing, title: null, status: 404, detail: 'Record not found.', code: 'http.not_found' },
      {
        id: bobs.id,
        title: `${bobs.name} (${bobs.number})`,
        status: 409,
        detail: 'Already owned by bob.',
        code: 'sales.transfer.already_owner',
        params: { owner: 'bob' },
      },
    ])
    expect((await f.reload(c1.id)).ownerId).toBe(s.alice.id)

    const done = await commit(s.mgr, body)
    expect(done.status).toBe(200)
    // Every record whose owner changed: two customers, two contacts and an opportunity — as previewed.
    expect(done.body.transferred).toBe(5)
    expect(done.body.transferred).toBe(dry.body.changes.filter((c: ReplyBody) => c.change === 'owner').length)
    expect(sortChanges(done.body.changes)).toEqual(sortChanges(dry.body.changes))
    expect(done.body.problems).toEqual(dry.body.problems)
    expect(done.body.customerLimit).toEqual(dry.body.customerLimit)

    const moved = await f.reload(c1.id)
    expect(moved).toMatchObject({ ownerId: s.bob.id, ownerName: 'bob', deptId: D2 })
    expect(Date.now() - +moved.ownerSince!).toBeLessThan(60_000)
    expect((await f.reload(c2.id)).locked).toBe(true)
    const contactOwners = await f.query('SELECT owner_id, dept_id FROM contact WHERE customer_id = $1', [
      c1.id,
    ])
    expect(contactOwners).toEqual([
      { owner_id: s.bob.id, dept_id: D2 },
      { owner_id: s.bob.id, dept_id: D2 },
    ])
    const [deal] = await f.query('SELECT owner_id FROM opportunity WHERE id = $1', [aliceDeal.id])
    const [kept] = await f.query('SELECT owner_id FROM opportunity WHERE id = $1', [carolDeal.id])
    expect([deal.owner_id, kept.owner_id]).toEqual([s.bob.id, s.carol.id])
    const team = await f.query(
      `SELECT entity_type, entity_id, user_id, access FROM team_member WHERE user_id = $1 ORDER BY entity_type`,
      [s.alice.id],
    )
    expect(team).toEqual(
      expect.arrayContaining([
        { entity_type: 'customer', entity_id: c1.id, user_id: s.alice.id, access: 'read' },
        { entity_type: 'opportunity', entity_id: aliceDeal.id, user_id: s.alice.id, access: 'read' },
      ]),
    )
    const audits = await f.query(
      `SELECT entity_type, actor_id, note FROM audit_log WHERE action = 'transfer' AND entity_id = ANY($1)`,
      [[c1.id, aliceDeal.id, ...contacts.map((c) => c.id)]],
    )
    expect(audits).toHaveLength(4)
    for (const a of audits) expect(a).toMatchObject({ actor_id: s.mgr.id, note: 'Territory change' })
    const [event] = await f.query(
      `SELECT * FROM outbox_event WHERE topic = 'sales.customer.transferred' AND payload->>'id' = $1`,
      [c1.id],
    )
    expect(event.payload).toMatchObject({
      fromOwnerId: s.alice.id,
      toOwnerId: s.bob.id,
      cascade: { quotes: true, contracts: false },
      opportunityIds: [aliceDeal.id],
    })
    expect(event.notify.map((n: ReplyBody) => n.userId).sort()).toEqual([s.alice.id, s.bob.id].sort())
    expect(event.notify[0]).toMatchObject({ kind: 'owner_changed', link: `/sales/customers/${c1.id}` })
    const view = await s.h.call('GET', '/pool/upcoming', { token: s.bob.token })
    expect(view.body.map((u: ReplyBody) => u.customerId)).not.toContain(c1.id)
  })

  it('respects the new owner’s customer limit record by record', async () => {
    const dana = await s.h.user('dana', { deptIds: [D2] })
    await f.setRules({ ownedLimit: 5, userLimits: [{ userId: dana.id, owned: 2, locked: 1 }] })
    await f.customer({ owner: dana })
    const [a, b, c] = [
      await f.customer({ owner: s.alice }),
      await f.customer({ owner: s.alice }),
      await f.customer({ owner: s.alice }),
    ]
    const body = { entityType: 'customer', ids: [a.id, b.id, c.id], toOwnerId: dana.id }
    const dry = await preview(s.alice, body)
    expect(dry.body.customerLimit).toEqual({ owned: 1, adding: 1, limit: 2 })
    expect(dry.body.problems).toEqual([
      expect.objectContaining({
        id: b.id,
        status: 409,
        detail: 'dana would own 3 customers; the limit is 2.',
      }),
      expect.objectContaining({ id: c.id, status: 409 }),
    ])
    const done = await commit(s.alice, body)
    expect(done.body).toMatchObject({ transferred: 1, customerLimit: { owned: 1, adding: 1, limit: 2 } })
    expect(done.body.problems).toEqual(dry.body.problems)
    expect((await f.reload(a.id)).ownerId).toBe(dana.id)
    expect((await f.reload(b.id)).ownerId).toBe(s.alice.id)
    const [event] = await f.query(
      `SELECT notify FROM outbox_event WHERE topic = 'sales.customer.transferred' AND payload->>'id' = $1`,
      [a.id],
    )
    expect(event.notify.map((n: ReplyBody) => n.userId)).toEqual([dana.id])
  })

  it('rolls back only the record that fails', async () => {
    const a = await f.customer({ owner: s.alice })
    const trap = await f.contact(a, 'Trap')
    const b = await f.customer({ owner: s.alice })
    await f.query(`
      CREATE FUNCTION trap_contact() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'Trap' THEN RAISE EXCEPTION 'trap'; END IF; RETURN NEW; END $$`)
    await f.query('CREATE TRIGGER trap BEFORE UPDATE ON contact FOR EACH ROW EXECUTE FUNCTION trap_contact()')
    try {
      const done = await commit(s.alice, { entityType: 'customer', ids: [a.id, b.id], toOwnerId: s.bob.id })
      expect(done.body.transferred).toBe(1)
      expect(done.body.problems).toEqual([expect.objectContaining({ id: a.id, status: 500 })])
      expect(done.body.changes.map((c: ReplyBody) => c.rootId)).toEqual([b.id])
      expect((await f.reload(a.id)).ownerId).toBe(s.alice.id)
      expect(
        await f.query(`SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'transfer'`, [a.id]),
      ).toEqual([])
      const [ct] = await f.query('SELECT owner_id FROM contact WHERE id = $1', [trap.id])
      expect(ct.owner_id).toBe(s.alice.id)
      expect((await f.reload(b.id)).ownerId).toBe(s.bob.id)
    } finally {
      await f.query('DROP TRIGGER trap ON contact')
      await f.query('DROP FUNCTION trap_contact()')
    }
  })

  it('needs the transfer permission and the record in the caller’s own scope', async () => {
    const c = await f.customer({ owner: s.alice })
    await f.query(
      `INSERT INTO team_member (entity_type, entity_id, user_id, user_name, access) VALUES ('customer', $1, $2, 'carol', 'write')`,
      [c.id, s.carol.id],
    )
    const body = { entityType: 'customer', ids: [c.id], toOwnerId: s.bob.id }
    const asMember = await preview(s.carol, body)
    expect(asMember.body.problems).toEqual([
      {
        id: c.id,
        title: `${c.name} (${c.number})`,
        status: 403,
        detail: expect.stringContaining('data scope'),
        code: 'sales.transfer.not_owner',
      },
    ])
    const outsider = await s.h.user('outsider', { deptIds: [D2] })
    expect((await commit(outsider, body)).body.problems).toEqual([
      { id: c.id, title: null, status: 404, detail: 'Record not found.', code: 'http.not_found' },
    ])
    expectProblem(await preview(s.clerk, body), 403)
    expect((await f.reload(c.id)).ownerId).toBe(s.alice.id)
  })

  it('checks the target user and the old-owner option', async () => {
    const c = await f.customer({ owner: s.alice })
    const unknown = expectProblem(
      await preview(s.alice, { entityType: 'customer', ids: [c.id], toOwnerId: randomUUID() }),
      400,
    )
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'toOwnerId', message: 'Unknown user' })])
    const gone = await f.disabledUser(D2)
    const disabled = expectProblem(
      await commit(s.alice, { entityType: 'customer', ids: [c.id], toOwnerId: gone }),
      400,
    )
    expect(disabled.errors?.[0]).toMatchObject({ field: 'toOwnerId', message: 'This user is disabled' })
    const lead = await f.lead(s.alice)
    const noTeam = expectProblem(
      await preview(s.alice, { entityType: 'lead', ids: [lead.id], toOwnerId: s.bob.id, oldOwner: 'read' }),
      400,
    )
    expect(noTeam.errors?.[0]?.field).toBe('oldOwner')
    expectProblem(await preview(s.alice, { entityType: 'customer', ids: [], toOwnerId: s.bob.id }), 400)
  })

  it('transfers leads and opportunities the same way', async () => {
    const lead = await f.lead(s.alice)
    const leadBody = { entityType: 'lead', ids: [lead.id], toOwnerId: s.bob.id }
    expect((await preview(s.alice, leadBody)).body.customerLimit).toMatchObject({ adding: 0 })
    const done = await commit(s.alice, leadBody)
    expect(done.body).toMatchObject({ transferred: 1, customerLimit: { adding: 0 } })
    const [row] = await f.query('SELECT owner_id, owner_name, dept_id FROM lead WHERE id = $1', [lead.id])
    expect(row).toEqual({ owner_id: s.bob.id, owner_name: 'bob', dept_id: D2 })
    const c = await f.customer({ owner: s.alice })
    const deal = await f.opportunity(c, s.alice)
    const body = { entityType: 'opportunity', ids: [deal.id], toOwnerId: s.bob.id, oldOwner: 'write' }
    const dry = await preview(s.alice, body)
    const moved = await commit(s.alice, body)
    expect(sortChanges(moved.body.changes)).toEqual(sortChanges(dry.body.changes))
    expect(moved.body.changes.map((c: ReplyBody) => c.change).sort()).toEqual(['owner', 'team'])
    const [member] = await f.query(`SELECT access FROM team_member WHERE entity_id = $1 AND user_id = $2`, [
      deal.id,
      s.alice.id,
    ])
    expect(member.access).toBe('write')
    const [event] = await f.query(`SELECT topic FROM outbox_event WHERE payload->>'id' = $1`, [deal.id])
    expect(event.topic).toBe('sales.opportunity.transferred')
    expect((await f.reload(c.id)).ownerId).toBe(s.alice.id)
  })

  it("lists the old owner's contracts of the customer with number and status, and asks orders to move them", async () => {
    const c = await f.customer({ owner: s.alice })
    const doc = (number: string, status: string, owner: TestUser) => ({
      id: randomUUID(),
      number,
      status,
      ownerId: owner.id,
      ownerName: owner.name,
    })
    const alices = [doc('HT202612050001', 'approved', s.alice), doc('HT202612050002', 'draft', s.alice)]
    ordersSvc.contracts.set(c.id, [...alices, doc('HT202612050003', 'approved', s.carol)])
    ordersSvc.quotes.set(c.id, [doc('BJ202612050001', 'draft', s.alice)])
    const body = {
      entityType: 'customer',
      ids: [c.id],
      toOwnerId: s.bob.id,
      cascade: { contacts: false, opportunities: false, quotes: false, contracts: true },
    }
    ordersSvc.calls.length = 0
    const dry = await preview(s.alice, body)
    expect(dry.status).toBe(200)
    const from = { fromOwnerId: s.alice.id, fromOwnerName: 'alice' }
    const listed = alices.map((d) => ({
      entityType: 'contract',
      id: d.id,
      rootId: c.id,
      change: 'requested',
      title: d.number,
      status: d.status,
      ...from,
    }))
    expect(dry.body.changes.filter((ch: ReplyBody) => ch.entityType !== 'customer')).toEqual(listed)
    // Quotes were not asked for: orders is not asked about them.
    expect(ordersSvc.calls).toEqual([
      `/api/orders/internal/customers/${c.id}/contracts?ownerId=${s.alice.id}`,
    ])
    const done = await commit(s.alice, body)
    expect(done.status).toBe(200)
    expect(done.body.changes.filter((ch: ReplyBody) => ch.entityType === 'contract')).toEqual(listed)
    const [event] = await f.query(
      `SELECT payload FROM outbox_event WHERE topic = 'sales.customer.transferred' AND payload->>'id' = $1`,
      [c.id],
    )
    expect(event.payload).toMatchObject({
      fromOwnerId: s.alice.id,
      toOwnerId: s.bob.id,
      cascade: { quotes: false, contracts: true },
    })
  })

  it('still transfers when orders does not answer: the quotes are requested, not listed', async () => {
    const c = await f.customer({ owner: s.alice })
    const body = {
      entityType: 'customer',
      ids: [c.id],
      toOwnerId: s.bob.id,
      cascade: { contacts: false, opportunities: false, quotes: true, contracts: false },
    }
    ordersSvc.down = true
    try {
      const dry = await preview(s.alice, body)
      expect(dry.status).toBe(200)
      expect(dry.body.changes.filter((ch: ReplyBody) => ch.entityType === 'quote')).toEqual([
        expect.objectContaining({ id: c.id, rootId: c.id, change: 'requested' }),
      ])
      const done = await commit(s.alice, body)
      expect(done.status).toBe(200)
      expect(done.body.transferred).toBe(1)
    } finally {
      ordersSvc.down = false
    }
    const [event] = await f.query(
      `SELECT payload FROM outbox_event WHERE topic = 'sales.customer.transferred' AND payload->>'id' = $1`,
      [c.id],
    )
    expect(event.payload.cascade).toEqual({ quotes: true, contracts: false })
  })
})
