import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { tickets } from '@mosaic/schemas'
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

  it('looks customers up by name (case and spaces ignored) or number, in the acting user’s scope', async () => {
    const lookup = (body: unknown, token = ordersToken) =>
      fetch(`${s.h.base}/internal/customers/lookup`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const texts = ['卡片 客户', customer.number, '别家客户', 'nobody']
    const mine = await lookup({ texts, userId: s.rep.id, dataScope: 'self' })
    expect(mine.status).toBe(200)
    expect(((await mine.json()) as { items: { id: string }[] }).items.map((c) => c.id).sort()).toEqual(
      [customer.id, other.id].sort(),
    )
    const outsider = await lookup({ texts, userId: s.peer.id, dataScope: 'self' })
    expect(await outsider.json()).toEqual({ items: [] })
    expect((await lookup({ texts, userId: s.rep.id, dataScope: 'self' }, s.rep.token)).status).toBe(401)
    expect((await lookup({ texts: [], userId: s.rep.id, dataScope: 'self' })).status).toBe(400)
  })

  it('looks contacts up by name among given customers: primary first, then first added, in scope', async () => {
    const lookup = (body: unknown) =>
      fetch(`${s.h.base}/internal/contacts/lookup`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ordersToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const addContact = async (customerId: string, name: string) => {
      const res = await s.h.call('POST', '/contacts', { token: s.rep.token, body: { customerId, name } })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return res.body.id as string
    }
    // A namesake added after the primary contact, and two namesakes where none is primary.
    await addContact(customer.id, '卡片客户 联系人')
    const firstTwin = await addContact(customer.id, 'Twin')
    await addContact(customer.id, 'twin')
    const pairs = [
      { customerId: customer.id, name: '  卡片客户 联系人 ' },
      { customerId: customer.id, name: 'TWIN' },
      // Another customer's contact is not this one's.
      { customerId: customer.id, name: '别家客户 联系人' },
      { customerId: other.id, name: '别家客户 联系人' },
    ]
    const mine = await lookup({ pairs, userId: s.rep.id, dataScope: 'self' })
    expect(mine.status).toBe(200)
    expect(await mine.json()).toEqual({
      items: [
        { id: customer.contactId, customerId: customer.id, name: '卡片客户 联系人' },
        { id: firstTwin, customerId: customer.id, name: 'TWIN' },
        { id: other.contactId, customerId: other.id, name: '别家客户 联系人' },
      ],
    })
    // The customers are outside the peer's scope: their contacts are not found for them.
    const outsider = await lookup({ pairs, userId: s.peer.id, dataScope: 'self' })
    expect(await outsider.json()).toEqual({ items: [] })
    expect((await lookup({ pairs: [], userId: s.rep.id, dataScope: 'self' })).status).toBe(400)
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

/** What the tickets service looks up: customers by name and one customer with its contacts, any scope. */
describe('customer lookups for the service desk', () => {
  const s = harnessSuite(() => startSales({ SERVICE_SECRET: SECRET }), {
    east: { deptIds: [EAST] },
    west: { deptIds: [WEST] },
  })
  let ticketsToken: string
  const made: Record<string, { id: string }> = {}

  const internal = async (path: string, token = ticketsToken) => {
    const res = await fetch(`${s.h.base}/internal${path}`, { headers: { authorization: `Bearer ${token}` } })
    return { status: res.status, body: (await res.json()) as { items: tickets.CustomerOption[] } }
  }
  const create = async (key: string, name: string, token: string, contact?: object) => {
    const res = await s.h.call('POST', '/customers', { token, body: { name, contact } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    made[key] = res.body
  }

  beforeAll(async () => {
    ticketsToken = await signServiceToken(SECRET, 'tickets')
    // Two reps in different departments: the desk sees both, whoever owns them.
    await create('east', '华鑫机电东区', s.east.token, { name: '王工', phone: '13900000001' })
    await create('west', '华鑫机电西区', s.west.token)
    await create('gone', '华鑫已删', s.east.token)
    await create('plain', '远山贸易', s.west.token)
    const del = await s.h.call('DELETE', `/customers/${made.gone!.id}`, { token: s.east.token, version: 1 })
    expect(del.status).toBe(204)
  })

  it('finds live customers of every owner by a part of the name, newest first, at most limit', async () => {
    const two = await internal(`/customers?q=${encodeURIComponent('华鑫')}`)
    expect(two.status).toBe(200)
    expect(two.body).toEqual({
      items: [
        { id: made.west!.id, name: '华鑫机电西区' },
        { id: made.east!.id, name: '华鑫机电东区' },
      ],
    })
    const longer = await internal(`/customers?q=${encodeURIComponent('机电东')}`)
    expect(longer.body.items).toEqual([{ id: made.east!.id, name: '华鑫机电东区' }])
    const limited = await internal(`/customers?q=${encodeURIComponent('华鑫')}&limit=1`)
    expect(limited.body.items).toEqual([{ id: made.west!.id, name: '华鑫机电西区' }])
    // No term: the newest live customers.
    const all = await internal('/customers')
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([
      made.plain!.id,
      made.west!.id,
      made.east!.id,
    ])
    // `%` and `_` are literal, not wildcards.
    expect((await internal(`/customers?q=${encodeURIComponent('%')}`)).body.items).toEqual([])
  })

  it('refuses a limit out of range and a term too long (400)', async () => {
    expect((await internal('/customers?limit=0')).status).toBe(400)
    expect((await internal('/customers?limit=51')).status).toBe(400)
    expect((await internal('/customers?limit=abc')).status).toBe(400)
    expect((await internal(`/customers?q=${'x'.repeat(101)}`)).status).toBe(400)
    expect((await internal('/customers?limit=50')).status).toBe(200)
  })

  it('gives a customer with its live contacts, the primary first', async () => {
    const added = await s.h.call('POST', '/contacts', {
      token: s.east.token,
      body: { customerId: made.east!.id, name: '李工' },
    })
    expect(added.status, JSON.stringify(added.body)).toBe(201)
    const dropped = await s.h.call('POST', '/contacts', {
      token: s.east.token,
      body: { customerId: made.east!.id, name: '已删联系人' },
    })
    const del = await s.h.call('DELETE', `/contacts/${dropped.body.id}`, { token: s.east.token, version: 1 })
    expect(del.status).toBe(204)
    const card = await internal(`/customers/${made.east!.id}`)
    expect(card.status).toBe(200)
    expect(card.body).toEqual({
      id: made.east!.id,
      name: '华鑫机电东区',
      contacts: [
        { id: expect.any(String), name: '王工', phone: '13900000001' },
        { id: added.body.id, name: '李工', phone: null },
      ],
    })
    expect((await internal(`/customers/${made.west!.id}`)).body).toEqual({
      id: made.west!.id,
      name: '华鑫机电西区',
      contacts: [],
    })
  })

  it('answers 404 for an unknown or deleted id, 400 for a malformed one, and serves services only', async () => {
    expect((await internal(`/customers/${randomUUID()}`)).status).toBe(404)
    expect((await internal(`/customers/${made.gone!.id}`)).status).toBe(404)
    // A malformed id is refused before any lookup, as every route of the house does (kit: validation.id).
    expect((await internal('/customers/not-a-uuid')).status).toBe(400)
    expect((await internal('/customers', s.east.token)).status).toBe(401)
    expect((await internal(`/customers/${made.east!.id}`, s.east.token)).status).toBe(401)
  })
})
