import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from './test-support/harness.js'

/** The kit's HTTP rules as sales users meet them (see docs/api-conventions.md). */
describe('sales HTTP rules', () => {
  const s = harnessSuite(() => startSales(), {
    rep: { username: 'http-rep' },
  })

  it('POST /leads/recycle-invalid with a text body is refused, not read as olderThanDays=0', async () => {
    const lead = await s.h.call('POST', '/leads', {
      token: s.rep.token,
      body: {
        name: 'Fresh junk',
        contactName: 'Li',
        phone: '13900000000',
        source: 'exhibition',
        industry: 'retail',
      },
    })
    expect(lead.status, JSON.stringify(lead.body)).toBe(201)
    const invalid = await s.h.call('POST', `/leads/${lead.body.id}/invalidate`, {
      token: s.rep.token,
      version: 1,
      body: { reason: 'Spam' },
    })
    expect(invalid.status, JSON.stringify(invalid.body)).toBe(200)
    const res = await fetch(`${s.h.base}/leads/recycle-invalid`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.rep.token}`, 'content-type': 'text/plain' },
      body: 'olderThanDays=30',
    })
    expect(res.status).toBe(415)
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
    expect(((await res.json()) as { code: string }).code).toBe('http.unsupported_media_type')
    // Nothing was recycled: the fresh invalid lead is still listed.
    const listed = await s.h.call('GET', '/leads?status=invalid', { token: s.rep.token })
    expect(listed.body.items.map((l: { id: string }) => l.id)).toContain(lead.body.id)
  })

  // The follow-up raises the customer's version too; the kit's body digest covers derived fields that don't.
  it("a follow-up changes the customer's ETag, so If-None-Match gets the new follow-up times", async () => {
    const customer = await s.h.call('POST', '/customers', {
      token: s.rep.token,
      body: { name: 'ETag Works Ltd' },
    })
    expect(customer.status).toBe(201)
    const first = await s.h.call('GET', `/customers/${customer.body.id}`, { token: s.rep.token })
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"\d+-[\w-]+"$/)
    expect(first.headers.get('cache-control')).toBe('private, no-cache')
    const unchanged = await s.h.call('GET', `/customers/${customer.body.id}`, {
      token: s.rep.token,
      headers: { 'if-none-match': etag },
    })
    expect(unchanged.status).toBe(304)
    const followup = await s.h.call('POST', '/followups', {
      token: s.rep.token,
      body: {
        subject: 'Check-in',
        method: 'phone',
        content: 'Called',
        targetType: 'customer',
        targetId: customer.body.id,
        contactedAt: '2026-03-01T02:00:00.000Z',
        nextFollowUpAt: '2026-03-08T02:00:00.000Z',
      },
    })
    expect(followup.status, JSON.stringify(followup.body)).toBe(201)
    const after = await s.h.call('GET', `/customers/${customer.body.id}`, {
      token: s.rep.token,
      headers: { 'if-none-match': etag },
    })
    expect(after.status).toBe(200)
    expect(after.body).toMatchObject({
      lastFollowUpAt: '2026-03-01T02:00:00.000Z',
      nextFollowUpAt: '2026-03-08T02:00:00.000Z',
    })
    expect(after.headers.get('etag')).not.toBe(etag)
  })
})
