import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { orders } from '@mosaic/schemas'
import { signServiceToken } from '@mosaic/service-kit'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startOrders } from '../../test-support/harness.js'
import { fakeSales, type FakeSales } from '../../test-support/fake-sales.js'

const SECRET = 'orders-internal-test-secret-0123456789'
const EAST = randomUUID()
const WEST = randomUUID()
const ACME = randomUUID()
const OTHER = randomUUID()

describe('orders internal routes and the owner-transfer handler', () => {
  let sales: FakeSales
  beforeAll(async () => {
    sales = await fakeSales({ [ACME]: '顶点科技', [OTHER]: '别家公司' })
  })
  afterAll(() => sales.close())

  const s = harnessSuite(() => startOrders({ SERVICE_SECRET: SECRET, SALES_SERVICE_URL: sales.url }), {
    east: { username: 'east-rep', deptIds: [EAST] },
    west: { username: 'west-rep', deptIds: [WEST] },
    admin: { dataScope: 'all' },
  })
  let salesToken: string
  const product: Record<string, { id: string }> = {}
  const quote: Record<string, { id: string; number: string }> = {}
  const contract: Record<string, { id: string; number: string }> = {}

  const internal = (path: string, token = salesToken, init: RequestInit = {}) =>
    fetch(`${s.h.base}/internal${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    })

  beforeAll(async () => {
    salesToken = await signServiceToken(SECRET, 'sales')
    for (const code of ['IN-BOLT', 'IN-OFF', 'IN-GONE']) {
      const res = await s.h.call('POST', '/products', {
        token: s.admin.token,
        body: { code, name: `产品 ${code}`, unit: 'set', referencePrice: '12.50', taxRate: '13' },
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      product[code] = res.body
    }
    const off = await s.h.call('POST', `/products/${product['IN-OFF']!.id}/off-sale`, {
      token: s.admin.token,
      version: 1,
    })
    expect(off.status, JSON.stringify(off.body)).toBe(200)
    const gone = await s.h.call('DELETE', `/products/${product['IN-GONE']!.id}`, {
      token: s.admin.token,
      version: 1,
    })
    expect(gone.status).toBe(204)
    const draft = async (key: string, customerId: string, token: string) => {
      const res = await s.h.call('POST', '/quotes', {
        token,
        body: { customerId, lines: [{ productId: product['IN-BOLT']!.id, quantity: '1' }] },
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      quote[key] = res.body
    }
    await draft('first', ACME, s.east.token)
    await draft('second', ACME, s.east.token)
    await draft('westOwn', ACME, s.west.token)
    await draft('otherCustomer', OTHER, s.east.token)
    const signed = async (key: string, customerId: string, token: string) => {
      const res = await s.h.call('POST', '/contracts', {
        token,
        body: {
          name: `合同 ${key}`,
          customerId,
          lines: [{ productId: product['IN-BOLT']!.id, quantity: '1' }],
        },
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      contract[key] = res.body
    }
    await signed('first', ACME, s.east.token)
    await signed('westOwn', ACME, s.west.token)
    await signed('otherCustomer', OTHER, s.east.token)
  })

  it('gives products as lines snapshot them: on sale, off sale, deleted; unknown ids left out', async () => {
    const ids = [product['IN-BOLT']!.id, product['IN-OFF']!.id, product['IN-GONE']!.id, randomUUID()]
    const res = await internal(`/products?ids=${ids.join(',')}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as orders.ProductSnapshots
    expect(body.items).toEqual([
      {
        id: product['IN-BOLT']!.id,
        code: 'IN-BOLT',
        name: '产品 IN-BOLT',
        unit: 'set',
        referencePrice: '12.50',
        onSale: true,
        deleted: false,
      },
      expect.objectContaining({ code: 'IN-GONE', onSale: true, deleted: true }),
      expect.objectContaining({ code: 'IN-OFF', onSale: false, deleted: false }),
    ])
    expect((await internal('/products?ids=not-an-id')).status).toBe(400)
    expect((await internal('/products')).status).toBe(400)
  })

  it("lists a customer's live quotes, of one owner when asked", async () => {
    const list = async (path: string) =>
      ((await (await internal(path)).json()) as orders.CustomerDocuments).items
    const all = await list(`/customers/${ACME}/quotes`)
    expect(all.map((q) => q.id)).toEqual([quote.first!.id, quote.second!.id, quote.westOwn!.id])
    const east = await list(`/customers/${ACME}/quotes?ownerId=${s.east.id}`)
    expect(east).toEqual([
      {
        id: quote.first!.id,
        number: quote.first!.number,
        status: 'draft',
        ownerId: s.east.id,
        ownerName: 'east-rep',
      },
      {
        id: quote.second!.id,
        number: quote.second!.number,
        status: 'draft',
        ownerId: s.east.id,
        ownerName: 'east-rep',
      },
    ])
    expect(await list(`/customers/${randomUUID()}/quotes`)).toEqual([])
  })

  it('serves services only: a signed-in user gets 401', async () => {
    expect((await internal(`/customers/${ACME}/quotes`, s.admin.token)).status).toBe(401)
    expect((await internal(`/products?ids=${product['IN-BOLT']!.id}`, s.admin.token)).status).toBe(401)
  })

  it("lists a customer's live contracts with number and status, of one owner when asked", async () => {
    const list = async (path: string) => {
      const res = await internal(path)
      expect(res.status).toBe(200)
      return ((await res.json()) as orders.CustomerDocuments).items
    }
    const all = await list(`/customers/${ACME}/contracts`)
    expect(all.map((c) => c.id)).toEqual([contract.first!.id, contract.westOwn!.id])
    expect(await list(`/customers/${ACME}/contracts?ownerId=${s.east.id}`)).toEqual([
      {
        id: contract.first!.id,
        number: contract.first!.number,
        status: 'draft',
        ownerId: s.east.id,
        ownerName: 'east-rep',
      },
    ])
    expect((await internal(`/customers/${ACME}/contracts`, s.admin.token)).status).toBe(401)
  })

  const transferred = (cascade: { quotes: boolean; contracts: boolean }, id = randomUUID()) => ({
    id,
    topic: 'sales.customer.transferred',
    source: 'sales',
    occurredAt: new Date().toISOString(),
    actorId: s.admin.id,
    payload: {
      entityType: 'customer',
      id: ACME,
      title: '顶点科技',
      fromOwnerId: s.east.id,
      fromOwnerName: 'east-rep',
      toOwnerId: s.west.id,
      toOwnerName: 'west-rep',
      toDeptId: WEST,
      oldOwner: 'remove',
      reason: '区域调整',
      contactIds: [],
      opportunityIds: [],
      cascade,
    },
    notify: [],
  })
  const deliver = (event: unknown) =>
    internal('/events', salesToken, { method: 'POST', body: JSON.stringify(event) })
  const get = async (id: string) => (await s.h.call('GET', `/quotes/${id}`, { token: s.admin.token })).body
  const getContract = async (id: string) =>
    (await s.h.call('GET', `/contracts/${id}`, { token: s.admin.token })).body

  it('moves nothing when the transfer did not ask for quotes', async () => {
    const res = await deliver(transferred({ quotes: false, contracts: false }))
    expect(await res.json()).toEqual({ handled: true, duplicate: false })
    expect(await get(quote.first!.id)).toMatchObject({ ownerId: s.east.id, version: 1 })
    expect(await getContract(contract.first!.id)).toMatchObject({ ownerId: s.east.id, version: 1 })
  })

  it("moves the old owner's quotes of the customer, with an audit entry, once however often delivered", async () => {
    const event = transferred({ quotes: true, contracts: false })
    expect(await (await deliver(event)).json()).toEqual({ handled: true, duplicate: false })
    for (const key of ['first', 'second'])
      expect(await get(quote[key]!.id)).toMatchObject({
        ownerId: s.west.id,
        ownerName: 'west-rep',
        deptId: WEST,
        version: 2,
      })
    // Not the old owner's, or another customer's: untouched.
    expect(await get(quote.westOwn!.id)).toMatchObject({ ownerId: s.west.id, version: 1 })
    expect(await get(quote.otherCustomer!.id)).toMatchObject({ ownerId: s.east.id, version: 1 })
    const audit = await s.h.call('GET', `/quotes/${quote.first!.id}/audit`, { token: s.admin.token })
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['transfer', 'create'])
    expect(audit.body[0]).toMatchObject({ note: '区域调整' })

    // The same event again, and the same transfer under a new event id: nothing moves twice.
    expect(await (await deliver(event)).json()).toEqual({ handled: false, duplicate: true })
    expect(await (await deliver(transferred({ quotes: true, contracts: false }))).json()).toMatchObject({
      duplicate: false,
    })
    expect(await get(quote.first!.id)).toMatchObject({ ownerId: s.west.id, version: 2 })
    const again = await s.h.call('GET', `/quotes/${quote.first!.id}/audit`, { token: s.admin.token })
    expect(again.body).toHaveLength(2)
    // The new owner sees them, the old one no longer does.
    expect((await s.h.call('GET', `/quotes/${quote.first!.id}`, { token: s.west.token })).status).toBe(200)
    expect((await s.h.call('GET', `/quotes/${quote.first!.id}`, { token: s.east.token })).status).toBe(404)
    // Quotes only: the contracts stay.
    expect(await getContract(contract.first!.id)).toMatchObject({ ownerId: s.east.id, version: 1 })
  })

  it("moves the old owner's contracts of the customer, with an audit entry, once however often delivered", async () => {
    const event = transferred({ quotes: false, contracts: true })
    expect(await (await deliver(event)).json()).toEqual({ handled: true, duplicate: false })
    expect(await getContract(contract.first!.id)).toMatchObject({
      ownerId: s.west.id,
      ownerName: 'west-rep',
      deptId: WEST,
      version: 2,
    })
    expect(await getContract(contract.westOwn!.id)).toMatchObject({ ownerId: s.west.id, version: 1 })
    expect(await getContract(contract.otherCustomer!.id)).toMatchObject({ ownerId: s.east.id, version: 1 })
    const audit = await s.h.call('GET', `/contracts/${contract.first!.id}/audit`, { token: s.admin.token })
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['transfer', 'create'])
    expect(audit.body[0]).toMatchObject({ note: '区域调整' })

    expect(await (await deliver(event)).json()).toEqual({ handled: false, duplicate: true })
    await deliver(transferred({ quotes: false, contracts: true }))
    expect(await getContract(contract.first!.id)).toMatchObject({ ownerId: s.west.id, version: 2 })
    const again = await s.h.call('GET', `/contracts/${contract.first!.id}/audit`, { token: s.admin.token })
    expect(again.body).toHaveLength(2)
    expect((await s.h.call('GET', `/contracts/${contract.first!.id}`, { token: s.west.token })).status).toBe(
      200,
    )
    expect((await s.h.call('GET', `/contracts/${contract.first!.id}`, { token: s.east.token })).status).toBe(
      404,
    )
  })

  it('takes transfer events only from sales', async () => {
    const fromAdmin = await signServiceToken(SECRET, 'admin')
    const res = await internal('/events', fromAdmin, {
      method: 'POST',
      body: JSON.stringify(transferred({ quotes: true, contracts: false })),
    })
    expect(res.status).toBe(403)
  })
})
