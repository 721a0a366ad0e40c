import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERMISSIONS } from '@mosaic/permissions'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from '../../test-support/harness.js'
import { startFakeOrders, type FakeOrders } from '../../test-support/fake-orders.js'
import { expectProblem, fieldCodes, fieldErrors } from '@mosaic/service-kit/testing/expect'

const ALL_SALES = PERMISSIONS.filter((p) => p.service === 'sales').map((p) => p.code as string)

describe('opportunities', () => {
  let ordersSvc: FakeOrders
  beforeAll(async () => {
    ordersSvc = await startFakeOrders()
  })
  afterAll(() => ordersSvc.close())
  const s = harnessSuite(
    () =>
      startSales({
        SERVICE_SECRET: 'opportunities-test-secret-0123456789',
        ORDERS_SERVICE_URL: ordersSvc.url,
      }),
    {
      rep: {},
      admin: { username: 'boss', dataScope: 'all', roles: ['super_admin'] },
      noReopen: {
        username: 'noreopen',
        dataScope: 'all',
        permissions: ALL_SALES.filter((p) => p !== 'sales.opportunity.reopen'),
      },
    },
  )
  let customer: { id: string; name: string }
  beforeAll(async () => {
    customer = (
      await s.h.call('POST', '/customers', {
        token: s.rep.token,
        body: { name: 'Pipeline Corp', contact: { name: 'Chen' } },
      })
    ).body
  })

  const create = async (body: Record<string, unknown>) => {
    const res = await s.h.call('POST', '/opportunities', {
      token: s.rep.token,
      body: { customerId: customer.id, ...body },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }

  it("defaults the probability from the stage and the contact from the customer's primary", async () => {
    const o = await create({ name: 'Proposal stage', stage: 'proposal' })
    expect(o).toMatchObject({
      stage: 'proposal',
      probability: 60,
      status: 'open',
      contactName: 'Chen',
      customerName: 'Pipeline Corp',
    })
    const explicit = await create({ name: 'Explicit', stage: 'needs', probability: 45 })
    expect(explicit.probability).toBe(45)
    const moved = await s.h.call('PATCH', `/opportunities/${o.id}`, {
      token: s.rep.token,
      version: 1,
      body: { stage: 'negotiation' },
    })
    expect(moved.body).toMatchObject({ stage: 'negotiation', probability: 80 })
  })

  it('computes product lines half-up per line, then sums them', async () => {
    const widget = ordersSvc.product({ code: 'WIDGET', referencePrice: '0.35', unit: 'piece' })
    const gadget = ordersSvc.product({ code: 'GADGET' })
    const bolt = ordersSvc.product({ code: 'BOLT' })
    const o = await create({
      name: 'With products',
      products: [
        // No price: the product's reference price.
        { productId: widget.id, quantity: '3' },
        { productId: gadget.id, quantity: '0.333', unitPrice: '10.05' },
        { productId: bolt.id, quantity: '1.5', unitPrice: '0.01' },
      ],
    })
    // 1.05; 3.34665 → 3.35; 0.015 → 0.02 (half-up), total 4.42.
    expect(o.products.map((p: { amount: string }) => p.amount)).toEqual(['1.05', '3.35', '0.02'])
    expect(o.products[0]).toEqual({
      productId: widget.id,
      productCode: 'WIDGET',
      productName: '产品 WIDGET',
      unit: 'piece',
      quantity: '3',
      unitPrice: '0.35',
      amount: '1.05',
    })
    expect(o.productsTotal).toBe('4.42')
    expect(o.expectedAmount).toBe('4.42')
    const fetched = (await s.h.call('GET', `/opportunities/${o.id}`, { token: s.rep.token })).body
    expect(fetched).toMatchObject({ productsTotal: '4.42', expectedAmount: '4.42' })
  })

  it('refuses unknown, deleted and off-sale products per line, checked against orders', async () => {
    const good = ordersSvc.product({ code: 'GOOD' })
    const off = ordersSvc.product({ code: 'OFF', onSale: false })
    const gone = ordersSvc.product({ code: 'GONE', deleted: true })
    const res = await s.h.call('POST', '/opportunities', {
      token: s.rep.token,
      body: {
        customerId: customer.id,
        name: 'Bad lines',
        products: [
          { productId: good.id, quantity: '1' },
          { productId: randomUUID(), quantity: '1' },
          { productId: gone.id, quantity: '1' },
          { productId: off.id, quantity: '1' },
        ],
      },
    })
    expectProblem(res, 400)
    expect(fieldCodes(res)).toEqual({
      'products.1.productId': 'sales.opportunity.product_unknown',
      'products.2.productId': 'sales.opportunity.product_unknown',
      'products.3.productId': 'sales.opportunity.product_off_sale',
    })
    // A line without a product is refused by the schema (free text is history).
    const free = await s.h.call('POST', '/opportunities', {
      token: s.rep.token,
      body: { customerId: customer.id, name: 'Free', products: [{ productName: 'x', quantity: '1' }] },
    })
    expectProblem(free, 400)
    expect(Object.keys(fieldErrors(free)).sort()).toEqual(['products.0.productId', 'products.0.productName'])
  })

  it('keeps a line whose product went off sale after it was added; orders down is a 503', async () => {
    const kept = ordersSvc.product({ code: 'KEPT', referencePrice: '5.00' })
    const o = await create({ name: 'Kept', products: [{ productId: kept.id, quantity: '2' }] })
    ordersSvc.products.set(kept.id, { ...kept, onSale: false, name: '改名了' })
    const other = ordersSvc.product({ code: 'OTHER', referencePrice: '1.00' })
    const edited = await s.h.call('PATCH', `/opportunities/${o.id}`, {
      token: s.rep.token,
      version: o.version,
      body: {
        products: [
          { productId: kept.id, quantity: '3' },
          { productId: other.id, quantity: '1' },
        ],
      },
    })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect(edited.body.products).toMatchObject([
      { productId: kept.id, productName: '产品 KEPT', unitPrice: '5.00', amount: '15.00' },
      { productId: other.id, productCode: 'OTHER', amount: '1.00' },
    ])
    ordersSvc.down = true
    try {
      const res = await s.h.call('PATCH', `/opportunities/${o.id}`, {
        token: s.rep.token,
        version: edited.body.version,
        body: { products: [{ productId: other.id, quantity: '2' }] },
      })
      expectProblem(res, 503)
      expect(res.body.code).toBe('sales.orders_unavailable')
      // Without product lines orders is not asked.
      const plain = await s.h.call('PATCH', `/opportunities/${o.id}`, {
        token: s.rep.token,
        version: edited.body.version,
        body: { remark: 'still editable' },
      })
      expect(plain.status).toBe(200)
    } finally {
      ordersSvc.down = false
    }
  })

  it('reads lines written as free text before products were picked', async () => {
    const o = await create({ name: 'Legacy' })
    await s.h.service.db.dataSource.query('UPDATE opportunity SET products = $2 WHERE id = $1', [
      o.id,
      JSON.stringify([{ productId: null, productName: '旧的手写产品', quantity: '2', unitPrice: '3.50' }]),
    ])
    const read = await s.h.call('GET', `/opportunities/${o.id}`, { token: s.rep.token })
    expect(read.status).toBe(200)
    expect(read.body.products).toEqual([
      {
        productId: null,
        productCode: null,
        productName: '旧的手写产品',
        unit: null,
        quantity: '2',
        unitPrice: '3.50',
        amount: '7.00',
      },
    ])
    expect(read.body.productsTotal).toBe('7.00')
  })

  it('validates stage, source and customer per field; outcome stages are reached only by closing', async () => {
    const bad = await s.h.call('POST', '/opportunities', {
      token: s.rep.token,
      body: { name: 'x', customerId: customer.id, stage: 'dreaming', source: 'ouija' },
    })
    expectProblem(bad, 400)
    expect(Object.keys(fieldErrors(bad)).sort()).toEqual(['source', 'stage'])
    const won = await s.h.call('POST', '/opportunities', {
      token: s.rep.token,
      body: { name: 'x', customerId: customer.id, stage: 'won' },
    })
    expectProblem(won, 400)
    expect(fieldErrors(won).stage).toMatch(/closing/)
    const other = await s.h.user('other')
    const foreign = await s.h.call('POST', '/opportunities', {
      token: other.token,
      body: { name: 'x', customerId: customer.id },
    })
    expectProblem(foreign, 400)
    expect(fieldErrors(foreign)).toEqual({ customerId: 'Unknown customer' })
  })

  it('closing as lost needs a lost reason from the dictionary', async () => {
    const o = await create({ name: 'Will be lost' })
    const close = (body: Record<string, unknown>) =>
      s.h.call('POST', `/opportunities/${o.id}/close`, { token: s.rep.token, version: 1, body })
    const missing = await close({ outcome: 'lost' })
    expectProblem(missing, 400)
    expect(fieldErrors(missing)).toHaveProperty('lostReason')
    const unknown = await close({ outcome: 'lost', lostReason: 'aliens' })
    expect(fieldErrors(unknown)).toHaveProperty('lostReason')
    expectProblem(await close({ outcome: 'won', lostReason: 'price' }), 400)
    const lost = await close({ outcome: 'lost', lostReason: 'price', closeNote: 'Too expensive' })
    expect(lost.status).toBe(200)
    expect(lost.body).toMatchObject({
      status: 'lost',
      lostReason: 'price',
      probability: 0,
      locked: true,
      closedBy: 'rep',
    })
    expect(lost.body.closeDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expectProblem(
      await s.h.call('POST', `/opportunities/${o.id}/close`, {
        token: s.rep.token,
        version: 2,
        body: { outcome: 'won' },
      }),
      409,
    )
  })

  it('winning makes the customer dealt; a locked closed opportunity refuses edits except for the rule roles', async () => {
    const o = await create({ name: 'Will be won', expectedAmount: '50000' })
    const won = await s.h.call('POST', `/opportunities/${o.id}/close`, {
      token: s.rep.token,
      version: 1,
      body: { outcome: 'won', closeDate: '2026-06-30' },
    })
    expect(won.body).toMatchObject({ status: 'won', probability: 100, closeDate: '2026-06-30', locked: true })
    const c = (await s.h.call('GET', `/customers/${customer.id}`, { token: s.rep.token })).body
    expect(c.dealStatus).toBe('dealt')
    expect(c.lastDealAt).toEqual(expect.any(String))
    const events = await s.h.service.db.transaction((m) =>
      m.query(`SELECT payload FROM outbox_event WHERE topic = 'sales.opportunity.closed' ORDER BY seq`),
    )
    expect(events.at(-1).payload).toMatchObject({ id: o.id, outcome: 'won', ownerId: s.rep.id })

    const edit = await s.h.call('PATCH', `/opportunities/${o.id}`, {
      token: s.rep.token,
      version: 2,
      body: { remark: 'late note' },
    })
    expect(expectProblem(edit, 409).detail).toMatch(/closed as won and is locked/)
    expectProblem(await s.h.call('DELETE', `/opportunities/${o.id}`, { token: s.rep.token, version: 2 }), 409)
    const byAdmin = await s.h.call('PATCH', `/opportunities/${o.id}`, {
      token: s.admin.token,
      version: 2,
      body: { remark: 'admin fix' },
    })
    expect(byAdmin.status).toBe(200)
  })

  it('reopening needs the permission and a reason, is audited, and undoes the deal', async () => {
    const o = await create({ name: 'Reopen me' })
    await s.h.call('POST', `/opportunities/${o.id}/close`, {
      token: s.rep.token,
      version: 1,
      body: { outcome: 'won' },
    })
    const denied = await s.h.call('POST', `/opportunities/${o.id}/reopen`, {
      token: s.noReopen.token,
      version: 2,
      body: { reason: 'x' },
    })
    expectProblem(denied, 403)
    expectProblem(
      await s.h.call('POST', `/opportunities/${o.id}/reopen`, { token: s.rep.token, version: 2, body: {} }),
      400,
    )
    const reopened = await s.h.call('POST', `/opportunities/${o.id}/reopen`, {
      token: s.rep.token,
      version: 2,
      body: { reason: 'Customer cancelled the order' },
    })
    expect(reopened.status).toBe(200)
    expect(reopened.body).toMatchObject({ status: 'open', probability: 10, locked: false, closedAt: null })
    const audit = (await s.h.call('GET', `/opportunities/${o.id}/audit`, { token: s.rep.token })).body
    expect(audit[0]).toMatchObject({
      action: 'reopen',
      note: 'Customer cancelled the order',
      diff: { status: { before: 'won', after: 'open' } },
    })
    expectProblem(
      await s.h.call('POST', `/opportunities/${o.id}/reopen`, {
        token: s.rep.token,
        version: 3,
        body: { reason: 'again' },
      }),
      409,
    )
    // The other won opportunity keeps the customer dealt.
    const c = (await s.h.call('GET', `/customers/${customer.id}`, { token: s.rep.token })).body
    expect(c.dealStatus).toBe('dealt')
  })

  it('builds the pipeline per stage with exact sums, closed ones under their outcome', async () => {
    const res = await s.h.call('GET', '/opportunities/pipeline', { token: s.rep.token })
    expect(res.status).toBe(200)
    const stages = res.body.stages.map((s: { stage: string }) => s.stage)
    expect(stages).toEqual(['initial', 'needs', 'proposal', 'negotiation', 'won', 'lost', 'invalid'])
    const won = res.body.stages.find((s: { stage: string }) => s.stage === 'won')
    expect(won).toMatchObject({ count: 1, amount: '50000.00', weightedAmount: '50000.00' })
    const initial = res.body.stages.find((s: { stage: string }) => s.stage === 'initial')
    expect(initial.count).toBe(initial.items.length)
    expect(res.body.total).toBe(res.body.stages.reduce((n: number, s: { count: number }) => n + s.count, 0))
    const other = await s.h.user('pipeline-stranger')
    expect((await s.h.call('GET', '/opportunities/pipeline', { token: other.token })).body.total).toBe(0)
  })

  it('deletes with its follow-ups and restores them together', async () => {
    const o = await create({ name: 'Short-lived' })
    const fu = await s.h.call('POST', '/followups', {
      token: s.rep.token,
      body: {
        targetType: 'opportunity',
        targetId: o.id,
        subject: 's',
        method: 'visit',
        content: 'c',
        contactedAt: '2026-02-02T00:00:00.000Z',
      },
    })
    // The follow-up moved the opportunity's last follow-up time: a new version.
    const current = (await s.h.call('GET', `/opportunities/${o.id}`, { token: s.rep.token })).body
    expect(current.version).toBe(2)
    const del = await s.h.call('DELETE', `/opportunities/${o.id}`, {
      token: s.rep.token,
      version: current.version,
    })
    expect(del.status).toBe(204)
    expectProblem(await s.h.call('GET', `/followups/${fu.body.id}`, { token: s.rep.token }), 404)
    expect((await s.h.call('POST', `/opportunities/${o.id}/restore`, { token: s.rep.token })).status).toBe(
      200,
    )
    expect((await s.h.call('GET', `/followups/${fu.body.id}`, { token: s.rep.token })).status).toBe(200)
  })

  it('lists by customer, stage and expected close range', async () => {
    await create({ name: 'Dated', stage: 'needs', expectedCloseDate: '2026-09-15' })
    const res = await s.h.call(
      'GET',
      `/opportunities?customerId=${customer.id}&stage=needs&expectedFrom=2026-09-01&expectedTo=2026-09-30`,
      {
        token: s.rep.token,
      },
    )
    expect(
      res.body.items.map((o: { name: string; expectedCloseDate: string }) => [o.name, o.expectedCloseDate]),
    ).toEqual([['Dated', '2026-09-15']])
  })
})
