import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { signServiceToken } from '@mosaic/service-kit'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from '../../test-support/harness.js'

const SECRET = 'sales-internal-test-secret-0123456789'
const EAST = randomUUID()
const WEST = randomUUID()

/** The card the orders service reads to snapshot a quote's customer, contact and opportunity. */
describe('customer card for other services', () => {
  const s = harnessSuite(() => startSales({ SERVICE_SECRET: SECRET }), {
    rep: { deptIds: [EAST] },
    peer: { deptIds: [WEST] },
  })
  let ordersToken: string
  let customer: { id: string; number: string; contactId: string; opportunityId: string }
  let other: { id: string; contactId: string; opportunityId: string }

  const card = (id: string, query = '', token = ordersToken) =>
    fetch(`${s.h.base}/internal/customers/${id}/card${query}`, {
      headers: { authorization: `Bearer ${token}` },
    })

  const make = async (name: string) => {
    const c = await s.h.call('POST', '/customers', {
      token: s.rep.token,
      body: { name, contact: { name: `${name} 联系人`, phone: '13900000000' } },
    })
    expect(c.status, JSON.stringify(c.body)).toBe(201)
    const contacts = await s.h.call('GET', `/customers/${c.body.id}/contacts`, { token: s.rep.token })
    const deal = await s.h.call('POST', '/opportunities', {
      token: s.rep.token,
      body: { customerId: c.body.id, name: `${name} 商机`, stage: 'proposal' },
    })
    expect(deal.status, JSON.stringify(deal.body)).toBe(201)
    return {
      id: c.body.id,
      number: c.body.number,
      contactId: contacts.body[0].id,
      opportunityId: deal.body.id,
    }
  }

  beforeAll(async () => {
    ordersToken = await signServiceToken(SECRET, 'orders')
    customer = await make('卡片客户')
    other = await make('别家客户')
  })

  it('gives a live customer with its own contact and opportunity', async () => {
    const res = await card(
      customer.id,
      `?contactId=${customer.contactId}&opportunityId=${customer.opportunityId}`,
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      id: customer.id,
      number: customer.number,
      name: '卡片客户',
      ownerId: s.rep.id,
      deptId: EAST,
      contact: { id: customer.contactId, name: '卡片客户 联系人', phone: '13900000000' },
      opportunity: { id: customer.opportunityId, name: '卡片客户 商机' },
    })
  })

  it("leaves out another customer's contact and opportunity", async () => {
    const res = await card(customer.id, `?contactId=${other.contactId}&opportunityId=${other.opportunityId}`)
    expect(await res.json()).toMatchObject({ name: '卡片客户', contact: null, opportunity: null })
  })

  it('answers 404 for an unknown or deleted customer, 400 for a malformed id', async () => {
    expect((await card(randomUUID())).status).toBe(404)
    const doomed = await s.h.call('POST', '/customers', { token: s.rep.token, body: { name: '将删客户' } })
    expect((await card(doomed.body.id)).status).toBe(200)
    const del = await s.h.call('DELETE', `/customers/${doomed.body.id}`, { token: s.rep.token, version: 1 })
    expect(del.status, JSON.stringify(del.body)).toBe(204)
    expect((await card(doomed.body.id)).status).toBe(404)
    expect((await card('not-a-uuid')).status).toBe(400)
  })

  it("with a user, answers only inside that user's data scope (404 outside it)", async () => {
    const as = (userId: string, dataScope: string, deptIds: string[]) =>
      card(
        customer.id,
        `?userId=${userId}&dataScope=${dataScope}${deptIds.length ? `&deptIds=${deptIds.join(',')}` : ''}`,
      )
    expect((await as(s.rep.id, 'self', [EAST])).status).toBe(200)
    expect((await as(s.peer.id, 'self', [WEST])).status).toBe(404)
    expect((await as(s.peer.id, 'dept', [WEST])).status).toBe(404)
    expect((await as(randomUUID(), 'dept', [EAST])).status).toBe(200)
    expect((await as(s.peer.id, 'all', [])).status).toBe(200)
    const shared = await s.h.call('POST', `/customers/${customer.id}/team`, {
      token: s.rep.token,
      body: { userId: s.peer.id, access: 'read' },
    })
    expect(shared.status, JSON.stringify(shared.body)).toBe(201)
    expect((await as(s.peer.id, 'self', [WEST])).status).toBe(200)
    expect((await card(customer.id, '?userId=x&dataScope=none')).status).toBe(400)
    const bogusDepts = `?userId=${s.peer.id}&dataScope=dept&deptIds=${'-'.repeat(36)}`
    expect((await card(customer.id, bogusDepts)).status).toBe(400)
  })

  it('serves services only, never a signed-in user', async () => {
    expect((await card(customer.id, '', s.rep.token)).status).toBe(401)
  })
})
