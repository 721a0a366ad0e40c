import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales, type TestUser } from '../../test-support/harness.js'
import { expectProblem, fieldCodes, fieldErrors } from '@mosaic/service-kit/testing/expect'
import { poolFixtures } from '../../test-support/pool-fixtures.js'

const DEPT = randomUUID()
const CHILD_DEPT = randomUUID()
const OTHER_DEPT = randomUUID()

describe('customers', () => {
  const s = harnessSuite(() => startSales(), {
    alice: { deptIds: [CHILD_DEPT] },
    bob: { deptIds: [OTHER_DEPT] },
    carol: { deptIds: [DEPT] },
    manager: { dataScope: 'dept_and_children', deptIds: [DEPT, CHILD_DEPT] },
  })

  const create = (u: TestUser, body: Record<string, unknown>) =>
    s.h.call('POST', '/customers', { token: u.token, body })

  it('creates a numbered customer with its primary contact, owned by the caller', async () => {
    const res = await create(s.alice, {
      name: 'Acme Trading',
      level: 'A',
      industry: 'it',
      source: 'website',
      contact: { name: 'Ann Lee', phone: '13800000000', title: 'Buyer' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      name: 'Acme Trading',
      status: 'potential',
      ownerId: s.alice.id,
      ownerName: 'alice',
      deptId: CHILD_DEPT,
      dealStatus: 'undealt',
      locked: false,
      primaryContactName: 'Ann Lee',
      primaryContactPhone: '13800000000',
      access: 'scope',
      version: 1,
    })
    expect(res.body.number).toMatch(/^KH\d{8}\d{4}$/)
    const contacts = await s.h.call('GET', `/customers/${res.body.id}/contacts`, { token: s.alice.token })
    expect(contacts.body).toEqual([
      expect.objectContaining({ name: 'Ann Lee', primary: true, customerName: 'Acme Trading' }),
    ])
    const second = await create(s.alice, { name: 'Second Co' })
    expect(second.body.number > res.body.number).toBe(true)
  })

  it('refuses a duplicate name regardless of case and spaces, with a field error', async () => {
    const res = await create(s.bob, { name: '  acme   TRADING ' })
    expectProblem(res, 409)
    // bob does not see alice's customer: he learns the name is taken, not by whom.
    expect(fieldCodes(res)).toEqual({ name: 'sales.customer.name_taken' })
    expect(res.body).toMatchObject({ code: 'sales.customer.name_taken' })
    expect(res.body.detail).not.toContain('alice')
    const fullWidth = await create(s.bob, { name: 'Acme\u3000Trading' })
    expectProblem(fullWidth, 409)
    const check = await s.h.call('GET', '/customers/duplicates?name=ACME%20trading', { token: s.bob.token })
    expect(check.status).toBe(200)
    expect(check.body.exact).toEqual({ visible: false })
    const mine = await s.h.call('GET', '/customers/duplicates?name=ACME%20trading', { token: s.alice.token })
    expect(mine.body.exact).toMatchObject({ visible: true, name: 'Acme Trading', ownerName: 'alice' })
    const similar = await s.h.call('GET', '/customers/duplicates?name=acme', { token: s.alice.token })
    expect(similar.body.exact).toBeNull()
    expect(similar.body.similar.map((s: { name: string }) => s.name)).toContain('Acme Trading')
  })

  it('checks every dictionary-backed field and reports each one', async () => {
    const res = await create(s.alice, {
      name: 'Dict Co',
      status: 'nope',
      level: 'Z',
      industry: 'space',
      source: 'carrier-pigeon',
    })
    expectProblem(res, 400)
    expect(Object.keys(fieldErrors(res)).sort()).toEqual(['industry', 'level', 'source', 'status'])
  })

  it('shows a rep only their own customers; another rep gets 404; a manager sees the department tree', async () => {
    const bobs = await create(s.bob, { name: 'Bob Only Ltd' })
    const carols = await create(s.carol, { name: 'Carol Dept Ltd' })
    const aliceList = await s.h.call('GET', '/customers?limit=100', { token: s.alice.token })
    const names = aliceList.body.items.map((c: { name: string }) => c.name)
    expect(names).toEqual(expect.arrayContaining(['Acme Trading', 'Second Co']))
    expect(names).not.toContain('Bob Only Ltd')
    expectProblem(await s.h.call('GET', `/customers/${bobs.body.id}`, { token: s.alice.token }), 404)
    expectProblem(
      await s.h.call('PATCH', `/customers/${bobs.body.id}`, {
        token: s.alice.token,
        version: 1,
        body: { remark: 'x' },
      }),
      404,
    )
    const managed = await s.h.call('GET', '/customers?limit=100', { token: s.manager.token })
    const managedNames = managed.body.items.map((c: { name: string }) => c.name)
    expect(managedNames).toEqual(expect.arrayContaining(['Acme Trading', 'Carol Dept Ltd']))
    expect(managedNames).not.toContain('Bob Only Ltd')
    expect((await s.h.call('GET', `/customers/${carols.body.id}`, { token: s.manager.token })).status).toBe(
      200,
    )
  })

  it('filters by fuzzy name or number, level and owner', async () => {
    const res = await s.h.call('GET', '/customers?q=trad&level=A', { token: s.manager.token })
    expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(['Acme Trading'])
    const byOwner = await s.h.call('GET', `/customers?ownerId=${s.carol.id}`, { token: s.manager.token })
    expect(byOwner.body.items.map((c: { name: string }) => c.name)).toEqual(['Carol Dept Ltd'])
  })

  it('edits with If-Match: a stale version gets 412 with the current record and changes nothing', async () => {
    const c = (await create(s.alice, { name: 'Versioned Co' })).body
    const ok = await s.h.call('PATCH', `/customers/${c.id}`, {
      token: s.alice.token,
      version: 1,
      body: { remark: 'first', level: 'B' },
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ remark: 'first', level: 'B', version: 2 })
    const stale = await s.h.call('PATCH', `/customers/${c.id}`, {
      token: s.alice.token,
      version: 1,
      body: { remark: 'second' },
    })
    const problem = expectProblem(stale, 412)
    expect(problem.current).toMatchObject({ remark: 'first', version: 2 })
    expectProblem(
      await s.h.call('PATCH', `/customers/${c.id}`, { token: s.alice.token, body: { remark: 'x' } }),
      428,
    )
    const renamed = await s.h.call('PATCH', `/customers/${c.id}`, {
      token: s.alice.token,
      version: 2,
      body: { name: 'ACME trading' },
    })
    expectProblem(renamed, 409)
    const audit = await s.h.call('GET', `/customers/${c.id}/audit`, { token: s.alice.token })
    expect(audit.body[0]).toMatchObject({
      action: 'update',
      diff: { remark: { before: null, after: 'first' } },
    })
  })

  it('locks and unlocks with an audit entry each', async () => {
    const c = (await create(s.alice, { name: 'Lockable Co' })).body
    const locked = await s.h.call('POST', `/customers/${c.id}/lock`, { token: s.alice.token, version: 1 })
    expect(locked.status).toBe(200)
    expect(locked.body).toMatchObject({ locked: true, version: 2 })
    const unlocked = await s.h.call('POST', `/customers/${c.id}/unlock`, { token: s.alice.token, version: 2 })
    expect(unlocked.body).toMatchObject({ locked: false, version: 3 })
    const actions = (await s.h.call('GET', `/customers/${c.id}/audit`, { token: s.alice.token })).body.map(
      (a: { action: string }) => a.action,
    )
    expect(actions).toEqual(['unlock', 'lock', 'create'])
  })

  it('refuses a create or a lock beyond the pool rule limits, with the numbers', async () => {
    const fx = poolFixtures(s.h)
    const dora = await s.h.user('dora-limits')
    await fx.setRules({ ownedLimit: 1, lockedLimit: 1 })
    try {
      const first = (await create(dora, { name: `Limit One ${randomUUID()}` })).body
      const second = await create(dora, { name: `Limit Two ${randomUUID()}` })
      expect(expectProblem(second, 409).detail).toMatch(/1/)
      const locked = await s.h.call('POST', `/customers/${first.id}/lock`, { token: dora.token, version: 1 })
      expect(locked.status).toBe(200)
    } finally {
      await fx.setRules({ ownedLimit: null, lockedLimit: null })
    }
  })

  it('keeps one primary contact per customer and mirrors it on the customer', async () => {
    const c = (await create(s.alice, { name: 'Contacts Co', contact: { name: 'First' } })).body
    const second = await s.h.call('POST', '/contacts', {
      token: s.alice.token,
      body: { customerId: c.id, name: 'Second', phone: '021-5555', primary: true },
    })
    expect(second.status, JSON.stringify(second.body)).toBe(201)
    const list = (await s.h.call('GET', `/customers/${c.id}/contacts`, { token: s.alice.token })).body
    expect(list.map((k: { name: string; primary: boolean }) => [k.name, k.primary])).toEqual([
      ['Second', true],
      ['First', false],
    ])
    const customer = (await s.h.call('GET', `/customers/${c.id}`, { token: s.alice.token })).body
    expect(customer).toMatchObject({ primaryContactName: 'Second', primaryContactPhone: '021-5555' })
    expectProblem(await s.h.call('GET', `/customers/${c.id}/contacts`, { token: s.bob.token }), 404)
    const bobsView = await s.h.call('GET', `/contacts?customerId=${c.id}`, { token: s.bob.token })
    expect(bobsView.body.items).toEqual([])

    // The contacts list names the customer and its owner, and finds by name within a customer.
    const found = await s.h.call('GET', `/contacts?customerId=${c.id}&q=seco`, { token: s.alice.token })
    expect(found.body.items).toEqual([
      expect.objectContaining({
        name: 'Second',
        customerName: 'Contacts Co',
        ownerId: s.alice.id,
        ownerName: 'alice',
      }),
    ])
    const one = await s.h.call('GET', `/contacts/${second.body.id}`, { token: s.alice.token })
    expect(one.body).toMatchObject({ customerName: 'Contacts Co', ownerName: 'alice' })
  })

  it('moves contacts and follow-ups to the recycle bin with the customer and brings them back', async () => {
    const c = (await create(s.alice, { name: 'Cascade Co', contact: { name: 'Kept' } })).body
    const loner = await s.h.call('POST', '/contacts', {
      token: s.alice.token,
      body: { customerId: c.id, name: 'Deleted earlier' },
    })
    expect(
      (await s.h.call('DELETE', `/contacts/${loner.body.id}`, { token: s.alice.token, version: 1 })).status,
    ).toBe(204)
    const fu = await s.h.call('POST', '/followups', {
      token: s.alice.token,
      body: {
        targetType: 'customer',
        targetId: c.id,
        subject: 'Call',
        method: 'phone',
        content: 'Talked',
        contactedAt: '2026-01-05T02:00:00.000Z',
      },
    })
    expect(fu.status, JSON.stringify(fu.body)).toBe(201)
    const current = (await s.h.call('GET', `/customers/${c.id}`, { token: s.alice.token })).body
    expect(
      (await s.h.call('DELETE', `/customers/${c.id}`, { token: s.alice.token, version: current.version }))
        .status,
    ).toBe(204)
    expectProblem(await s.h.call('GET', `/customers/${c.id}`, { token: s.alice.token }), 404)
    expectProblem(await s.h.call('GET', `/followups/${fu.body.id}`, { token: s.alice.token }), 404)
    const bin = await s.h.call('GET', '/recycle-bin', { token: s.alice.token })
    expect(bin.body.items.map((i: { title: string }) => i.title)).toEqual(
      expect.arrayContaining([`Cascade Co (${c.number})`, 'Kept', 'Deleted earlier']),
    )
    expect((await s.h.call('GET', '/recycle-bin', { token: s.bob.token })).body.items).toEqual([])

    const restored = await s.h.call('POST', `/customers/${c.id}/restore`, { token: s.alice.token })
    expect(restored.status).toBe(200)
    const contacts = (await s.h.call('GET', `/customers/${c.id}/contacts`, { token: s.alice.token })).body
    expect(contacts.map((k: { name: string }) => k.name)).toEqual(['Kept'])
    expect((await s.h.call('GET', `/followups/${fu.body.id}`, { token: s.alice.token })).status).toBe(200)
    const trail = (await s.h.call('GET', `/contacts/${contacts[0].id}/audit`, { token: s.alice.token })).body
    expect(trail.map((a: { action: string }) => a.action)).toEqual(['restore', 'delete', 'create'])
  })

  it('refuses to delete a customer with opportunities and says what to do', async () => {
    const c = (await create(s.alice, { name: 'Guarded Co' })).body
    const opp = await s.h.call('POST', '/opportunities', {
      token: s.alice.token,
      body: { name: 'Deal', customerId: c.id },
    })
    expect(opp.status, JSON.stringify(opp.body)).toBe(201)
    const res = expectProblem(
      await s.h.call('DELETE', `/customers/${c.id}`, { token: s.alice.token, version: 1 }),
      409,
    )
    expect(res).toMatchObject({ code: 'sales.customer.has_opportunities', params: { count: 1 } })
    expect(res.detail).toMatch(/1 opportunities.*transfer.*public pool/)
    expect((await s.h.call('GET', `/customers/${c.id}`, { token: s.alice.token })).status).toBe(200)
  })

  it('a rep with the permission but outside scope cannot delete (404)', async () => {
    const c = (await create(s.alice, { name: 'Not Yours Co' })).body
    expectProblem(await s.h.call('DELETE', `/customers/${c.id}`, { token: s.bob.token, version: 1 }), 404)
  })

  it('can serve the fuzzy name/number search from the trigram indexes', async () => {
    // A handful of rows would always be scanned; with scans off the planner shows what it can use.
    const plan = await s.h.service.db.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off')
      const rows: Array<{ 'QUERY PLAN': string }> = await m.query(
        `EXPLAIN SELECT id FROM customer WHERE name ILIKE '%trad%' OR number ILIKE '%trad%'`,
      )
      return rows.map((r) => r['QUERY PLAN']).join('\n')
    })
    expect(plan).toMatch(/Bitmap Index Scan on customer_name_trgm/)
    expect(plan).toMatch(/Bitmap Index Scan on customer_number_trgm/)
  })
  it('numbered pages through the kit: ?page=&limit=, total, 400 for page+cursor and beyond the depth cap', async () => {
    const pager = await s.h.user('pager', { deptIds: [OTHER_DEPT], dataScope: 'self' })
    for (let i = 1; i <= 5; i++) expect((await create(pager, { name: `Pager Co ${i}` })).status).toBe(201)
    const page = (query: string) => s.h.call('GET', `/customers?${query}`, { token: pager.token })
    const pages = await Promise.all([1, 2, 3].map((n) => page(`page=${n}&limit=2`)))
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200])
    expect(pages.map((p) => p.body.total)).toEqual([5, 5, 5])
    const names = pages.flatMap((p) => p.body.items.map((c: { name: string }) => c.name))
    expect(names).toEqual(['Pager Co 5', 'Pager Co 4', 'Pager Co 3', 'Pager Co 2', 'Pager Co 1'])
    // A numbered page hands the keyset cursor on: the next page is the same rows either way.
    const walked = await page(`limit=2&cursor=${pages[0]!.body.nextCursor}`)
    expect(walked.body.items).toEqual(pages[1]!.body.items)

    const both = await page(`page=2&cursor=${pages[0]!.body.nextCursor}`)
    expectProblem(both, 400)
    expect(both.body.code).toBe('paging.page_with_cursor')
    const deep = await page('page=101&limit=100')
    expectProblem(deep, 400)
    expect(deep.body).toMatchObject({ code: 'paging.page_too_deep', params: { max: 10000 } })
    expect((await page('page=0')).status).toBe(400)
  })
})
