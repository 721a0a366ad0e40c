import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { uploadFile } from '@mosaic/service-kit/testing'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { ACME, BROKEN, DEAL, ZHANG } from '../../test-support/fake-sales.js'
import { addProduct, EAST, ordersSuite, REPS } from '../../test-support/suite.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const SECRET = 'quotes-test-secret-0123456789abcdef'

describe('quotes', () => {
  const s = ordersSuite(SECRET, { ...REPS, outsider: {} })
  let bolt: { id: string }
  let cable: { id: string }

  beforeAll(async () => {
    bolt = await addProduct(s, 'Q-BOLT', '0.35', '13')
    cable = await addProduct(s, 'Q-CABLE', '1999.99', '6')
  })

  const create = (body: Record<string, unknown>, token = s.east.token) =>
    s.h.call('POST', '/quotes', { token, body: { customerId: ACME.id, ...body } })

  it('drafts a numbered quote with snapshots, the products’ defaults and totals by the service', async () => {
    const res = await create({
      contactId: ZHANG.id,
      opportunityId: DEAL.id,
      validUntil: '2026-12-31',
      remark: '含安装',
      lines: [
        { productId: bolt.id, quantity: '3', discountPercent: '10' },
        { productId: cable.id, quantity: '2.5', unitPrice: '1800', taxRate: '13' },
      ],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.number).toMatch(/^BJ\d{8}\d+$/)
    expect(res.body).toMatchObject({
      status: 'draft',
      customerId: ACME.id,
      customerName: '顶点科技',
      contactId: ZHANG.id,
      contactName: '张三',
      contactPhone: '13800000000',
      opportunityId: DEAL.id,
      opportunityName: '二期扩容',
      validUntil: '2026-12-31',
      remark: '含安装',
      ownerId: s.east.id,
      ownerName: 'east-rep',
      deptId: EAST,
      version: 1,
    })
    expect(res.body.lines).toEqual([
      {
        productId: bolt.id,
        productCode: 'Q-BOLT',
        productName: '产品 Q-BOLT',
        unit: 'set',
        quantity: '3.0000',
        unitPrice: '0.35',
        discountPercent: '10.00',
        taxRate: '13.00',
        // 3 × 0.35 × 0.9 = 0.945 → 0.95; 13 % of it 0.1235 → 0.12
        net: '0.95',
        tax: '0.12',
        total: '1.07',
      },
      {
        productId: cable.id,
        productCode: 'Q-CABLE',
        productName: '产品 Q-CABLE',
        unit: 'set',
        quantity: '2.5000',
        unitPrice: '1800.00',
        discountPercent: '0.00',
        taxRate: '13.00',
        net: '4500.00',
        tax: '585.00',
        total: '5085.00',
      },
    ])
    expect(res.body).toMatchObject({ subtotal: '4500.95', taxTotal: '585.12', total: '5086.07' })
    expect(s.sales.calls).toContain(
      `/api/sales/internal/customers/${ACME.id}/card?userId=${s.east.id}&dataScope=self&deptIds=${EAST}` +
        `&contactId=${ZHANG.id}&opportunityId=${DEAL.id}`,
    )
  })

  it('never issues one number twice, even to concurrent creates', async () => {
    const line = [{ productId: bolt.id, quantity: '1' }]
    const all = await Promise.all(Array.from({ length: 6 }, () => create({ lines: line })))
    expect(all.map((r) => r.status)).toEqual(Array(6).fill(201))
    expect(new Set(all.map((r) => r.body.number)).size).toBe(6)
  })

  it('refuses an unknown customer, a contact or opportunity not its own, per field', async () => {
    const line = [{ productId: bolt.id, quantity: '1' }]
    const unknown = await create({ customerId: randomUUID(), lines: line })
    expectProblem(unknown, 400)
    expect(fieldCodes(unknown)).toEqual({
      customerId: 'orders.quote.customer_unknown',
    })
    const stranger = await create({ contactId: randomUUID(), opportunityId: randomUUID(), lines: line })
    expectProblem(stranger, 400)
    expect(fieldCodes(stranger)).toEqual({
      contactId: 'orders.quote.contact_unknown',
      opportunityId: 'orders.quote.opportunity_unknown',
    })
  })

  it('refuses a customer outside the caller’s sales data scope as unknown', async () => {
    s.sales.hiddenFrom.add(s.outsider.id)
    const res = await create({ lines: [{ productId: bolt.id, quantity: '1' }] }, s.outsider.token)
    expectProblem(res, 400)
    expect(fieldCodes(res)).toEqual({ customerId: 'orders.quote.customer_unknown' })
  })

  it('answers 503 when sales cannot be reached, never 500', async () => {
    const res = await create({ customerId: BROKEN, lines: [{ productId: bolt.id, quantity: '1' }] })
    expect(expectProblem(res, 503).code).toBe('orders.sales_unavailable')
  })

  it('refuses off-sale, deleted and unknown products and bad figures on the line’s field', async () => {
    const old = await s.h.call('POST', '/products', {
      token: s.admin.token,
      body: { code: 'Q-OLD', name: '旧型号', referencePrice: '1', taxRate: '0' },
    })
    await s.h.call('POST', `/products/${old.body.id}/off-sale`, { token: s.admin.token, version: 1 })
    const gone = await s.h.call('POST', '/products', {
      token: s.admin.token,
      body: { code: 'Q-GONE', name: '已删', referencePrice: '1', taxRate: '0' },
    })
    expect(
      (await s.h.call('DELETE', `/products/${gone.body.id}`, { token: s.admin.token, version: 1 })).status,
    ).toBe(204)
    const res = await create({
      lines: [
        { productId: bolt.id, quantity: '1' },
        { productId: old.body.id, quantity: '1' },
        { productId: gone.body.id, quantity: '1' },
        { productId: randomUUID(), quantity: '1' },
      ],
    })
    const problem = expectProblem(res, 400)
    expect(fieldCodes(res)).toEqual({
      'lines.1.productId': 'orders.quote.product_off_sale',
      'lines.2.productId': 'orders.quote.product_unknown',
      'lines.3.productId': 'orders.quote.product_unknown',
    })
    expect(JSON.stringify(problem)).toContain('旧型号')
    const figures = await create({
      lines: [
        { productId: bolt.id, quantity: '0', unitPrice: '-1', discountPercent: '101', taxRate: '1.234' },
      ],
    })
    expectProblem(figures, 400)
    expect(Object.keys(fieldCodes(figures)).sort()).toEqual([
      'lines.0.discountPercent',
      'lines.0.quantity',
      'lines.0.taxRate',
      'lines.0.unitPrice',
    ])
    expectProblem(await create({ lines: [] }), 400)
  })

  it('edits a draft with If-Match, recomputing the totals from the new lines, with history', async () => {
    const made = await create({ lines: [{ productId: bolt.id, quantity: '10' }] })
    const path = `/quotes/${made.body.id}`
    expectProblem(await s.h.call('PATCH', path, { token: s.east.token, body: { remark: 'x' } }), 428)
    const edited = await s.h.call('PATCH', path, {
      token: s.east.token,
      version: 1,
      body: {
        remark: '改价',
        contactId: ZHANG.id,
        lines: [{ productId: cable.id, quantity: '1', discountPercent: '50' }],
      },
    })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect(edited.body).toMatchObject({
      remark: '改价',
      contactName: '张三',
      number: made.body.number,
      subtotal: '1000.00',
      taxTotal: '60.00',
      total: '1060.00',
      version: 2,
    })
    expect(edited.body.lines).toHaveLength(1)
    const stale = await s.h.call('PATCH', path, { token: s.east.token, version: 1, body: { remark: 'lost' } })
    expect(expectProblem(stale, 412).current).toMatchObject({ remark: '改价', version: 2 })
    const system = await s.h.call('PATCH', path, { token: s.east.token, version: 2, body: { total: '1' } })
    expectProblem(system, 400)
    const audit = await s.h.call('GET', `${path}/audit`, { token: s.east.token })
    expect(audit.status).toBe(200)
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['update', 'create'])
  })

  it('lists and reads in the caller’s data scope: own, department, all', async () => {
    const west = await create({ lines: [{ productId: bolt.id, quantity: '1' }] }, s.west.token)
    expect(west.status).toBe(201)
    const list = async (token: string, query = '') => {
      const res = await s.h.call('GET', `/quotes${query}`, { token })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      return res.body.items as Array<{ id: string; ownerId: string; number: string }>
    }
    const eastSees = await list(s.east.token)
    expect(eastSees.length).toBeGreaterThan(0)
    expect(eastSees.every((q) => q.ownerId === s.east.id)).toBe(true)
    expect((await list(s.west.token)).map((q) => q.id)).toEqual([west.body.id])
    expect((await list(s.eastBoss.token)).map((q) => q.id)).not.toContain(west.body.id)
    expect((await list(s.admin.token)).map((q) => q.id)).toContain(west.body.id)
    expectProblem(await s.h.call('GET', `/quotes/${west.body.id}`, { token: s.east.token }), 404)
    expect((await list(s.west.token, `?q=${west.body.number}`)).map((q) => q.id)).toEqual([west.body.id])
    expect((await list(s.west.token, `?q=${encodeURIComponent('顶点')}`)).map((q) => q.id)).toEqual([
      west.body.id,
    ])
  })

  it('a missing permission is 403 on every quote route; another rep’s quote is 404 to write', async () => {
    const made = await create({ lines: [{ productId: bolt.id, quantity: '1' }] })
    const path = `/quotes/${made.body.id}`
    const readOnly = await s.h.user('quote-reader', { permissions: ['orders.quote.read'] })
    const nobody = await s.h.user('quote-nobody', { permissions: [] })
    expectProblem(await s.h.call('GET', '/quotes', { token: nobody.token }), 403)
    expectProblem(await s.h.call('GET', path, { token: nobody.token }), 403)
    expectProblem(await create({ lines: [{ productId: bolt.id, quantity: '1' }] }, readOnly.token), 403)
    expectProblem(
      await s.h.call('PATCH', path, { token: readOnly.token, version: 1, body: { remark: 'x' } }),
      403,
    )
    expectProblem(await s.h.call('DELETE', path, { token: readOnly.token, version: 1 }), 403)
    expectProblem(
      await s.h.call('PATCH', path, { token: s.west.token, version: 1, body: { remark: 'x' } }),
      404,
    )
    expectProblem(await s.h.call('DELETE', path, { token: s.west.token, version: 1 }), 404)
  })

  it('deletes to the recycle bin and restores', async () => {
    const made = await create({ lines: [{ productId: bolt.id, quantity: '1' }] })
    const path = `/quotes/${made.body.id}`
    expect((await s.h.call('DELETE', path, { token: s.east.token, version: 1 })).status).toBe(204)
    expectProblem(await s.h.call('GET', path, { token: s.east.token }), 404)
    const bin = await s.h.call('GET', '/recycle-bin?entityType=quote', { token: s.east.token })
    expect(bin.status).toBe(200)
    expect(bin.body.items.map((i: { id: string }) => i.id)).toContain(made.body.id)
    const back = await s.h.call('POST', `${path}/restore`, { token: s.east.token })
    expect(back.status, JSON.stringify(back.body)).toBe(200)
    expect((await s.h.call('GET', path, { token: s.east.token })).body.total).toBe(made.body.total)
  })

  it('carries files (PDF or images) as visible as the quote; edits replace them', async () => {
    const pdf = await uploadFile(s.h, PDF, 'application/pdf', '询价单.pdf', s.east.token)
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201)
    const made = await create({ lines: [{ productId: bolt.id, quantity: '1' }], attachments: [pdf.body] })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body.attachments.map((a: { name: string }) => a.name)).toEqual(['询价单.pdf'])
    const download = (token: string) =>
      fetch(`${s.h.base}/attachments/${pdf.body.id}`, { headers: { authorization: `Bearer ${token}` } })
    expect((await download(s.eastBoss.token)).status).toBe(200)
    expect((await download(s.west.token)).status).toBe(404)
    // A file the caller never uploaded is refused on its own line.
    const other = await uploadFile(s.h, PDF, 'application/pdf', 'x.pdf', s.west.token)
    const foreign = await s.h.call('PATCH', `/quotes/${made.body.id}`, {
      token: s.east.token,
      version: made.body.version,
      body: { attachments: [other.body] },
    })
    expect(Object.keys(fieldCodes(foreign))).toEqual(['attachments.0'])
    const cleared = await s.h.call('PATCH', `/quotes/${made.body.id}`, {
      token: s.east.token,
      version: made.body.version,
      body: { attachments: [] },
    })
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200)
    expect(cleared.body.attachments).toEqual([])
  })
})
