import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApprovalDecidedPayload } from '@mosaic/schemas'
import { TEST_PNG, uploadFile } from '@mosaic/service-kit/testing'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { decideApproval } from '../../test-support/approvals.js'
import { ACME, BROKEN, ZHANG } from '../../test-support/fake-sales.js'
import { addProduct, EAST, ordersSuite, READER, REPS } from '../../test-support/suite.js'

const SECRET = 'contracts-test-secret-0123456789abcdef'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

describe('contracts', () => {
  const s = ordersSuite(SECRET, {
    ...REPS,
    reader: READER,
    // Restores contracts and nothing else: the orders bin is theirs to open.
    restorer: { username: 'restorer', deptIds: [EAST], permissions: ['orders.contract.restore'] },
  })
  let bolt: { id: string }
  let cable: { id: string }

  beforeAll(async () => {
    bolt = await addProduct(s, 'C-BOLT', '0.35', '13')
    cable = await addProduct(s, 'C-CABLE', '1000', '13')
  })

  const create = (body: Record<string, unknown>, token = s.east.token) =>
    s.h.call('POST', '/contracts', {
      token,
      body: {
        name: '二期设备采购',
        customerId: ACME.id,
        lines: [{ productId: cable.id, quantity: '1' }],
        ...body,
      },
    })
  const get = (id: string, token = s.east.token) => s.h.call('GET', `/contracts/${id}`, { token })
  const post = (path: string, version: number | undefined, body: unknown, token = s.east.token) =>
    s.h.call('POST', path, { token, version, body })
  const outbox = async (topic: string) =>
    (await s.h.service.db.dataSource.query('SELECT payload FROM outbox_event WHERE topic = $1 ORDER BY seq', [
      topic,
    ])) as Array<{ payload: Record<string, unknown> }>

  /** What admin answers once the flow ends: delivered through the service's approval handler. */
  const decide = (
    docType: 'contract' | 'contract-change',
    docId: string,
    outcome: ApprovalDecidedPayload['outcome'],
    requestId?: string,
  ) =>
    decideApproval(s.h, s.admin, docType, docId, outcome, {
      comment: outcome === 'approved' ? '同意' : '金额需复核',
      ...(requestId ? { requestId } : {}),
    })

  /** A contract brought into force: created, submitted and approved. */
  async function inForce(body: Record<string, unknown> = {}, token = s.east.token) {
    const draft = await create(body, token)
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    const sent = await post(`/contracts/${draft.body.id}/submit`, draft.body.version, {}, token)
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    await decide('contract', draft.body.id, 'approved')
    const res = await get(draft.body.id, token)
    expect(res.body.status).toBe('approved')
    return res.body
  }

  it('drafts a numbered contract with every field, the customer snapshot and tax-included figures', async () => {
    const res = await create({
      contactId: ZHANG.id,
      paymentMethod: 'transfer',
      prepayRatio: '30',
      retentionRatio: '5',
      warrantyMonths: 12,
      invoiceType: 'vat_special',
      invoiceTitle: '顶点科技有限公司',
      invoiceTaxNumber: '91310000MA1FL0000X',
      invoiceAddressPhone: '上海市浦东新区 021-5000000',
      invoiceBank: '招商银行上海分行',
      invoiceAccount: '6214830000000000',
      deliveryDate: '2027-01-15',
      consignee: '李四',
      consigneePhone: '13900000000',
      deliveryAddress: '上海市浦东新区张江路 1 号',
      signDate: '2026-12-05',
      startDate: '2026-12-05',
      endDate: '2027-12-04',
      remark: '含安装调试',
      lines: [
        // The product's reference price 1000 excludes tax: the line's default is 1130.00 incl. 13 %.
        { productId: cable.id, quantity: '2', discountPercent: '10' },
        // 3 × 0.35 × 0.9 = 0.945 → 0.95; tax 0.95 × 13/113 = 0.109… → 0.11; net 0.84
        { productId: bolt.id, quantity: '3', unitPrice: '0.35', discountPercent: '10' },
      ],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.number).toMatch(/^HT\d{8}\d+$/)
    expect(res.body).toMatchObject({
      status: 'draft',
      revision: 0,
      name: '二期设备采购',
      customerId: ACME.id,
      customerName: '顶点科技',
      contactId: ZHANG.id,
      contactName: '张三',
      contactPhone: '13800000000',
      quoteId: null,
      paymentMethod: 'transfer',
      prepayRatio: '30.00',
      retentionRatio: '5.00',
      warrantyMonths: 12,
      invoiceType: 'vat_special',
      invoiceTitle: '顶点科技有限公司',
      invoiceAccount: '6214830000000000',
      deliveryDate: '2027-01-15',
      consignee: '李四',
      signDate: '2026-12-05',
      startDate: '2026-12-05',
      endDate: '2027-12-04',
      ownerId: s.east.id,
      ownerName: 'east-rep',
      deptId: EAST,
      attachments: [],
      pendingChange: null,
      endReason: null,
    })
    // 2 × 1130 × 0.9 = 2034.00 incl. tax; tax 2034 × 13/113 = 234.00; net 1800.00
    expect(res.body.lines.map((l: Record<string, string>) => [l.unitPrice, l.net, l.tax, l.total])).toEqual([
      ['1130.00', '1800.00', '234.00', '2034.00'],
      ['0.35', '0.84', '0.11', '0.95'],
    ])
    expect(res.body).toMatchObject({ subtotal: '1800.84', taxTotal: '234.11', total: '2034.95' })
  })

  it('never issues one number twice: 20 concurrent creations, 20 distinct HT numbers', async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => create({})))
    expect(all.map((r) => r.status)).toEqual(Array(20).fill(201))
    const numbers = new Set(all.map((r) => r.body.number as string))
    expect(numbers.size).toBe(20)
    for (const n of numbers) expect(n).toMatch(/^HT/)
  })

  it('refuses bad input per field: dictionaries, end before start, ratios, no customer or lines', async () => {
    const bad = await create({
      paymentMethod: 'barter',
      invoiceType: 'receipt',
    })
    expectProblem(bad, 400)
    expect(Object.keys(fieldCodes(bad)).sort()).toEqual(['invoiceType', 'paymentMethod'])
    const dates = await create({ startDate: '2027-01-02', endDate: '2027-01-01' })
    expect(fieldCodes(dates)).toEqual({ endDate: 'orders.contract.end_before_start' })
    const ratio = await create({ prepayRatio: '100.01', warrantyMonths: -1 })
    expect(Object.keys(fieldCodes(ratio)).sort()).toEqual(['prepayRatio', 'warrantyMonths'])
    const none = await s.h.call('POST', '/contracts', { token: s.east.token, body: { name: 'x' } })
    expect(fieldCodes(none)).toEqual({ customerId: 'orders.contract.customer_required' })
    const noLines = await s.h.call('POST', '/contracts', {
      token: s.east.token,
      body: { name: 'x', customerId: ACME.id },
    })
    expect(fieldCodes(noLines)).toEqual({ lines: 'orders.contract.lines_required' })
    const unknown = await create({ customerId: randomUUID() })
    expect(fieldCodes(unknown)).toEqual({ customerId: 'orders.quote.customer_unknown' })
    const down = await create({ customerId: BROKEN })
    expect(expectProblem(down, 503).code).toBe('orders.sales_unavailable')
  })

  it('creates from an approved quote: customer, contact and lines copied, prices turned tax-included', async () => {
    const quote = await s.h.call('POST', '/quotes', {
      token: s.east.token,
      body: {
        customerId: ACME.id,
        contactId: ZHANG.id,
        lines: [
          { productId: cable.id, quantity: '2', unitPrice: '1000', taxRate: '13' },
          { productId: bolt.id, quantity: '3', discountPercent: '10' },
        ],
      },
    })
    expect(quote.status, JSON.stringify(quote.body)).toBe(201)
    const from = () =>
      s.h.call('POST', '/contracts', {
        token: s.east.token,
        body: { name: '来自报价', quoteId: quote.body.id },
      })
    // A draft quote is not a source.
    expect(fieldCodes(await from())).toEqual({ quoteId: 'orders.contract.quote_not_usable' })
    await s.h.service.db.dataSource.query(`UPDATE quote SET status = 'approved' WHERE id = $1`, [
      quote.body.id,
    ])
    const res = await from()
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      quoteId: quote.body.id,
      quoteNumber: quote.body.number,
      customerId: ACME.id,
      contactId: ZHANG.id,
      contactName: '张三',
    })
    expect(
      res.body.lines.map((l: Record<string, string>) => [
        l.productId,
        l.quantity,
        l.unitPrice,
        l.discountPercent,
      ]),
    ).toEqual([
      [cable.id, '2.0000', '1130.00', '0.00'],
      // 0.35 × 1.13 = 0.3955 → 0.40
      [bolt.id, '3.0000', '0.40', '10.00'],
    ])
    // The quote's 2260.00 line is the contract's 2260.00 line.
    expect(res.body.lines[0].total).toBe(quote.body.lines[0].total)
    // A quote outside the caller's scope is unknown.
    const west = await s.h.call('POST', '/contracts', {
      token: s.west.token,
      body: { name: 'x', quoteId: quote.body.id },
    })
    expect(fieldCodes(west)).toEqual({ quoteId: 'orders.contract.quote_unknown' })
  })

  it('submits for approval (locked while pending), and the decision moves it: rejected → editable, approved → in force', async () => {
    const draft = await create({
      prepayRatio: '30',
      retentionRatio: '5',
      warrantyMonths: 12,
      signDate: '2026-12-05',
    })
    const id = draft.body.id
    const sent = await post(`/contracts/${id}/submit`, 1, { comment: '请审批' })
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    expect(sent.body.status).toBe('pending')
    const [requested] = (await outbox('orders.approval.requested')).filter((e) => e.payload.docId === id)
    expect(requested!.payload).toMatchObject({
      docType: 'contract',
      docNumber: draft.body.number,
      amount: '1130.00',
      link: `/sales/contracts?open=${id}`,
      ownerId: s.east.id,
      comment: '请审批',
    })
    // Locked while it waits.
    const edit = await s.h.call('PATCH', `/contracts/${id}`, {
      token: s.east.token,
      version: 2,
      body: { name: 'y' },
    })
    expect(expectProblem(edit, 409).code).toBe('record.awaiting_approval')
    expect(expectProblem(await post(`/contracts/${id}/submit`, 2, {}), 409).code).toBe(
      'record.awaiting_approval',
    )

    await decide('contract', id, 'rejected')
    const rejected = await get(id)
    expect(rejected.body).toMatchObject({ status: 'rejected', revision: 0 })
    const fixed = await s.h.call('PATCH', `/contracts/${id}`, {
      token: s.east.token,
      version: rejected.body.version,
      body: { lines: [{ productId: cable.id, quantity: '2' }] },
    })
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200)
    expect(fixed.body.total).toBe('2260.00')

    const again = await post(`/contracts/${id}/submit`, fixed.body.version, {})
    expect(again.body.status).toBe('pending')
    // A stale decision (the first submission's) changes nothing.
    await decide('contract', id, 'approved', requested!.payload.requestId as string)
    expect((await get(id)).body.status).toBe('pending')
    await decide('contract', id, 'approved')
    const approved = await get(id)
    expect(approved.body).toMatchObject({ status: 'approved', revision: 1 })
    const [event] = (await outbox('orders.contract.approved')).filter((e) => e.payload.id === id)
    expect(event!.payload).toMatchObject({
      number: draft.body.number,
      customerId: ACME.id,
      customerName: '顶点科技',
      ownerId: s.east.id,
      revision: 1,
      amounts: { total: '2260.00', prepayRatio: '30.00', retentionRatio: '5.00', warrantyMonths: 12 },
      signDate: '2026-12-05',
      lines: [{ productId: cable.id, quantity: '2.0000', total: '2260.00' }],
    })
    const revisions = await s.h.call('GET', `/contracts/${id}/revisions`, { token: s.east.token })
    expect(revisions.body.map((r: { revision: number }) => r.revision)).toEqual([1])
    // In force: edits are changes now.
    const patch = await s.h.call('PATCH', `/contracts/${id}`, {
      token: s.east.token,
      version: approved.body.version,
      body: { name: 'z' },
    })
    expect(expectProblem(patch, 409).code).toBe('orders.contract.not_editable')
    // Nor does an earlier version come back around the approval.
    const back = await s.h.call('POST', `/contracts/${id}/versions/1/restore`, {
      token: s.east.token,
      version: approved.body.version,
    })
    expect(expectProblem(back, 409).code).toBe('orders.contract.not_editable')
    expect((await get(id)).body).toMatchObject({ status: 'approved', total: '2260.00' })
  })

  it('a change waits while the contract stays in force; approved → new values, revision +1, the old one kept', async () => {
    const contract = await inForce({ prepayRatio: '30' })
    const id = contract.id
    const change = await post(`/contracts/${id}/changes`, undefined, {
      reason: '客户追加数量',
      prepayRatio: '20',
      lines: [{ productId: cable.id, quantity: '3' }],
    })
    expect(change.status, JSON.stringify(change.body)).toBe(201)
    expect(change.body).toMatchObject({
      status: 'pending',
      reason: '客户追加数量',
      baseRevision: 1,
      totalBefore: '1130.00',
      totalAfter: '3390.00',
    })
    const [requested] = (await outbox('orders.approval.requested')).filter(
      (e) => e.payload.docId === change.body.id,
    )
    expect(requested!.payload).toMatchObject({ docType: 'contract-change', amount: '3390.00' })
    // Unchanged and still in force while the change waits; a second change cannot start.
    const waiting = await get(id)
    expect(waiting.body).toMatchObject({
      status: 'approved',
      total: '1130.00',
      prepayRatio: '30.00',
      revision: 1,
    })
    expect(waiting.body.pendingChange).toMatchObject({ id: change.body.id, total: '3390.00' })
    const second = await post(`/contracts/${id}/changes`, undefined, { reason: '再改', remark: 'x' })
    expect(expectProblem(second, 409).code).toBe('orders.contract.change_pending')

    await decide('contract-change', change.body.id, 'approved')
    const after = await get(id)
    expect(after.body).toMatchObject({
      status: 'approved',
      revision: 2,
      total: '3390.00',
      prepayRatio: '20.00',
      pendingChange: null,
    })
    const revisions = await s.h.call('GET', `/contracts/${id}/revisions`, { token: s.east.token })
    expect(
      revisions.body.map((r: { revision: number; values: { total: string } }) => [
        r.revision,
        r.values.total,
      ]),
    ).toEqual([
      [1, '1130.00'],
      [2, '3390.00'],
    ])
    expect(revisions.body[1]).toMatchObject({ changeId: change.body.id, reason: '客户追加数量' })
    const [changed] = (await outbox('orders.contract.changed')).filter((e) => e.payload.id === id)
    expect(changed!.payload).toMatchObject({
      changeId: change.body.id,
      revision: 2,
      previousRevision: 1,
      totalBefore: '1130.00',
      totalAfter: '3390.00',
      amounts: { prepayRatio: '20.00' },
    })
    const changes = await s.h.call('GET', `/contracts/${id}/changes`, { token: s.east.token })
    expect(changes.body.map((c: { status: string }) => c.status)).toEqual(['approved'])
  })

  it('a rejected change leaves the contract as it was and is kept as rejected; an empty change is refused', async () => {
    const contract = await inForce()
    const id = contract.id
    const empty = await post(`/contracts/${id}/changes`, undefined, { reason: '无变化', name: contract.name })
    expect(expectProblem(empty, 409).code).toBe('orders.contract.change_empty')
    const noReason = await post(`/contracts/${id}/changes`, undefined, { name: '新名' })
    expect(fieldCodes(noReason)).toHaveProperty('reason')
    const change = await post(`/contracts/${id}/changes`, undefined, { reason: '改名', name: '新名' })
    expect(change.status).toBe(201)
    await decide('contract-change', change.body.id, 'rejected')
    const after = await get(id)
    expect(after.body).toMatchObject({
      name: contract.name,
      revision: 1,
      total: contract.total,
      pendingChange: null,
    })
    expect(after.body.version).toBe(contract.version)
    const changes = await s.h.call('GET', `/contracts/${id}/changes`, { token: s.east.token })
    expect(changes.body).toMatchObject([
      { status: 'rejected', comment: '金额需复核', decidedByName: '审批人' },
    ])
    expect((await outbox('orders.contract.changed')).filter((e) => e.payload.id === id)).toEqual([])
    // Withdrawn likewise; then a new change may start.
    const next = await post(`/contracts/${id}/changes`, undefined, { reason: '改名', name: '新名 2' })
    await decide('contract-change', next.body.id, 'withdrawn')
    expect((await get(id)).body.name).toBe(contract.name)
    expect((await post(`/contracts/${id}/changes`, undefined, { reason: '再改', remark: 'r' })).status).toBe(
      201,
    )
    // Drafts are edited, not changed.
    const draft = await create({})
    expect(
      expectProblem(
        await post(`/contracts/${draft.body.id}/changes`, undefined, { reason: 'x', remark: 'r' }),
        409,
      ).code,
    ).toBe('orders.contract.not_in_force')
  })

  it('deletes only drafts / rejected without dependants, to the recycle bin; otherwise says why', async () => {
    const contract = await inForce()
    const refused = await s.h.call('DELETE', `/contracts/${contract.id}`, {
      token: s.east.token,
      version: contract.version,
    })
    expect(expectProblem(refused, 409).code).toBe('orders.contract.not_deletable')
    const state = await s.h.call('GET', `/contracts/${contract.id}/dependants`, { token: s.east.token })
    expect(state.body).toEqual({ dependants: [], canDelete: false, canVoid: true, canTerminate: true })

    // A sales order on a draft (the API makes orders only from contracts in force: written directly).
    const draft = await create({})
    await s.h.service.db.dataSource.query(
      `INSERT INTO sales_order (id, number, contract_id, contract_number, contract_name, customer_id,
         customer_name, lines, subtotal, tax_total, total)
       VALUES ($1, 'XS2026120500001', $2, 'HT', '合同', $3, '顶点科技', '[]', 0, 0, 0)`,
      [randomUUID(), draft.body.id, ACME.id],
    )
    const blocked = await s.h.call('DELETE', `/contracts/${draft.body.id}`, {
      token: s.east.token,
      version: 1,
    })
    const problem = expectProblem(blocked, 409)
    expect(problem.code).toBe('orders.contract.has_dependants')
    expect(problem.detail).toContain('XS2026120500001')
    expect(blocked.body.dependants).toEqual([{ kind: 'order', count: 1, examples: ['XS2026120500001'] }])
    const named = await s.h.call('GET', `/contracts/${draft.body.id}/dependants`, { token: s.east.token })
    expect(named.body).toMatchObject({ canDelete: false, dependants: [{ kind: 'order', count: 1 }] })
    await s.h.service.db.dataSource.query(
      'UPDATE sales_order SET deleted_at = now() WHERE contract_id = $1',
      [draft.body.id],
    )

    const gone = await s.h.call('DELETE', `/contracts/${draft.body.id}`, { token: s.east.token, version: 1 })
    expect(gone.status, JSON.stringify(gone.body)).toBe(204)
    expect((await get(draft.body.id)).status).toBe(404)
    const bin = await s.h.call('GET', '/recycle-bin', { token: s.east.token })
    expect(bin.body.items.map((i: { id: string }) => i.id)).toContain(draft.body.id)
    expect((await s.h.call('GET', '/recycle-bin', { token: s.restorer.token })).status).toBe(200)
    expect((await s.h.call('GET', '/recycle-bin', { token: s.reader.token })).status).toBe(403)
    const audit = await s.h.service.db.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'contract' AND entity_id = $1 ORDER BY at`,
      [draft.body.id],
    )
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'delete'])
    const restored = await s.h.call('POST', `/contracts/${draft.body.id}/restore`, { token: s.east.token })
    expect(restored.status).toBe(200)
    await s.h.service.db.dataSource.query('DELETE FROM sales_order WHERE contract_id = $1', [draft.body.id])
  })

  it('void and terminate need a reason, are audited and publish orders.contract.voided with the kind', async () => {
    const a = await inForce()
    const noReason = await post(`/contracts/${a.id}/void`, a.version, {})
    expect(fieldCodes(noReason)).toHaveProperty('reason')
    const blank = await post(`/contracts/${a.id}/terminate`, a.version, { reason: '   ' })
    expect(blank.status).toBe(400)
    const change = await post(`/contracts/${a.id}/changes`, undefined, { reason: '改', remark: 'r' })
    const voided = await post(`/contracts/${a.id}/void`, a.version, { reason: '客户取消采购' })
    expect(voided.status, JSON.stringify(voided.body)).toBe(200)
    expect(voided.body).toMatchObject({ status: 'voided', endReason: '客户取消采购', pendingChange: null })
    // The waiting change lapsed with it; its late approval changes nothing.
    await decide('contract-change', change.body.id, 'approved')
    expect((await get(a.id)).body).toMatchObject({ status: 'voided', revision: 1 })
    const [event] = (await outbox('orders.contract.voided')).filter((e) => e.payload.id === a.id)
    expect(event!.payload).toMatchObject({ kind: 'voided', reason: '客户取消采购', total: a.total })

    const b = await inForce()
    const ended = await post(`/contracts/${b.id}/terminate`, b.version, { reason: '对方违约' })
    expect(ended.body).toMatchObject({ status: 'terminated', endReason: '对方违约' })
    const [terminated] = (await outbox('orders.contract.voided')).filter((e) => e.payload.id === b.id)
    expect(terminated!.payload).toMatchObject({ kind: 'terminated', reason: '对方违约' })
    const audit = await s.h.service.db.dataSource.query(
      `SELECT action, note FROM audit_log WHERE entity_type = 'contract' AND entity_id = $1 ORDER BY at`,
      [b.id],
    )
    expect(audit.map((r: { action: string }) => r.action)).toEqual([
      'create',
      'submit',
      'approve',
      'terminate',
    ])
    expect(audit.at(-1).note).toBe('对方违约')
    // Only a contract in force ends.
    expect(
      expectProblem(await post(`/contracts/${b.id}/void`, ended.body.version, { reason: 'x' }), 409).code,
    ).toBe('orders.contract.not_in_force')
    const draft = await create({})
    expect(
      expectProblem(await post(`/contracts/${draft.body.id}/terminate`, 1, { reason: 'x' }), 409).code,
    ).toBe('orders.contract.not_in_force')
  })

  it('keeps contracts in their owner’s scope and actions behind their permissions', async () => {
    const mine = await create({})
    expect((await get(mine.body.id, s.west.token)).status).toBe(404)
    expect((await get(mine.body.id, s.eastBoss.token)).status).toBe(200)
    const westList = await s.h.call('GET', '/contracts', { token: s.west.token })
    expect(westList.body.items.map((c: { id: string }) => c.id)).not.toContain(mine.body.id)
    const byNumber = await s.h.call('GET', `/contracts?q=${mine.body.number}`, { token: s.eastBoss.token })
    expect(byNumber.body.items.map((c: { id: string }) => c.id)).toEqual([mine.body.id])
    const byCustomer = await s.h.call('GET', '/contracts?q=顶点&status=draft', { token: s.admin.token })
    expect(byCustomer.body.items.length).toBeGreaterThan(0)
    for (const c of byCustomer.body.items) expect(c.status).toBe('draft')
    const signed = await create({ signDate: '2030-06-01' })
    const range = await s.h.call('GET', '/contracts?signFrom=2030-05-01&signTo=2030-06-30', {
      token: s.east.token,
    })
    expect(range.body.items.map((c: { id: string }) => c.id)).toEqual([signed.body.id])
    // The west rep may not act on it; a reader may read but not submit, change or create.
    expect((await post(`/contracts/${mine.body.id}/submit`, 1, {}, s.west.token)).status).toBe(404)
    expect(
      (await s.h.call('GET', `/contracts/${mine.body.id}/revisions`, { token: s.west.token })).status,
    ).toBe(404)
    expect((await get(mine.body.id, s.reader.token)).status).toBe(200)
    expect((await post(`/contracts/${mine.body.id}/submit`, 1, {}, s.reader.token)).status).toBe(403)
    expect((await create({}, s.reader.token)).status).toBe(403)
    expect(
      (await post(`/contracts/${mine.body.id}/changes`, undefined, { reason: 'x' }, s.reader.token)).status,
    ).toBe(403)
  })

  it('takes PDF or image scans, as visible as the contract; a PDF is no product image', async () => {
    const pdf = await uploadFile(s.h, PDF, 'application/pdf', '合同扫描件.pdf', s.east.token)
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201)
    const png = await uploadFile(s.h, TEST_PNG, 'image/png', 'p1.png', s.east.token)
    const res = await create({ attachments: [pdf.body, png.body] })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.attachments.map((a: { name: string }) => a.name)).toEqual(['合同扫描件.pdf', 'p1.png'])
    const download = (token: string) =>
      fetch(`${s.h.base}/attachments/${pdf.body.id}`, { headers: { authorization: `Bearer ${token}` } })
    const seen = await download(s.eastBoss.token)
    expect(seen.status).toBe(200)
    expect(Buffer.from(await seen.arrayBuffer())).toEqual(PDF)
    expect((await download(s.west.token)).status).toBe(404)
    const adminPdf = await uploadFile(s.h, PDF, 'application/pdf', 'x.pdf', s.admin.token)
    const asImage = await s.h.call('POST', '/products', {
      token: s.admin.token,
      body: { code: 'C-IMG', name: 'x', referencePrice: '1', taxRate: '0', image: { id: adminPdf.body.id } },
    })
    expect(fieldCodes(asImage)).toEqual({ image: 'attachment.type_not_accepted' })
  })
})
