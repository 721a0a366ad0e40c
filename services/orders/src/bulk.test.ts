import { beforeAll, describe, expect, it } from 'vitest'
import { bulkOutcomes, expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { decideApproval } from './test-support/approvals.js'
import { ACME } from './test-support/fake-sales.js'
import { READER, REPS, addProduct, ordersSuite } from './test-support/suite.js'

const SECRET = 'bulk-test-secret-0123456789abcdef0123'
const MISSING = '00000000-0000-4000-8000-0000000000ff'

/** Bulk edit and bulk delete (批量修改/删除) of the orders lists, through each record's own rules. */
describe('orders bulk operations', () => {
  const s = ordersSuite(SECRET, { ...REPS, reader: READER })
  let product: { id: string }

  beforeAll(async () => {
    product = await addProduct(s, 'B-PUMP', '100', '13')
  })

  const call = (path: string, body: unknown, token = s.east.token) => s.h.call('POST', path, { token, body })
  const created = async (path: string, body: unknown, token = s.east.token) => {
    const res = await call(path, body, token)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body as { id: string; version: number }
  }
  const read = async (path: string, token = s.east.token) => (await s.h.call('GET', path, { token })).body
  const contract = (token = s.east.token) =>
    created(
      '/contracts',
      { name: '批量合同', customerId: ACME.id, lines: [{ productId: product.id, quantity: '1' }] },
      token,
    )
  const auditActions = (entityId: string) =>
    s.h.service.db.transaction(async (m) =>
      (await m.query('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [entityId])).map(
        (r: { action: string }) => r.action,
      ),
    )

  async function approved() {
    const draft = await contract()
    const sent = await s.h.call('POST', `/contracts/${draft.id}/submit`, {
      token: s.east.token,
      version: draft.version,
      body: {},
    })
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    await decideApproval(s.h, s.admin, 'contract', draft.id, 'approved', { comment: '同意' })
    return draft
  }

  it('edits contracts through the edit rule at their current version: pending and foreign ones are refused', async () => {
    const draft = await contract()
    const renamed = await s.h.call('PATCH', `/contracts/${draft.id}`, {
      token: s.east.token,
      version: 1,
      body: { remark: '先改一次' },
    })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    const pending = await contract()
    await s.h.call('POST', `/contracts/${pending.id}/submit`, { token: s.east.token, version: 1, body: {} })
    const west = await contract(s.west.token)
    const res = await call('/contracts/bulk-edit', {
      ids: [draft.id, pending.id, west.id, MISSING],
      changes: { paymentMethod: 'transfer', invoiceType: 'vat_special' },
    })
    expect(bulkOutcomes(res)).toEqual({
      [draft.id]: 'ok',
      [pending.id]: 'record.awaiting_approval',
      [west.id]: 'http.not_found',
      [MISSING]: 'http.not_found',
    })
    expect(await read(`/contracts/${draft.id}`)).toMatchObject({
      paymentMethod: 'transfer',
      invoiceType: 'vat_special',
      version: 3,
    })
    expect(await read(`/contracts/${pending.id}`)).toMatchObject({ paymentMethod: null })
    expect(await auditActions(draft.id)).toEqual(['create', 'update', 'update'])
  })

  it('deletes contracts through the deletion guard: one in force answers with the guard’s code', async () => {
    const draft = await contract()
    const inForce = await approved()
    const res = await call('/contracts/bulk-delete', { ids: [draft.id, inForce.id] })
    expect(bulkOutcomes(res)).toEqual({ [draft.id]: 'ok', [inForce.id]: 'orders.contract.not_deletable' })
    expectProblem(await s.h.call('GET', `/contracts/${draft.id}`, { token: s.east.token }), 404)
    expect((await read(`/contracts/${inForce.id}`)).status).toBe('approved')
    expect(await auditActions(draft.id)).toEqual(['create', 'delete'])
  })

  it('edits and deletes sales orders, quotes and products by their allowed fields', async () => {
    const inForce = await approved()
    const order = await created('/sales-orders', { contractId: inForce.id })
    const orders = await call('/sales-orders/bulk-edit', {
      ids: [order.id],
      changes: { deliveryDate: '2027-03-01' },
    })
    expect(bulkOutcomes(orders)).toEqual({ [order.id]: 'ok' })
    expect(await read(`/sales-orders/${order.id}`)).toMatchObject({ deliveryDate: '2027-03-01' })

    const quote = await created('/quotes', {
      customerId: ACME.id,
      lines: [{ productId: product.id, quantity: '2' }],
    })
    const quotes = await call('/quotes/bulk-edit', { ids: [quote.id], changes: { validUntil: '2027-01-31' } })
    expect(bulkOutcomes(quotes)).toEqual({ [quote.id]: 'ok' })
    expect(await read(`/quotes/${quote.id}`)).toMatchObject({ validUntil: '2027-01-31' })
    const withLines = await call('/quotes/bulk-edit', { ids: [quote.id], changes: { lines: [] } })
    expect(fieldCodes(withLines)).toEqual({ 'changes.lines': 'validation.unknown_field' })
    expect(bulkOutcomes(await call('/quotes/bulk-delete', { ids: [quote.id] }))).toEqual({ [quote.id]: 'ok' })

    const other = await addProduct(s, 'B-VALVE', '50', '13')
    const products = await call(
      '/products/bulk-edit',
      { ids: [product.id, other.id], changes: { unit: 'piece' } },
      s.admin.token,
    )
    expect(bulkOutcomes(products)).toEqual({ [product.id]: 'ok', [other.id]: 'ok' })
    expect(await read(`/products/${other.id}`)).toMatchObject({ unit: 'piece' })
    const off = await call(
      '/products/bulk-edit',
      { ids: [other.id], changes: { onSale: false } },
      s.admin.token,
    )
    expect(bulkOutcomes(off)).toEqual({ [other.id]: 'ok' })
    // Off sale already: left as it is, not an error; the other one goes through the off-sale rule.
    const offAgain = await call(
      '/products/bulk-edit',
      { ids: [other.id, product.id], changes: { onSale: false, unit: 'set' } },
      s.admin.token,
    )
    expect(bulkOutcomes(offAgain)).toEqual({ [other.id]: 'ok', [product.id]: 'ok' })
    expect(await read(`/products/${product.id}`)).toMatchObject({ onSale: false, unit: 'set' })
    expect(await auditActions(product.id)).toEqual(['create', 'update', 'update', 'off_sale'])
    await call('/products/bulk-edit', { ids: [product.id], changes: { onSale: true } }, s.admin.token)
    const gone = await call('/products/bulk-delete', { ids: [other.id] }, s.admin.token)
    expect(bulkOutcomes(gone)).toEqual({ [other.id]: 'ok' })
    expect(await auditActions(other.id)).toEqual(['create', 'update', 'off_sale', 'update', 'delete'])
  })

  it('needs the permission, at most 200 ids and a known field', async () => {
    const draft = await contract()
    const body = { ids: [draft.id], changes: { paymentMethod: 'transfer' } }
    expectProblem(await call('/contracts/bulk-edit', body, s.reader.token), 403)
    expectProblem(await call('/contracts/bulk-delete', { ids: [draft.id] }, s.reader.token), 403)
    const owner = await call('/contracts/bulk-edit', { ids: [draft.id], changes: { ownerId: s.west.id } })
    expect(fieldCodes(owner)).toEqual({ 'changes.ownerId': 'validation.unknown_field' })
    const many = await call('/contracts/bulk-delete', { ids: Array.from({ length: 201 }, () => draft.id) })
    expect(fieldCodes(many)).toEqual({ ids: 'validation.too_many' })
    const bad = await call('/contracts/bulk-edit', { ids: [draft.id], changes: { paymentMethod: 'barter' } })
    expect(bulkOutcomes(bad)).toEqual({ [draft.id]: 'dict.unknown' })
    // The field's own refusal, not a generic "fields are invalid": the reader sees which value.
    expect(bad.body.results[0]).toMatchObject({ field: 'paymentMethod', params: { value: 'barter' } })
    expect(await read(`/contracts/${draft.id}`)).toMatchObject({ version: 1 })
  })
})
