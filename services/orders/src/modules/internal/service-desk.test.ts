import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { tickets } from '@mosaic/schemas'
import { signServiceToken } from '@mosaic/service-kit'
import { decideApproval } from '../../test-support/approvals.js'
import { ACME } from '../../test-support/fake-sales.js'
import { addProduct, ordersSuite, REPS } from '../../test-support/suite.js'

const SECRET = 'orders-service-desk-test-secret-0123456789'

/** What the tickets service reads of a customer's contracts and orders (its ticket form and portal). */
describe("a customer's documents for the service desk", () => {
  const s = ordersSuite(SECRET, REPS)
  let ticketsToken: string
  let cable: { id: string }
  let bolt: { id: string }
  let draft: { id: string }
  let signed: { id: string; number: string; name: string }
  const order: Record<string, { id: string; number: string; version: number }> = {}

  const call = (method: string, path: string, body?: unknown, version?: number, token = s.west.token) =>
    s.h.call(method, path, { token, body, version })
  const internal = async (path: string, token = ticketsToken) => {
    const res = await fetch(`${s.h.base}/internal${path}`, { headers: { authorization: `Bearer ${token}` } })
    // Either answer's shape: each test reads the one it asked for.
    return {
      status: res.status,
      body: (await res.json()) as tickets.CustomerDocumentOptions & tickets.PortalOrderList,
    }
  }
  const act = async (id: string, verb: string, body?: unknown) => {
    const current = await call('GET', `/sales-orders/${id}`)
    const res = await call('POST', `/sales-orders/${id}/${verb}`, body, current.body.version)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
  }
  const ship = async (orderId: string, trackingNumber: string, items: unknown) => {
    const res = await call('POST', `/sales-orders/${orderId}/shipments`, {
      courier: 'sf',
      trackingNumber,
      shippedDate: '2027-01-10',
      items,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body as { id: string }
  }

  beforeAll(async () => {
    ticketsToken = await signServiceToken(SECRET, 'tickets')
    cable = await addProduct(s, 'SD-CABLE', '1000', '13')
    bolt = await addProduct(s, 'SD-BOLT', '0.35', '13')
    // A draft never reached the customer; the west rep's signed contract did (no data scope here).
    draft = (
      await call('POST', '/contracts', {
        name: '草稿合同',
        customerId: ACME.id,
        lines: [{ productId: cable.id, quantity: '1' }],
      })
    ).body
    const created = await call('POST', '/contracts', {
      name: '设备采购',
      customerId: ACME.id,
      lines: [
        { productId: cable.id, quantity: '4' },
        { productId: bolt.id, quantity: '10' },
      ],
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const sent = await call('POST', `/contracts/${created.body.id}/submit`, {}, created.body.version)
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    await decideApproval(s.h, s.admin, 'contract', created.body.id, 'approved')
    signed = created.body
    for (const key of ['pending', 'confirmed', 'cancelled', 'later']) {
      const res = await call('POST', '/sales-orders', {
        contractId: signed.id,
        lines: [
          { productId: cable.id, quantity: '1' },
          ...(key === 'confirmed' ? [{ productId: bolt.id, quantity: '10' }] : []),
        ],
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      order[key] = res.body
    }
    await act(order.confirmed!.id, 'confirm')
    await act(order.later!.id, 'confirm')
    await act(order.cancelled!.id, 'cancel', { reason: '客户改期' })
  })

  it('lists the contracts in force or after and the confirmed orders, newest first, without drafts, pending or cancelled ones', async () => {
    const res = await internal(`/customers/${ACME.id}/documents`)
    expect(res.status).toBe(200)
    expect(tickets.CustomerDocumentOptions.parse(res.body)).toEqual({
      contracts: [{ id: signed.id, number: signed.number, name: '设备采购' }],
      orders: [
        { id: order.later!.id, number: order.later!.number, contractId: signed.id },
        { id: order.confirmed!.id, number: order.confirmed!.number, contractId: signed.id },
      ],
    })
    expect(res.body.contracts.map((c: { id: string }) => c.id)).not.toContain(draft.id)
    // A deleted order is gone from the list.
    const gone = await call('DELETE', `/sales-orders/${order.pending!.id}`, undefined, 1)
    expect(gone.status).toBe(204)
    expect((await internal(`/customers/${randomUUID()}/documents`)).body).toEqual({
      contracts: [],
      orders: [],
    })
  })

  it("gives the customer's orders with lines and live shipments, newest first", async () => {
    const first = await ship(order.confirmed!.id, 'SF-1', [
      { productId: cable.id, quantity: '1' },
      { productId: bolt.id, quantity: '4' },
    ])
    const undone = await ship(order.confirmed!.id, 'SF-2', [{ productId: bolt.id, quantity: '6' }])
    const cancel = await call('POST', `/sales-orders/${order.confirmed!.id}/shipments/${undone.id}/cancel`)
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200)
    const delivered = await call('POST', `/sales-orders/${order.confirmed!.id}/shipments/${first.id}/deliver`)
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200)

    const res = await internal(`/customers/${ACME.id}/orders`)
    expect(res.status).toBe(200)
    const list = tickets.PortalOrderList.parse(res.body)
    expect(list.items.map((o) => o.number)).toEqual([order.later!.number, order.confirmed!.number])
    expect(list.items[0]).toMatchObject({ status: 'confirmed', shippedPercent: 0, shipments: [] })
    expect(list.items[1]).toEqual({
      id: order.confirmed!.id,
      number: order.confirmed!.number,
      status: 'partially_shipped',
      contractNumber: signed.number,
      contractName: '设备采购',
      createdAt: expect.any(String),
      deliveryDate: null,
      total: expect.any(String),
      shippedPercent: expect.any(Number),
      lines: [
        { productName: '产品 SD-CABLE', unit: 'set', quantity: '1.0000', shippedQuantity: '1.0000' },
        { productName: '产品 SD-BOLT', unit: 'set', quantity: '10.0000', shippedQuantity: '4.0000' },
      ],
      shipments: [
        {
          id: first.id,
          status: 'delivered',
          courier: 'sf',
          trackingNumber: 'SF-1',
          shippedDate: '2027-01-10',
          deliveredAt: delivered.body.deliveredAt,
          items: [
            { productName: '产品 SD-CABLE', unit: 'set', quantity: '1.0000' },
            { productName: '产品 SD-BOLT', unit: 'set', quantity: '4.0000' },
          ],
        },
      ],
    })
    expect((await internal(`/customers/${randomUUID()}/orders`)).body).toEqual({ items: [] })
  })

  it('serves services only, and refuses a malformed customer id', async () => {
    expect((await internal(`/customers/${ACME.id}/documents`, s.admin.token)).status).toBe(401)
    expect((await internal(`/customers/${ACME.id}/orders`, s.admin.token)).status).toBe(401)
    expect((await internal('/customers/not-a-uuid/orders')).status).toBe(400)
    expect((await internal('/customers/not-a-uuid/documents')).status).toBe(400)
  })
})
