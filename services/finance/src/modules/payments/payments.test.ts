import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { startFinance } from '../../test-support/harness.js'
import { figuresOf, seedReceivable } from '../../test-support/receivables.js'
import { decidePayment, paymentBody, recordPayment } from '../../test-support/payments.js'

/** A problem answer with this status and code. */
function expectCode(res: Parameters<typeof expectProblem>[0], status: number, code: string) {
  expectProblem(res, status)
  expect(res.body.code).toBe(code)
}

const DEPT_A = randomUUID()
const DEPT_B = randomUUID()

describe('payments (回款)', () => {
  const s = harnessSuite(() => startFinance(), {
    clerk: { dataScope: 'all' },
    rep: { deptIds: [DEPT_A] },
    otherRep: { dataScope: 'dept', deptIds: [DEPT_B] },
    nobody: { permissions: [] },
  })
  const plan = [{ amount: '30000.00', kind: 'prepayment' as const }, { amount: '70000.00' }]
  const seed = (over: Partial<Parameters<typeof seedReceivable>[1]> = {}) =>
    seedReceivable(s.h, { owner: { id: s.rep.id, deptId: DEPT_A }, total: '100000.00', plan, ...over })
  const confirmed = async (receivableId: string, amount: string) => {
    const res = await recordPayment(s.h, s.clerk.token, paymentBody(receivableId, amount))
    expect(res.status).toBe(201)
    await decidePayment(s.h, s.clerk, res.body.id, 'approved')
    return res.body.id as string
  }

  it('records a payment once per Idempotency-Key, even ten at a time; another body with the key is a 422', async () => {
    const r = await seed()
    const key = randomUUID()
    const body = paymentBody(r.id, '1000.00')
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => recordPayment(s.h, s.rep.token, body, key)),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201))
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1)
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(9)
    const rows = await s.h.service.db.dataSource.query('SELECT id FROM payment WHERE receivable_id = $1', [
      r.id,
    ])
    expect(rows).toHaveLength(1)
    expect(answers[0]!.body).toMatchObject({
      number: expect.stringMatching(/^HK/),
      status: 'pending',
      amount: '1000.00',
      matched: '0.00',
      unmatched: '1000.00',
      contractNumber: r.contractNumber,
      customerName: r.customerName,
      ownerId: s.rep.id,
      deptId: DEPT_A,
    })
    expectCode(
      await recordPayment(s.h, s.rep.token, { ...body, amount: '2000.00' }, key),
      422,
      'idempotency.key_reused',
    )
    const missing = await s.h.call('POST', '/payments', { token: s.rep.token, body })
    expectProblem(missing, 400)
    expect(missing.body.errors[0]).toMatchObject({ code: 'idempotency.key_required' })
  })

  it('refuses what cannot be recorded: unseen or cancelled receivable, unknown method, more than is open', async () => {
    const r = await seed()
    const unseen = await recordPayment(s.h, s.otherRep.token, paymentBody(r.id, '10.00'))
    expectProblem(unseen, 422)
    expect(unseen.body.errors).toEqual([
      expect.objectContaining({ field: 'receivableId', code: 'finance.payment.receivable_unknown' }),
    ])
    const missing = await recordPayment(s.h, s.clerk.token, paymentBody(randomUUID(), '10.00'))
    expect(missing.body.errors).toEqual(unseen.body.errors)
    const cancelled = await seed({ status: 'cancelled' })
    const refused = await recordPayment(s.h, s.clerk.token, paymentBody(cancelled.id, '10.00'))
    expect(refused.body.errors[0]).toMatchObject({ code: 'finance.payment.receivable_cancelled' })
    expectProblem(
      await recordPayment(s.h, s.clerk.token, paymentBody(r.id, '10.00', { method: 'barter' })),
      400,
    )
    // A pending payment holds its share of what is open.
    expect((await recordPayment(s.h, s.clerk.token, paymentBody(r.id, '60000.00'))).status).toBe(201)
    const over = await recordPayment(s.h, s.clerk.token, paymentBody(r.id, '40000.01'))
    expectProblem(over, 422)
    expect(over.body.errors[0]).toMatchObject({
      field: 'amount',
      code: 'finance.payment.exceeds_outstanding',
      params: { outstanding: '40000.00' },
    })
    expect((await recordPayment(s.h, s.clerk.token, paymentBody(r.id, '40000.00'))).status).toBe(201)
  })

  it('approval: approved → confirmed and received; rejected never counts; a decision twice changes nothing', async () => {
    const r = await seed()
    const a = await recordPayment(s.h, s.clerk.token, paymentBody(r.id, '30000.00'))
    const b = await recordPayment(s.h, s.clerk.token, paymentBody(r.id, '5000.00'))
    const [request] = await s.h.service.db.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = 'finance.approval.requested' AND payload->>'docId' = $1`,
      [a.body.id],
    )
    expect(request.payload).toMatchObject({
      docType: 'payment',
      docNumber: a.body.number,
      docTitle: `${a.body.number} ${r.customerName}`,
      amount: '30000.00',
      link: `/finance/payments?open=${a.body.id}`,
      ownerId: s.rep.id,
      deptId: DEPT_A,
    })
    expect((await figuresOf(s.h, r.id)).received).toBe('0.00')

    await decidePayment(s.h, s.clerk, a.body.id, 'approved')
    const approved = await s.h.call('GET', `/payments/${a.body.id}`, { token: s.clerk.token })
    expect(approved.body).toMatchObject({ status: 'confirmed', decisionComment: null })
    expect(await figuresOf(s.h, r.id)).toMatchObject({ received: '30000.00', payment_count: 2 })
    await decidePayment(s.h, s.clerk, a.body.id, 'rejected', { comment: 'late' })
    const still = await s.h.call('GET', `/payments/${a.body.id}`, { token: s.clerk.token })
    expect(still.body).toMatchObject({ status: 'confirmed', version: approved.body.version })

    await decidePayment(s.h, s.clerk, b.body.id, 'rejected', { comment: '金额不符' })
    const rejected = await s.h.call('GET', `/payments/${b.body.id}`, { token: s.clerk.token })
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionComment: '金额不符' })
    expect(await figuresOf(s.h, r.id)).toMatchObject({ received: '30000.00', payment_count: 1 })
    const trail = await s.h.call('GET', `/payments/${b.body.id}/audit`, { token: s.clerk.token })
    expect(trail.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'reject']),
    )
  })

  it('scope and permissions: another department’s rep gets 404, no permission 403', async () => {
    const r = await seed()
    const id = await confirmed(r.id, '100.00')
    expect((await s.h.call('GET', `/payments/${id}`, { token: s.rep.token })).status).toBe(200)
    expectProblem(await s.h.call('GET', `/payments/${id}`, { token: s.otherRep.token }), 404)
    expectProblem(await s.h.call('GET', `/payments/${id}`, { token: s.nobody.token }), 403)
    expectProblem(await recordPayment(s.h, s.nobody.token, paymentBody(r.id, '1.00')), 403)
    expectProblem(await s.h.call('GET', `/writeoffs?paymentId=${id}`, { token: s.otherRep.token }), 404)
    expectProblem(await s.h.call('GET', `/writeoffs?receivableId=${r.id}`, { token: s.otherRep.token }), 404)
    const list = await s.h.call('GET', `/payments?receivableId=${r.id}`, { token: s.otherRep.token })
    expect(list.body.items).toEqual([])
  })

  it('edits details with If-Match; lists by number, customer or payer and by filters', async () => {
    const r = await seed({ customerName: '西湖精密仪器' })
    const id = await confirmed(r.id, '800.00')
    const before = await s.h.call('GET', `/payments/${id}`, { token: s.clerk.token })
    const edited = await s.h.call('PATCH', `/payments/${id}`, {
      token: s.clerk.token,
      version: before.body.version,
      body: { payer: '西湖精密仪器财务部', commissionSettled: true },
    })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({
      payer: '西湖精密仪器财务部',
      commissionSettled: true,
      amount: '800.00',
    })
    expectProblem(
      await s.h.call('PATCH', `/payments/${id}`, {
        token: s.clerk.token,
        version: before.body.version,
        body: { note: 'x' },
      }),
      412,
    )
    expectProblem(
      await s.h.call('PATCH', `/payments/${id}`, {
        token: s.clerk.token,
        version: edited.body.version,
        body: { amount: '1.00' },
      }),
      400,
    )
    const ids = async (query: string) =>
      (await s.h.call('GET', `/payments?${query}`, { token: s.clerk.token })).body.items.map(
        (p: { id: string }) => p.id,
      )
    expect(await ids(`q=${encodeURIComponent('西湖')}`)).toEqual([id])
    expect(await ids(`q=${encodeURIComponent('财务部')}`)).toEqual([id])
    expect(await ids(`q=${edited.body.number}`)).toEqual([id])
    expect(await ids(`q=${r.contractNumber}`)).toEqual([id])
    expect(
      await ids(`receivableId=${r.id}&commissionSettled=true&paidFrom=2026-03-01&paidTo=2026-03-01`),
    ).toEqual([id])
    expect(await ids(`receivableId=${r.id}&commissionSettled=false`)).toEqual([])
  })

  it('bulk edit: one request, each payment audited, those out of scope fail as not found', async () => {
    const mine = await seed()
    const theirs = await seedReceivable(s.h, {
      owner: { id: randomUUID(), deptId: DEPT_B },
      total: '100.00',
      plan: [{ amount: '100.00' }],
    })
    const a = await confirmed(mine.id, '10.00')
    const b = await confirmed(mine.id, '20.00')
    const c = await confirmed(theirs.id, '30.00')
    const res = await s.h.call('POST', '/payments/bulk-update', {
      token: s.rep.token,
      body: { ids: [a, b, c], commissionSettled: true },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ succeeded: 2, failed: 1 })
    expect(res.body.results.find((x: { id: string }) => x.id === c)).toMatchObject({ ok: false, status: 404 })
    const trail = await s.h.call('GET', `/payments/${a}/audit`, { token: s.clerk.token })
    expect(trail.body[0]).toMatchObject({
      action: 'bulk_update',
      diff: { commissionSettled: { before: false, after: true } },
    })
    expectProblem(
      await s.h.call('POST', '/payments/bulk-update', { token: s.rep.token, body: { ids: [a] } }),
      400,
    )
  })

  it('write-offs: checked per allocation, counted on the instalment, reversed once; delete waits for the reversal', async () => {
    const r = await seed()
    const other = await seed()
    const pending = await recordPayment(s.h, s.clerk.token, paymentBody(r.id, '100.00'))
    const alloc = (instalmentId: string, amount: string) => ({ allocations: [{ instalmentId, amount }] })
    expectCode(
      await s.h.call('POST', `/payments/${pending.body.id}/writeoffs`, {
        token: s.clerk.token,
        body: alloc(r.instalments[0]!, '1.00'),
      }),
      409,
      'finance.payment.not_confirmed',
    )
    const id = await confirmed(r.id, '40000.00')
    const post = (body: unknown) =>
      s.h.call('POST', `/payments/${id}/writeoffs`, { token: s.clerk.token, body })
    const foreign = await post(alloc(other.instalments[0]!, '1.00'))
    expect(foreign.body.errors).toEqual([
      expect.objectContaining({
        field: 'allocations.0.instalmentId',
        code: 'finance.writeoff.instalment_unknown',
      }),
    ])
    const tooMuch = await post(alloc(r.instalments[0]!, '30000.01'))
    expect(tooMuch.body.errors[0]).toMatchObject({
      field: 'allocations.0.amount',
      code: 'finance.writeoff.exceeds_instalment',
      params: { remaining: '30000.00' },
    })
    const overPayment = await post({
      allocations: [
        { instalmentId: r.instalments[0]!, amount: '30000.00' },
        { instalmentId: r.instalments[1]!, amount: '10000.01' },
      ],
    })
    expect(overPayment.body.errors[0]).toMatchObject({
      field: 'allocations',
      code: 'finance.writeoff.exceeds_unmatched',
      params: { total: '40000.01', unmatched: '40000.00' },
    })
    const done = await post({
      allocations: [
        { instalmentId: r.instalments[0]!, amount: '30000.00' },
        { instalmentId: r.instalments[1]!, amount: '5000.00' },
      ],
    })
    expect(done.status).toBe(201)
    expect(
      done.body.map((w: { instalmentSeq: number; amount: string }) => [w.instalmentSeq, w.amount]),
    ).toEqual([
      [1, '30000.00'],
      [2, '5000.00'],
    ])
    expect((await figuresOf(s.h, r.id)).instalments.map((i) => i.matched)).toEqual(['30000.00', '5000.00'])
    const payment = await s.h.call('GET', `/payments/${id}`, { token: s.clerk.token })
    expect(payment.body).toMatchObject({ matched: '35000.00', unmatched: '5000.00' })
    const trail = await s.h.call('GET', `/payments/${id}/audit`, { token: s.clerk.token })
    expect(trail.body[0]).toMatchObject({ action: 'writeoff', note: '#1 30000.00; #2 5000.00' })

    expectCode(
      await s.h.call('DELETE', `/payments/${id}`, { token: s.clerk.token, version: payment.body.version }),
      409,
      'finance.payment.has_writeoffs',
    )
    for (const w of done.body) {
      const reversed = await s.h.call('POST', `/writeoffs/${w.id}/reverse`, { token: s.clerk.token })
      expect(reversed.body).toMatchObject({ reversedAt: expect.any(String), reversedByName: 'clerk' })
    }
    expectCode(
      await s.h.call('POST', `/writeoffs/${done.body[0].id}/reverse`, { token: s.clerk.token }),
      409,
      'finance.writeoff.already_reversed',
    )
    const listed = await s.h.call('GET', `/writeoffs?receivableId=${r.id}`, { token: s.clerk.token })
    expect(listed.body).toHaveLength(2)
    expect((await figuresOf(s.h, r.id)).instalments.map((i) => i.matched)).toEqual(['0.00', '0.00'])

    const fresh = await s.h.call('GET', `/payments/${id}`, { token: s.clerk.token })
    expect(
      (await s.h.call('DELETE', `/payments/${id}`, { token: s.clerk.token, version: fresh.body.version }))
        .status,
    ).toBe(204)
    expect((await figuresOf(s.h, r.id)).received).toBe('0.00')
    expect((await s.h.call('POST', `/payments/${id}/restore`, { token: s.clerk.token })).status).toBe(200)
    expect((await figuresOf(s.h, r.id)).received).toBe('40000.00')
  })

  it('concurrent write-offs against one instalment never exceed it', async () => {
    const r = await seed({ total: '1000.00', plan: [{ amount: '1000.00' }] })
    const ids = await Promise.all(['300.00', '300.00', '300.00', '100.00'].map((a) => confirmed(r.id, a)))
    const answers = await Promise.all(
      ids.map((id) =>
        s.h.call('POST', `/payments/${id}/writeoffs`, {
          token: s.clerk.token,
          body: { allocations: [{ instalmentId: r.instalments[0]!, amount: '300.00' }] },
        }),
      ),
    )
    // Three of 300.00 fit into 1,000.00; the last (a 100.00 payment) cannot give 300.00.
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 422])
    const [instalment] = (await figuresOf(s.h, r.id)).instalments
    expect(instalment!.matched).toBe('900.00')
    // The 100.00 payment twice at once for the instalment's last 100.00: one goes through.
    const last = await Promise.all(
      [1, 2].map(() =>
        s.h.call('POST', `/payments/${ids[3]}/writeoffs`, {
          token: s.clerk.token,
          body: { allocations: [{ instalmentId: r.instalments[0]!, amount: '100.00' }] },
        }),
      ),
    )
    expect(last.map((a) => a.status).sort()).toEqual([201, 422])
    expect((await figuresOf(s.h, r.id)).instalments[0]!.matched).toBe('1000.00')
  })
  it('refuses zero amounts in words before anything is written: a payment, a write-off, an invoice', async () => {
    const r = await seed()
    const zeroPayment = await recordPayment(s.h, s.clerk.token, paymentBody(r.id, '0.00'))
    expectProblem(zeroPayment, 400)
    expect(zeroPayment.body.errors).toEqual([
      expect.objectContaining({ field: 'amount', code: 'validation.money_positive' }),
    ])
    const paymentId = await confirmed(r.id, '100.00')
    const zeroWriteoff = await s.h.call('POST', `/payments/${paymentId}/writeoffs`, {
      token: s.clerk.token,
      body: { allocations: [{ instalmentId: r.instalments[0], amount: '0' }] },
    })
    expectProblem(zeroWriteoff, 400)
    expect(zeroWriteoff.body.errors).toEqual([
      expect.objectContaining({ field: 'allocations.0.amount', code: 'validation.money_positive' }),
    ])
    const zeroInvoice = await s.h.call('POST', '/invoices', {
      token: s.clerk.token,
      body: { receivableId: r.id, type: 'vat_special', title: '华东制造有限公司', amount: '0.00' },
    })
    expectProblem(zeroInvoice, 400)
    const nothingToChange = await s.h.call('POST', '/payments/bulk-update', {
      token: s.clerk.token,
      body: { ids: [paymentId] },
    })
    expectProblem(nothingToChange, 400)
    expect(nothingToChange.body.errors[0].code).toBe('validation.bulk_field_required')
    expect((await figuresOf(s.h, r.id)).payment_count).toBe(1)
  })
})
