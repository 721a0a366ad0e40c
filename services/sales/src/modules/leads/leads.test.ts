import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from '../../test-support/harness.js'
import { expectProblem, fieldCodes, fieldErrors, type ReplyBody } from '@mosaic/service-kit/testing/expect'

describe('leads', () => {
  const s = harnessSuite(() => startSales(), {
    rep: {},
    other: {},
  })

  const newLead = async (name: string, extra: Record<string, unknown> = {}, u = s.rep) => {
    const res = await s.h.call('POST', '/leads', {
      token: u.token,
      body: {
        name,
        contactName: 'Li Lei',
        phone: '13900000000',
        source: 'exhibition',
        industry: 'retail',
        ...extra,
      },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }
  const count = async (sql: string, params: unknown[] = []) =>
    s.h.service.db.transaction(async (m) => (await m.query(sql, params))[0].n as number)

  it('creates numbered leads in status new and validates dictionary fields per field', async () => {
    const lead = await newLead('Expo Visitor')
    expect(lead).toMatchObject({ status: 'new', ownerId: s.rep.id, source: 'exhibition', access: 'scope' })
    expect(lead.number).toMatch(/^XS\d{12}$/)
    const bad = await s.h.call('POST', '/leads', {
      token: s.rep.token,
      body: { name: 'Bad', source: 'fax', industry: 'alchemy' },
    })
    expectProblem(bad, 400)
    expect(Object.keys(fieldErrors(bad)).sort()).toEqual(['industry', 'source'])
  })

  it('advances through allowed stages only; invalid and converted are terminal', async () => {
    const lead = await newLead('Stage Walker')
    const advance = (status: string, version: number) =>
      s.h.call('POST', `/leads/${lead.id}/advance`, {
        token: s.rep.token,
        version,
        body: { status, note: 'called' },
      })
    const contacting = await advance('contacting', 1)
    expect(contacting.body).toMatchObject({ status: 'contacting', version: 2 })
    expectProblem(await advance('new', 2), 409)
    expectProblem(await advance('contacting', 2), 409)
    expect((await advance('qualified', 2)).body.status).toBe('qualified')
    const invalid = await s.h.call('POST', `/leads/${lead.id}/invalidate`, {
      token: s.rep.token,
      version: 3,
      body: { reason: 'Fake number' },
    })
    expect(invalid.body).toMatchObject({ status: 'invalid', invalidReason: 'Fake number' })
    const stuck = expectProblem(await advance('contacting', 4), 409)
    expect(stuck.detail).toMatch(/invalid/)
    expectProblem(
      await s.h.call('POST', `/leads/${lead.id}/invalidate`, {
        token: s.rep.token,
        version: 4,
        body: { reason: 'x' },
      }),
      409,
    )
    const audit = (await s.h.call('GET', `/leads/${lead.id}/audit`, { token: s.rep.token })).body
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'invalidate',
      'advance',
      'advance',
      'create',
    ])
    expect(audit[2]).toMatchObject({
      note: 'called',
      diff: { status: { before: 'new', after: 'contacting' } },
    })
  })

  it('converts into customer, contact and opportunity in one go; the lead keeps the links', async () => {
    const lead = await newLead('Convert Me Ltd')
    const res = await s.h.call('POST', `/leads/${lead.id}/convert`, {
      token: s.rep.token,
      version: 1,
      body: {
        customer: { level: 'B' },
        contact: { name: 'Li Lei', phone: '13900000000' },
        opportunity: { name: 'First order', stage: 'needs', expectedAmount: '12000.50' },
      },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const { lead: converted, customer, contact, opportunity } = res.body
    expect(customer).toMatchObject({
      name: 'Convert Me Ltd',
      status: 'intention',
      level: 'B',
      industry: 'retail',
      source: 'exhibition',
      leadId: lead.id,
      ownerId: s.rep.id,
      primaryContactName: 'Li Lei',
    })
    expect(contact).toMatchObject({ name: 'Li Lei', primary: true, customerId: customer.id })
    expect(opportunity).toMatchObject({
      name: 'First order',
      stage: 'needs',
      probability: 30,
      customerId: customer.id,
      contactId: contact.id,
      expectedAmount: '12000.50',
      leadId: lead.id,
    })
    expect(converted).toMatchObject({
      status: 'converted',
      convertedCustomerId: customer.id,
      convertedContactId: contact.id,
      convertedOpportunityId: opportunity.id,
    })
    expect(converted.convertedAt).toEqual(expect.any(String))
    const events = await count(
      `SELECT count(*)::int AS n FROM outbox_event WHERE topic = 'sales.lead.converted'`,
    )
    expect(events).toBe(1)
    expectProblem(
      await s.h.call('POST', `/leads/${lead.id}/convert`, {
        token: s.rep.token,
        version: converted.version,
        body: { customer: {} },
      }),
      409,
    )
  })

  it("carries the lead's follow-ups and next follow-up time to the customer, linked both ways", async () => {
    const lead = await newLead('Carried Over Co')
    const writer = await s.h.user('writer', { dataScope: 'all' })
    for (const [u, at] of [
      [s.rep, '2026-02-01T02:00:00.000Z'],
      [writer, '2026-02-03T02:00:00.000Z'],
    ] as const) {
      const f = await s.h.call('POST', '/followups', {
        token: u.token,
        body: {
          targetType: 'lead',
          targetId: lead.id,
          subject: `Call ${at}`,
          method: 'phone',
          content: 'Interested',
          contactedAt: at,
          nextFollowUpAt: '2026-02-10T02:00:00.000Z',
        },
      })
      expect(f.status, JSON.stringify(f.body)).toBe(201)
    }
    const before = (await s.h.call('GET', `/leads/${lead.id}`, { token: s.rep.token })).body
    const res = await s.h.call('POST', `/leads/${lead.id}/convert`, {
      token: s.rep.token,
      version: before.version,
      body: { customer: {} },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const customer = res.body.customer
    expect(customer).toMatchObject({
      leadId: lead.id,
      leadNumber: lead.number,
      lastFollowUpAt: '2026-02-03T02:00:00.000Z',
      nextFollowUpAt: '2026-02-10T02:00:00.000Z',
    })
    expect(res.body.lead.convertedCustomerId).toBe(customer.id)
    const timeline = await s.h.call('GET', `/followups?targetType=customer&targetId=${customer.id}`, {
      token: s.rep.token,
    })
    expect(timeline.body.items.map((f: ReplyBody) => [f.subject, f.createdByName, f.ownerName])).toEqual([
      ['Call 2026-02-03T02:00:00.000Z', 'writer', 'rep'],
      ['Call 2026-02-01T02:00:00.000Z', 'rep', 'rep'],
    ])
    const left = await s.h.call('GET', `/followups?targetType=lead&targetId=${lead.id}`, {
      token: s.rep.token,
    })
    expect(left.body.items).toEqual([])
    const fetched = await s.h.call('GET', `/customers/${customer.id}`, { token: s.rep.token })
    expect(fetched.body).toMatchObject({
      leadNumber: lead.number,
      lastFollowUpAt: '2026-02-03T02:00:00.000Z',
    })
  })

  it('writes nothing when any part of the conversion fails', async () => {
    const lead = await newLead('Atomic Ltd')
    const before = await count('SELECT count(*)::int AS n FROM customer')
    const res = await s.h.call('POST', `/leads/${lead.id}/convert`, {
      token: s.rep.token,
      version: 1,
      body: {
        customer: {},
        contact: { name: 'Zhang' },
        opportunity: { name: 'Bad stage', stage: 'teleport' },
      },
    })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('opportunity.stage')
    expect(await count('SELECT count(*)::int AS n FROM customer')).toBe(before)
    expect(await count(`SELECT count(*)::int AS n FROM contact WHERE name = 'Zhang'`)).toBe(0)
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_title LIKE 'Atomic Ltd%' AND entity_type = 'customer'`,
      ),
    ).toBe(0)
    const again = await s.h.call('GET', `/leads/${lead.id}`, { token: s.rep.token })
    expect(again.body).toMatchObject({ status: 'new', version: 1, convertedCustomerId: null })
    const outcome = await s.h.call('POST', `/leads/${lead.id}/convert`, {
      token: s.rep.token,
      version: 1,
      body: { customer: {}, opportunity: { name: 'Skip ahead', stage: 'won' } },
    })
    expectProblem(outcome, 400)
    expect(fieldErrors(outcome)['opportunity.stage']).toMatch(/closing/)
    expect(await count('SELECT count(*)::int AS n FROM customer')).toBe(before)
  })

  it('refuses a conversion whose customer name is taken, on customer.name', async () => {
    await s.h.call('POST', '/customers', { token: s.other.token, body: { name: 'Taken Name Co' } })
    const lead = await newLead('taken  name co')
    const res = await s.h.call('POST', `/leads/${lead.id}/convert`, {
      token: s.rep.token,
      version: 1,
      body: { customer: {} },
    })
    expectProblem(res, 409)
    expect(fieldCodes(res)).toEqual({ 'customer.name': 'sales.customer.name_taken' })
    const renamed = await s.h.call('POST', `/leads/${lead.id}/convert`, {
      token: s.rep.token,
      version: 1,
      body: { customer: { name: 'Taken Name Co (Shanghai)' } },
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body.customer.name).toBe('Taken Name Co (Shanghai)')
  })

  it('bulk-assigns and bulk-deletes with a result per lead', async () => {
    const a = await newLead('Bulk A')
    const b = await newLead('Bulk B')
    const foreign = await newLead('Not mine', {}, s.other)
    const res = await s.h.call('POST', '/leads/bulk-assign', {
      token: s.rep.token,
      body: { ids: [a.id, b.id, foreign.id], ownerId: s.other.id },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ succeeded: 2, failed: 1 })
    expect(res.body.results.find((r: { id: string }) => r.id === foreign.id)).toMatchObject({
      ok: false,
      status: 404,
    })
    const moved = await s.h.call('GET', `/leads/${a.id}`, { token: s.other.token })
    expect(moved.body).toMatchObject({ ownerId: s.other.id, ownerName: 'other' })
    expectProblem(await s.h.call('GET', `/leads/${a.id}`, { token: s.rep.token }), 404)
    const [event] = await s.h.service.db.transaction((m) =>
      m.query(`SELECT notify FROM outbox_event WHERE topic = 'sales.lead.assigned'`),
    )
    expect(event.notify[0]).toMatchObject({ userId: s.other.id, kind: 'owner_changed' })
    const unknown = await s.h.call('POST', '/leads/bulk-assign', {
      token: s.rep.token,
      body: { ids: [a.id], ownerId: '00000000-0000-4000-8000-000000000000' },
    })
    expectProblem(unknown, 400)
    expect(fieldErrors(unknown)).toEqual({ ownerId: 'Unknown user' })

    const del = await s.h.call('POST', '/leads/bulk-delete', {
      token: s.other.token,
      body: { ids: [a.id, b.id, foreign.id] },
    })
    expect(del.body).toMatchObject({ succeeded: 3, failed: 0 })
    expect((await s.h.call('GET', '/leads', { token: s.other.token })).body.items).toEqual([])
  })

  it('recycles invalid leads older than N days into the recycle bin', async () => {
    const lead = await newLead('Junk')
    await s.h.call('POST', `/leads/${lead.id}/invalidate`, {
      token: s.rep.token,
      version: 1,
      body: { reason: 'Spam' },
    })
    const none = await s.h.call('POST', '/leads/recycle-invalid', {
      token: s.rep.token,
      body: { olderThanDays: 30 },
    })
    expect(none.body).toEqual({ recycled: 0 })
    const some = await s.h.call('POST', '/leads/recycle-invalid', { token: s.rep.token, body: {} })
    // Every invalid lead of mine, including the one invalidated in the stage test.
    expect(some.body).toEqual({ recycled: 2 })
    expect((await s.h.call('GET', '/leads?status=invalid', { token: s.rep.token })).body.items).toEqual([])
    const bin = await s.h.call('GET', '/recycle-bin?entityType=lead', { token: s.rep.token })
    expect(bin.body.items.map((i: { id: string }) => i.id)).toContain(lead.id)
    const restored = await s.h.call('POST', `/leads/${lead.id}/restore`, { token: s.rep.token })
    expect(restored.body).toMatchObject({ status: 'invalid' })
  })

  it('queries by name, status, source and created range', async () => {
    await newLead('Query Target', { source: 'referral' })
    const res = await s.h.call(
      'GET',
      `/leads?q=query&source=referral&status=new&createdFrom=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`,
      {
        token: s.rep.token,
      },
    )
    expect(res.body.items.map((l: { name: string }) => l.name)).toEqual(['Query Target'])
    expect((await s.h.call('GET', '/leads?q=query', { token: s.other.token })).body.items).toEqual([])
  })

  it('edits with If-Match; a converted lead is not edited', async () => {
    const lead = await newLead('Editable')
    const ok = await s.h.call('PATCH', `/leads/${lead.id}`, {
      token: s.rep.token,
      version: 1,
      body: { remark: 'vip', source: 'website' },
    })
    expect(ok.body).toMatchObject({ remark: 'vip', source: 'website', version: 2 })
    expect(
      expectProblem(
        await s.h.call('PATCH', `/leads/${lead.id}`, {
          token: s.rep.token,
          version: 1,
          body: { remark: 'x' },
        }),
        412,
      ).current,
    ).toMatchObject({ version: 2 })
    expectProblem(
      await s.h.call('PATCH', `/leads/${lead.id}`, {
        token: s.rep.token,
        version: 2,
        body: { source: 'nope' },
      }),
      400,
    )
  })
})
