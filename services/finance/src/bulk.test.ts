import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { bulkOutcomes, expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { startFinance } from './test-support/harness.js'
import { paymentBody, recordPayment } from './test-support/payments.js'
import { figuresOf, seedReceivable } from './test-support/receivables.js'

const EAST = randomUUID()
const WEST = randomUUID()
const MISSING = '00000000-0000-4000-8000-0000000000ff'

/** Bulk edit of invoices and bulk delete of invoices and payments, through each record's own rules. */
describe('finance bulk operations', () => {
  const s = harnessSuite(() => startFinance(), {
    east: { username: 'east-rep', deptIds: [EAST] },
    west: { username: 'west-rep', deptIds: [WEST] },
    clerk: { username: 'clerk', dataScope: 'all' },
    reader: { username: 'reader', dataScope: 'all', permissions: ['finance.invoice.read'] },
  })

  const receivable = (owner = { id: s.east.id, deptId: EAST }) => seedReceivable(s.h, { owner })
  const invoice = async (receivableId: string, token = s.clerk.token) => {
    const res = await s.h.call('POST', '/invoices', {
      token,
      body: { receivableId, type: 'vat_special', title: '华东制造有限公司', amount: '1000.00' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body as { id: string; version: number }
  }
  const bulk = (path: string, body: unknown, token = s.east.token) => s.h.call('POST', path, { token, body })
  const read = async (path: string) => (await s.h.call('GET', path, { token: s.clerk.token })).body
  const auditActions = async (entityId: string) =>
    (
      await s.h.service.db.dataSource.query(
        'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq',
        [entityId],
      )
    ).map((r: { action: string }) => r.action)

  it('edits invoice types at their current version; another department’s is a 404 without its title', async () => {
    const r = await receivable()
    const edited = await invoice(r.id)
    const patched = await s.h.call('PATCH', `/invoices/${edited.id}`, {
      token: s.clerk.token,
      version: 1,
      body: { remark: '先改一次' },
    })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    const plain = await invoice(r.id)
    const west = await invoice((await receivable({ id: s.west.id, deptId: WEST })).id)
    const res = await bulk('/invoices/bulk-edit', {
      ids: [edited.id, plain.id, west.id, MISSING],
      changes: { type: 'vat_ordinary' },
    })
    expect(bulkOutcomes(res)).toEqual({
      [edited.id]: 'ok',
      [plain.id]: 'ok',
      [west.id]: 'http.not_found',
      [MISSING]: 'http.not_found',
    })
    expect(await read(`/invoices/${edited.id}`)).toMatchObject({ type: 'vat_ordinary', version: 3 })
    expect(await read(`/invoices/${west.id}`)).toMatchObject({ type: 'vat_special', version: 1 })
    expect(await auditActions(plain.id)).toEqual(['create', 'update'])
    const bad = await bulk('/invoices/bulk-edit', { ids: [plain.id], changes: { type: 'no_such_type' } })
    expect(bulkOutcomes(bad)).toEqual({ [plain.id]: 'dict.unknown' })
    // The field's own refusal, not a generic "fields are invalid": the reader sees which value.
    expect(bad.body.results[0]).toMatchObject({ field: 'type', params: { value: 'no_such_type' } })
  })

  it('deletes invoices through the deletion guard: an issued one answers with the guard’s code', async () => {
    const r = await receivable()
    const requested = await invoice(r.id)
    const issued = await invoice(r.id)
    const done = await s.h.call('POST', `/invoices/${issued.id}/issue`, {
      token: s.clerk.token,
      version: 1,
      body: { invoiceNumber: 'FP-BULK-1', issueDate: '2026-03-01' },
    })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    const res = await bulk('/invoices/bulk-delete', { ids: [requested.id, issued.id] }, s.clerk.token)
    expect(bulkOutcomes(res)).toEqual({ [requested.id]: 'ok', [issued.id]: 'finance.invoice.not_deletable' })
    expectProblem(await s.h.call('GET', `/invoices/${requested.id}`, { token: s.clerk.token }), 404)
    expect(await figuresOf(s.h, r.id)).toMatchObject({ invoiced: '1000.00', invoice_count: 1 })
    expect(await auditActions(requested.id)).toEqual(['create', 'delete'])
  })

  it('deletes payments through their deletion rule', async () => {
    const r = await receivable()
    const pay = async (amount: string) => {
      const res = await recordPayment(s.h, s.clerk.token, paymentBody(r.id, amount))
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return res.body as { id: string }
    }
    const a = await pay('100.00')
    const b = await pay('200.00')
    const res = await bulk('/payments/bulk-delete', { ids: [a.id, b.id, MISSING] }, s.clerk.token)
    expect(bulkOutcomes(res)).toEqual({ [a.id]: 'ok', [b.id]: 'ok', [MISSING]: 'http.not_found' })
    expect(await auditActions(a.id)).toEqual(['create', 'delete'])
    const left = await s.h.call('GET', `/payments?receivableId=${r.id}`, { token: s.clerk.token })
    expect(left.body.items).toEqual([])
  })

  it('needs the permission, a known field and at most 200 ids', async () => {
    const r = await receivable()
    const inv = await invoice(r.id)
    const body = { ids: [inv.id], changes: { type: 'vat_ordinary' } }
    expectProblem(await bulk('/invoices/bulk-edit', body, s.reader.token), 403)
    expectProblem(await bulk('/invoices/bulk-delete', { ids: [inv.id] }, s.reader.token), 403)
    expectProblem(await bulk('/payments/bulk-delete', { ids: [inv.id] }, s.reader.token), 403)
    const amount = await bulk('/invoices/bulk-edit', { ids: [inv.id], changes: { amount: '1.00' } })
    expect(fieldCodes(amount)).toEqual({ 'changes.amount': 'validation.unknown_field' })
    const many = await bulk('/invoices/bulk-delete', { ids: Array.from({ length: 201 }, () => inv.id) })
    expect(fieldCodes(many)).toEqual({ ids: 'validation.too_many' })
    expect(await read(`/invoices/${inv.id}`)).toMatchObject({ version: 1 })
  })
})
