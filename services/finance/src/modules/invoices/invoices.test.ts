import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { startFinance } from '../../test-support/harness.js'
import { figuresOf, seedReceivable } from '../../test-support/receivables.js'

const EAST = randomUUID()
const WEST = randomUUID()

describe('invoices', () => {
  const s = harnessSuite(() => startFinance(), {
    east: { username: 'east-rep', deptIds: [EAST] },
    west: { username: 'west-rep', deptIds: [WEST] },
    eastBoss: { username: 'east-boss', deptIds: [EAST], dataScope: 'dept' },
    clerk: { username: 'clerk', dataScope: 'all' },
    reader: { username: 'reader', dataScope: 'all', permissions: ['finance.invoice.read'] },
  })

  /** A receivable of 100,000.00 owned by the east rep (instalments 30,000 and 70,000). */
  const receivable = (o: Partial<Parameters<typeof seedReceivable>[1]> = {}) =>
    seedReceivable(s.h, { owner: { id: s.east.id, deptId: EAST }, ...o })

  const request = (body: Record<string, unknown>, token = s.clerk.token) =>
    s.h.call('POST', '/invoices', {
      token,
      body: { type: 'vat_special', title: '华东制造有限公司', amount: '10000.00', ...body },
    })
  const act = (id: string, verb: string, version: number, body: unknown, token = s.clerk.token) =>
    s.h.call('POST', `/invoices/${id}/${verb}`, { token, version, body })

  async function requested(receivableId: string, body: Record<string, unknown> = {}) {
    const res = await request({ receivableId, ...body })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }

  it('requests an invoice against a receivable, copying its party, and counts it as invoiced', async () => {
    const r = await receivable()
    const res = await request({
      receivableId: r.id,
      instalmentId: r.instalments[1]!,
      taxNumber: '91310000MA1FL0000X',
      amount: '12345.6',
      remark: '第二期',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      receivableId: r.id,
      contractId: r.contractId,
      contractNumber: r.contractNumber,
      contractName: '年度供货合同',
      customerId: r.customerId,
      customerName: '华东制造有限公司',
      ownerId: s.east.id,
      ownerName: '销售代表',
      instalmentId: r.instalments[1]!,
      instalmentSeq: 2,
      type: 'vat_special',
      amount: '12345.60',
      status: 'requested',
      invoiceNumber: null,
      remark: '第二期',
      version: 1,
    })
    expect(await figuresOf(s.h, r.id)).toMatchObject({ invoiced: '12345.60', invoice_count: 1 })
    const [event] = await s.h.service.db.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = 'finance.receivable.progressed'
        AND payload->>'receivableId' = $1 ORDER BY seq DESC LIMIT 1`,
      [r.id],
    )
    expect(event.payload).toMatchObject({ invoiced: '12345.60', invoiceCount: 1, total: '100000.00' })
    const audit = await s.h.call('GET', `/invoices/${res.body.id}/audit`, { token: s.clerk.token })
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['create'])
  })

  it('refuses an amount beyond what is left to invoice; voided invoices free theirs', async () => {
    const r = await receivable()
    const first = await requested(r.id, { amount: '60000.00' })
    const over = await request({ receivableId: r.id, amount: '40000.01' })
    expectProblem(over, 400)
    expect(over.body.errors).toEqual([
      expect.objectContaining({
        field: 'amount',
        code: 'finance.invoice.exceeds_uninvoiced',
        params: { uninvoiced: '40000.00' },
      }),
    ])
    expect(fieldCodes(await request({ receivableId: r.id, amount: '0.00' }))).toEqual({
      amount: 'validation.money_positive',
    })
    await requested(r.id, { amount: '40000.00' })
    const voided = await act(first.id, 'void', first.version, { reason: '抬头有误' })
    expect(voided.status, JSON.stringify(voided.body)).toBe(200)
    expect(await figuresOf(s.h, r.id)).toMatchObject({ invoiced: '40000.00', invoice_count: 1 })
    await requested(r.id, { amount: '60000.00' })
    expect(fieldCodes(await request({ receivableId: r.id, amount: '0.01' }))).toEqual({
      amount: 'finance.invoice.exceeds_uninvoiced',
    })
  })

  it('lets exactly as many concurrent requests through as the total allows', async () => {
    const r = await receivable()
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => request({ receivableId: r.id, amount: '30000.00' })),
    )
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses).toEqual([201, 201, 201, 400, 400, 400, 400, 400])
    expect(await figuresOf(s.h, r.id)).toMatchObject({ invoiced: '90000.00', invoice_count: 3 })
    // Two that each fit alone but not together: exactly one succeeds.
    const pair = await receivable()
    const both = await Promise.all([
      request({ receivableId: pair.id, amount: '60000.00' }),
      request({ receivableId: pair.id, amount: '50000.00' }),
    ])
    expect(both.map((a) => a.status).sort()).toEqual([201, 400])
  })

  it('checks the receivable, the instalment and the dictionaries', async () => {
    const r = await receivable({ plan: [{ amount: '30000.00' }, { amount: '70000.00', cancelled: true }] })
    const other = await receivable()
    const cancelled = await receivable({ status: 'cancelled' })
    const west = await seedReceivable(s.h, { owner: { id: s.west.id, deptId: WEST } })
    const codes = async (body: Record<string, unknown>, token?: string) => {
      const res = await request(body, token)
      expectProblem(res, 400)
      return fieldCodes(res)
    }
    expect(await codes({ receivableId: randomUUID() })).toEqual({
      receivableId: 'finance.invoice.receivable_unknown',
    })
    // Out of the east rep's scope: the same answer as one that does not exist.
    expect(await codes({ receivableId: west.id }, s.east.token)).toEqual({
      receivableId: 'finance.invoice.receivable_unknown',
    })
    expect(await codes({ receivableId: cancelled.id })).toEqual({
      receivableId: 'finance.invoice.receivable_cancelled',
    })
    expect(await codes({ receivableId: r.id, instalmentId: other.instalments[0]! })).toEqual({
      instalmentId: 'finance.invoice.instalment_unknown',
    })
    expect(await codes({ receivableId: r.id, instalmentId: r.instalments[1]! })).toEqual({
      instalmentId: 'finance.invoice.instalment_unknown',
    })
    expect(Object.keys(await codes({ receivableId: r.id, type: 'no_such_type' }))).toEqual(['type'])
    const ok = await requested(r.id, { title: '华东制造' })
    await act(ok.id, 'issue', ok.version, { invoiceNumber: 'FP0001', issueDate: '2026-03-01' })
    const mail = await act(ok.id, 'mail', ok.version + 1, { courier: 'pigeon', trackingNumber: 'X1' })
    expectProblem(mail, 400)
    expect(Object.keys(fieldCodes(mail))).toEqual(['courier'])
  })

  it('moves requested → issued → mailed → voided; wrong states are 409s, edits after issue only the remark', async () => {
    const r = await receivable()
    const v = await requested(r.id)
    const early = await act(v.id, 'mail', v.version, { courier: 'sf', trackingNumber: 'SF1' })
    expect(expectProblem(early, 409).code).toBe('finance.invoice.not_mailable')
    const edited = await s.h.call('PATCH', `/invoices/${v.id}`, {
      token: s.clerk.token,
      version: v.version,
      body: { amount: '20000.00', title: '华东制造（上海）有限公司' },
    })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect(edited.body).toMatchObject({ amount: '20000.00', title: '华东制造（上海）有限公司', version: 2 })
    expect(await figuresOf(s.h, r.id)).toMatchObject({ invoiced: '20000.00' })

    const issued = await act(v.id, 'issue', 2, { invoiceNumber: 'FP20260301', issueDate: '2026-03-01' })
    expect(issued.status, JSON.stringify(issued.body)).toBe(200)
    expect(issued.body).toMatchObject({
      status: 'issued',
      invoiceNumber: 'FP20260301',
      issueDate: '2026-03-01',
    })
    const again = await act(v.id, 'issue', 3, { invoiceNumber: 'X', issueDate: '2026-03-01' })
    expect(expectProblem(again, 409).code).toBe('finance.invoice.not_issuable')
    const amount = await s.h.call('PATCH', `/invoices/${v.id}`, {
      token: s.clerk.token,
      version: 3,
      body: { amount: '1.00' },
    })
    expect(expectProblem(amount, 409).code).toBe('finance.invoice.not_editable')
    const remark = await s.h.call('PATCH', `/invoices/${v.id}`, {
      token: s.clerk.token,
      version: 3,
      body: { remark: '已通知客户' },
    })
    expect(remark.status, JSON.stringify(remark.body)).toBe(200)
    const del = await s.h.call('DELETE', `/invoices/${v.id}`, { token: s.clerk.token, version: 4 })
    expect(expectProblem(del, 409).code).toBe('finance.invoice.not_deletable')
    expectProblem(await act(v.id, 'mail', 3, { courier: 'sf', trackingNumber: 'SF1' }), 412)

    const mailed = await act(v.id, 'mail', 4, { courier: 'sf', trackingNumber: 'SF1234567890' })
    expect(mailed.status, JSON.stringify(mailed.body)).toBe(200)
    expect(mailed.body).toMatchObject({ status: 'mailed', courier: 'sf', trackingNumber: 'SF1234567890' })
    expect(mailed.body.mailedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const voided = await act(v.id, 'void', 5, { reason: '客户退票' })
    expect(voided.body).toMatchObject({ status: 'voided', voidReason: '客户退票' })
    expect(expectProblem(await act(v.id, 'void', 6, { reason: '再次' }), 409).code).toBe(
      'finance.invoice.already_voided',
    )
    expect(await figuresOf(s.h, r.id)).toMatchObject({ invoiced: '0.00', invoice_count: 0 })
    const audit = await s.h.call('GET', `/invoices/${v.id}/audit`, { token: s.clerk.token })
    expect(audit.body.map((e: { action: string }) => e.action).sort()).toEqual(
      ['create', 'update', 'issue', 'update', 'mail', 'void'].sort(),
    )
  })

  it('deletes only a requested invoice; a restore checks the limit again', async () => {
    const r = await receivable()
    const v = await requested(r.id, { amount: '50000.00' })
    const gone = await s.h.call('DELETE', `/invoices/${v.id}`, { token: s.clerk.token, version: v.version })
    expect(gone.status, JSON.stringify(gone.body)).toBe(204)
    expect(await figuresOf(s.h, r.id)).toMatchObject({ invoiced: '0.00', invoice_count: 0 })
    const bin = await s.h.call('GET', '/recycle-bin', { token: s.clerk.token })
    expect(bin.body.items.map((i: { id: string }) => i.id)).toContain(v.id)
    await requested(r.id, { amount: '60000.00' })
    const refused = await s.h.call('POST', `/invoices/${v.id}/restore`, { token: s.clerk.token })
    expectProblem(refused, 400)
    expect(fieldCodes(refused)).toEqual({ amount: 'finance.invoice.exceeds_uninvoiced' })
    const fits = await receivable()
    const w = await requested(fits.id, { amount: '50000.00' })
    await s.h.call('DELETE', `/invoices/${w.id}`, { token: s.clerk.token, version: w.version })
    const back = await s.h.call('POST', `/invoices/${w.id}/restore`, { token: s.clerk.token })
    expect(back.status, JSON.stringify(back.body)).toBe(200)
    expect(await figuresOf(s.h, fits.id)).toMatchObject({ invoiced: '50000.00', invoice_count: 1 })
  })

  it('keeps invoices in the receivable’s scope: 404 outside it, 403 without the permission', async () => {
    const r = await receivable()
    const v = await requested(r.id)
    expect((await s.h.call('GET', `/invoices/${v.id}`, { token: s.east.token })).status).toBe(200)
    expect((await s.h.call('GET', `/invoices/${v.id}`, { token: s.eastBoss.token })).status).toBe(200)
    expectProblem(await s.h.call('GET', `/invoices/${v.id}`, { token: s.west.token }), 404)
    expectProblem(await act(v.id, 'void', v.version, { reason: '越权' }, s.west.token), 404)
    const westList = await s.h.call('GET', `/invoices?receivableId=${r.id}`, { token: s.west.token })
    expect(westList.body.items).toEqual([])
    expectProblem(await request({ receivableId: r.id }, s.reader.token), 403)
    expectProblem(await act(v.id, 'void', v.version, { reason: '只读' }, s.reader.token), 403)
    expect((await s.h.call('GET', `/invoices/${v.id}`, { token: s.reader.token })).status).toBe(200)
  })

  it('finds invoices by customer name, contract number and invoice number', async () => {
    const tag = randomUUID().slice(0, 4).toUpperCase()
    const a = await receivable({ customerName: `星河${tag}电子有限公司`, contractNumber: `HT${tag}0001` })
    const b = await receivable({ customerName: `远山${tag}贸易`, contractNumber: `HT${tag}0002` })
    const va = await requested(a.id)
    const vb = await requested(b.id)
    await act(vb.id, 'issue', vb.version, { invoiceNumber: `FP${tag}77`, issueDate: '2026-03-01' })
    const ids = async (query: string) => {
      const res = await s.h.call('GET', `/invoices?${query}`, { token: s.clerk.token })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      return res.body.items.map((i: { id: string }) => i.id).sort()
    }
    expect(await ids(`q=${encodeURIComponent(`星河${tag}`)}`)).toEqual([va.id])
    expect(await ids(`q=${encodeURIComponent(`${tag}贸易`)}`)).toEqual([vb.id])
    expect(await ids(`q=HT${tag}000`)).toEqual([va.id, vb.id].sort())
    expect(await ids(`q=ht${tag}0002`)).toEqual([vb.id])
    expect(await ids(`q=FP${tag}`)).toEqual([vb.id])
    expect(await ids(`q=HT${tag}&status=issued`)).toEqual([vb.id])
    expect(await ids(`customerId=${a.customerId}`)).toEqual([va.id])
    expect(await ids(`contractId=${b.contractId}&type=vat_special`)).toEqual([vb.id])
  })
})
