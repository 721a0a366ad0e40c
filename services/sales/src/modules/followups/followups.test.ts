import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from '../../test-support/harness.js'
import { expectProblem, fieldErrors } from '@mosaic/service-kit/testing/expect'

const DEPT = randomUUID()

describe('follow-ups', () => {
  const s = harnessSuite(() => startSales(), {
    rep: { deptIds: [DEPT] },
    other: {},
    manager: { dataScope: 'dept', deptIds: [DEPT] },
  })
  let customer: { id: string; name: string }
  let contactId: string
  beforeAll(async () => {
    const c = await s.h.call('POST', '/customers', {
      token: s.rep.token,
      body: { name: 'Followed Industries', contact: { name: 'Wang' } },
    })
    customer = c.body
    contactId = (await s.h.call('GET', `/customers/${customer.id}/contacts`, { token: s.rep.token })).body[0]
      .id
  })

  const post = (body: Record<string, unknown>, u = s.rep) =>
    s.h.call('POST', '/followups', {
      token: u.token,
      body: { subject: 'Check-in', method: 'phone', content: 'Discussed the offer', ...body },
    })
  const getCustomer = async () =>
    (await s.h.call('GET', `/customers/${customer.id}`, { token: s.rep.token })).body

  it('is attributed to its writer, not to the owner of the record', async () => {
    const res = await post(
      { targetType: 'customer', targetId: customer.id, contactedAt: '2026-01-05T02:00:00.000Z' },
      s.manager,
    )
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ ownerName: 'rep', createdBy: s.manager.id, createdByName: 'manager' })
    const listed = await s.h.call('GET', `/followups/${res.body.id}`, { token: s.rep.token })
    expect(listed.body).toMatchObject({ createdBy: s.manager.id, createdByName: 'manager' })
  })

  it("changes the customer's ETag: a conditional GET after a follow-up returns the new times", async () => {
    const first = await s.h.call('GET', `/customers/${customer.id}`, { token: s.rep.token })
    const etag = first.headers.get('etag')!
    expect(etag).toBeTruthy()
    // Whether the service answers 304 itself or a cache in between does, the old ETag must not match.
    const res = await post({
      targetType: 'customer',
      targetId: customer.id,
      contactedAt: '2026-06-01T02:00:00.000Z',
      nextFollowUpAt: '2026-06-09T02:00:00.000Z',
    })
    expect(res.status).toBe(201)
    const fresh = await s.h.call('GET', `/customers/${customer.id}`, {
      token: s.rep.token,
      headers: { 'if-none-match': etag },
    })
    expect(fresh.status).toBe(200)
    expect(fresh.body).toMatchObject({
      lastFollowUpAt: '2026-06-01T02:00:00.000Z',
      nextFollowUpAt: '2026-06-09T02:00:00.000Z',
    })
    expect(fresh.headers.get('etag')).not.toBe(etag)
    // Deleting it moves the times back, and the ETag again.
    const gone = await s.h.call('DELETE', `/followups/${res.body.id}`, {
      token: s.rep.token,
      version: res.body.version,
    })
    expect(gone.status).toBe(204)
    const back = await s.h.call('GET', `/customers/${customer.id}`, {
      token: s.rep.token,
      headers: { 'if-none-match': fresh.headers.get('etag')! },
    })
    expect(back.status).toBe(200)
    expect(back.body.lastFollowUpAt).not.toBe('2026-06-01T02:00:00.000Z')
  })

  it('records a follow-up on a customer and moves its last/next follow-up times', async () => {
    const res = await post({
      targetType: 'customer',
      targetId: customer.id,
      contactedAt: '2026-03-01T02:00:00.000Z',
      nextFollowUpAt: '2026-03-08T02:00:00.000Z',
      nextPlan: 'Send the quote',
      contactId,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      targetName: 'Followed Industries',
      customerId: customer.id,
      customerName: 'Followed Industries',
      contactName: 'Wang',
      ownerId: s.rep.id,
      ownerName: 'rep',
      deptId: DEPT,
    })
    expect(await getCustomer()).toMatchObject({
      lastFollowUpAt: '2026-03-01T02:00:00.000Z',
      nextFollowUpAt: '2026-03-08T02:00:00.000Z',
    })
    // Back-filling an older contact keeps the latest times.
    await post({
      targetType: 'customer',
      targetId: customer.id,
      contactedAt: '2026-02-01T02:00:00.000Z',
      nextFollowUpAt: '2026-02-03T02:00:00.000Z',
    })
    expect(await getCustomer()).toMatchObject({
      lastFollowUpAt: '2026-03-01T02:00:00.000Z',
      nextFollowUpAt: '2026-03-08T02:00:00.000Z',
    })
  })

  it("a follow-up on an opportunity also moves the customer's times", async () => {
    const opp = (
      await s.h.call('POST', '/opportunities', {
        token: s.rep.token,
        body: { name: 'Big one', customerId: customer.id },
      })
    ).body
    const res = await post({
      targetType: 'opportunity',
      targetId: opp.id,
      contactedAt: '2026-04-01T02:00:00.000Z',
      nextFollowUpAt: '2026-04-10T02:00:00.000Z',
    })
    expect(res.body).toMatchObject({ targetName: 'Big one', customerName: 'Followed Industries' })
    const o = (await s.h.call('GET', `/opportunities/${opp.id}`, { token: s.rep.token })).body
    expect(o).toMatchObject({
      lastFollowUpAt: '2026-04-01T02:00:00.000Z',
      nextFollowUpAt: '2026-04-10T02:00:00.000Z',
    })
    expect(await getCustomer()).toMatchObject({ lastFollowUpAt: '2026-04-01T02:00:00.000Z' })

    // Editing or deleting the latest one recomputes the times from what is left.
    const moved = await s.h.call('PATCH', `/followups/${res.body.id}`, {
      token: s.rep.token,
      version: 1,
      body: { contactedAt: '2026-01-01T02:00:00.000Z' },
    })
    expect(moved.status).toBe(200)
    expect(await getCustomer()).toMatchObject({
      lastFollowUpAt: '2026-03-01T02:00:00.000Z',
      nextFollowUpAt: '2026-03-08T02:00:00.000Z',
    })
    expect(
      (await s.h.call('DELETE', `/followups/${res.body.id}`, { token: s.rep.token, version: 2 })).status,
    ).toBe(204)
    const after = (await s.h.call('GET', `/opportunities/${opp.id}`, { token: s.rep.token })).body
    expect(after.lastFollowUpAt).toBeNull()
  })

  it('a lead follow-up moves the lead; a converted lead takes no more follow-ups', async () => {
    const lead = (await s.h.call('POST', '/leads', { token: s.rep.token, body: { name: 'Lead to follow' } }))
      .body
    const res = await post({ targetType: 'lead', targetId: lead.id, contactedAt: '2026-05-01T00:00:00.000Z' })
    expect(res.body).toMatchObject({ customerId: null, customerName: 'Lead to follow' })
    const l = (await s.h.call('GET', `/leads/${lead.id}`, { token: s.rep.token })).body
    expect(l.lastFollowUpAt).toBe('2026-05-01T00:00:00.000Z')
    expectProblem(
      await post({
        targetType: 'lead',
        targetId: lead.id,
        contactedAt: '2026-05-02T00:00:00.000Z',
        contactId,
      }),
      400,
    )
    await s.h.call('POST', `/leads/${lead.id}/convert`, {
      token: s.rep.token,
      version: l.version,
      body: { customer: {} },
    })
    expectProblem(
      await post({ targetType: 'lead', targetId: lead.id, contactedAt: '2026-05-03T00:00:00.000Z' }),
      409,
    )
  })

  it('validates the method and the target per field', async () => {
    const res = await post({
      targetType: 'customer',
      targetId: customer.id,
      method: 'telepathy',
      contactedAt: '2026-01-01T00:00:00.000Z',
    })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('method')
    const missing = await post({
      targetType: 'customer',
      targetId: randomUUID(),
      contactedAt: '2026-01-01T00:00:00.000Z',
    })
    expectProblem(missing, 400)
    expect(fieldErrors(missing)).toEqual({ targetId: 'Unknown customer' })
    // Someone else's customer is not a target they can name.
    const foreign = await post(
      { targetType: 'customer', targetId: customer.id, contactedAt: '2026-01-01T00:00:00.000Z' },
      s.other,
    )
    expectProblem(foreign, 400)
  })

  it('lists what the caller can see: fuzzy customer name, owner and date range', async () => {
    const mine = await s.h.call('GET', '/followups?customer=industries', { token: s.rep.token })
    expect(mine.body.items.length).toBeGreaterThanOrEqual(2)
    expect(mine.body.items[0].contactedAt >= mine.body.items[1].contactedAt).toBe(true)
    const ranged = await s.h.call(
      'GET',
      `/followups?customer=FOLLOWED&from=2026-02-15T00:00:00.000Z&to=2026-03-15T00:00:00.000Z&ownerId=${s.rep.id}`,
      { token: s.rep.token },
    )
    expect(ranged.body.items.map((f: { contactedAt: string }) => f.contactedAt)).toEqual([
      '2026-03-01T02:00:00.000Z',
    ])
    expect((await s.h.call('GET', '/followups', { token: s.other.token })).body.items).toEqual([])
    const viaDept = await s.h.call('GET', '/followups?customer=followed', { token: s.manager.token })
    expect(viaDept.body.total).toBe(mine.body.total)
    const one = mine.body.items[0]
    expectProblem(await s.h.call('GET', `/followups/${one.id}`, { token: s.other.token }), 404)
  })

  it('lists follow-ups by when the next one is due (the dashboard links here)', async () => {
    const all = await s.h.call('GET', '/followups', { token: s.rep.token })
    const due = await s.h.call(
      'GET',
      '/followups?dueFrom=2026-03-08T00:00:00.000Z&dueTo=2026-03-08T23:59:59.999Z',
      { token: s.rep.token },
    )
    expect(due.status).toBe(200)
    expect(due.body.total).toBeGreaterThan(0)
    expect(due.body.total).toBeLessThan(all.body.total)
    for (const f of due.body.items as Array<{ nextFollowUpAt: string }>)
      expect(f.nextFollowUpAt.startsWith('2026-03-08')).toBe(true)
  })

  it("is visible to the target's team members", async () => {
    await s.h.call('POST', `/customers/${customer.id}/team`, {
      token: s.rep.token,
      body: { userId: s.other.id, access: 'read' },
    })
    const shared = await s.h.call('GET', `/followups?targetType=customer&targetId=${customer.id}`, {
      token: s.other.token,
    })
    expect(shared.body.items.length).toBe(3)
  })
})
