import { randomUUID } from 'node:crypto'
import { describe, beforeAll, expect, it } from 'vitest'
import { admin, formatProblem } from '@mosaic/schemas'
import { upsertRuleReplica } from '@mosaic/service-kit'
import { postEvent } from '@mosaic/service-kit/testing'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { decideApproval } from '../../test-support/approvals.js'
import { ACME } from '../../test-support/fake-sales.js'
import { reportReceivable } from '../../test-support/finance.js'
import { addProduct, ordersSuite, REPS } from '../../test-support/suite.js'

const SECRET = 'closure-gates-test-secret-0123456789abcdef'

interface ContractBody {
  id: string
  number: string
  total: string
  version: number
}

describe('closure gates from finance (contracts and orders)', () => {
  const s = ordersSuite(SECRET, { ...REPS, admin: { ...REPS.admin, roles: ['super_admin'] } })
  let cable: { id: string }

  beforeAll(async () => {
    cable = await addProduct(s, 'G-CABLE', '1000', '13')
  })

  const db = () => s.h.service.db.dataSource
  const call = (method: string, path: string, body?: unknown, version?: number, token = s.east.token) =>
    s.h.call(method, path, { token, body, version })
  const contractOf = async (id: string) => (await call('GET', `/contracts/${id}`)).body
  const orderOf = async (id: string) => (await call('GET', `/sales-orders/${id}`)).body
  const act = async (kind: 'contracts' | 'sales-orders', id: string, verb: string, body?: unknown) => {
    const current = (await call('GET', `/${kind}/${id}`)).body
    return call('POST', `/${kind}/${id}/${verb}`, body, current.version)
  }
  const report = (
    c: ContractBody,
    received: string,
    more: Parameters<typeof reportReceivable>[3] = { received },
  ) => reportReceivable(s.h, SECRET, c, { ...more, received })
  const audit = (type: string, id: string) =>
    db().query(
      `SELECT action, note FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY at, id`,
      [type, id],
    ) as Promise<Array<{ action: string; note: string | null }>>
  const requested = async (docId: string) =>
    (
      (await db().query(
        `SELECT payload FROM outbox_event WHERE topic = 'orders.approval.requested' AND payload->>'docId' = $1 ORDER BY seq`,
        [docId],
      )) as Array<{ payload: Record<string, unknown> }>
    ).map((r) => r.payload)

  /** A contract in force of `quantity` cables at 1000.00 (tax included): total quantity × 1000.00. */
  async function inForce(quantity = '2'): Promise<ContractBody> {
    const draft = await call('POST', '/contracts', {
      name: '年度供货',
      customerId: ACME.id,
      lines: [{ productId: cable.id, quantity, unitPrice: '1000.00' }],
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    await call('POST', `/contracts/${draft.body.id}/submit`, {}, draft.body.version)
    await decideApproval(s.h, s.admin, 'contract', draft.body.id, 'approved')
    const body = await contractOf(draft.body.id)
    expect(body.status).toBe('approved')
    return body
  }

  /** A confirmed order of `quantity` cables, shipped in full unless told. */
  async function orderOn(contract: ContractBody, quantity: string, shipped = true) {
    const o = await call('POST', '/sales-orders', {
      contractId: contract.id,
      lines: [{ productId: cable.id, quantity }],
    })
    expect(o.status, JSON.stringify(o.body)).toBe(201)
    await act('sales-orders', o.body.id, 'confirm')
    if (shipped) {
      const res = await call('POST', `/sales-orders/${o.body.id}/shipments`, {
        courier: 'sf',
        trackingNumber: `SF${Math.floor(Math.random() * 1e9)}`,
        shippedDate: '2027-01-10',
        items: [{ productId: cable.id, quantity }],
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
    }
    return orderOf(o.body.id) as Promise<{ id: string; number: string; total: string; status: string }>
  }

  it('keeps the latest figures finance reports; the contract and the list show them; an older report changes nothing', async () => {
    const c = await inForce()
    expect((await contractOf(c.id)).receivable).toBeNull()
    await report(c, '500.00', {
      received: '500.00',
      invoiced: '800.00',
      progressedAt: '2027-01-02T00:00:00.000Z',
    })
    expect((await contractOf(c.id)).receivable).toEqual({
      received: '500.00',
      invoiced: '800.00',
      outstanding: '1500.00',
      collectedPercent: '25.00',
    })
    // Late delivery of an older report: ignored.
    await report(c, '100.00', { received: '100.00', progressedAt: '2027-01-01T00:00:00.000Z' })
    expect((await contractOf(c.id)).receivable.received).toBe('500.00')
    await report(c, '2000.00', { received: '2000.00', progressedAt: '2027-01-03T00:00:00.000Z' })
    const list = await call('GET', `/contracts?q=${c.number}`)
    expect(list.body.items.find((x: { id: string }) => x.id === c.id).receivable).toMatchObject({
      received: '2000.00',
      collectedPercent: '100.00',
    })
  })

  it('names finance’s payments and invoices among the dependants, so a void is refused', async () => {
    const c = await inForce()
    await report(c, '300.00', { received: '300.00', paymentCount: 2, invoiceCount: 1 })
    const state = await call('GET', `/contracts/${c.id}/dependants`)
    expect(state.body).toMatchObject({
      dependants: [
        { kind: 'receivable', count: 2, examples: [] },
        { kind: 'invoice', count: 1, examples: [] },
      ],
      canVoid: false,
      canTerminate: true,
    })
    const refused = await act('contracts', c.id, 'void', { reason: '客户取消' })
    expect(expectProblem(refused, 409).code).toBe('orders.contract.performed')
  })

  it('refuses a change that brings the total below what was received', async () => {
    const c = await inForce('3')
    await report(c, '2500.00')
    const below = await call('POST', `/contracts/${c.id}/changes`, {
      reason: '减量',
      lines: [{ productId: cable.id, quantity: '2', unitPrice: '1000.00' }],
    })
    expectProblem(below, 400)
    expect(fieldCodes(below)).toEqual({ lines: 'orders.contract.below_received' })
    const err = below.body.errors[0]
    expect(formatProblem(err.code, err.params, 'zh-CN')).toBe(
      '合同已回款 ¥2500.00，变更后的合同金额不能低于已回款金额',
    )
    const enough = await call('POST', `/contracts/${c.id}/changes`, {
      reason: '加价',
      lines: [{ productId: cable.id, quantity: '3', unitPrice: '900.00' }],
    })
    expect(enough.status, JSON.stringify(enough.body)).toBe(201)
  })

  it('closes a contract only when collected and invoiced in full, each unmet one in words; reopens', async () => {
    const terms = await call('GET', '/contracts/closing')
    expect(terms.body).toEqual({ approvalRequired: false, requiredFields: [] })
    const c = await inForce()
    const none = await act('contracts', c.id, 'close', {})
    expectProblem(none, 400)
    expect(none.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'orders.contract.not_fully_collected',
      'orders.contract.not_fully_invoiced',
    ])
    const [collected] = none.body.errors
    expect(formatProblem(collected.code, collected.params, 'zh-CN')).toBe(
      '合同尚未全部回款（已回款 ¥0.00，合同金额 ¥2000.00）',
    )
    await report(c, '2000.00', { received: '2000.00', invoiced: '1000.00' })
    const invoicedHalf = await act('contracts', c.id, 'close', {})
    expect(invoicedHalf.body.errors).toEqual([
      expect.objectContaining({
        code: 'orders.contract.not_fully_invoiced',
        params: { invoiced: '1000.00', total: '2000.00' },
        message: 'The contract is not fully invoiced (¥1000.00 invoiced of ¥2000.00).',
      }),
    ])
    await report(c, '2000.00')
    const closed = await act('contracts', c.id, 'close', { closeNote: '履约完毕', closeDate: '2027-03-01' })
    expect(closed.status, JSON.stringify(closed.body)).toBe(200)
    expect(closed.body).toMatchObject({
      status: 'closed',
      closeNote: '履约完毕',
      closeDate: '2027-03-01',
      locked: true,
    })
    expect(expectProblem(await act('contracts', c.id, 'close', {}), 409).code).toBe(
      'orders.contract.already_closed',
    )
    const [event] = await db().query(
      `SELECT payload FROM outbox_event WHERE topic = 'orders.contract.closed' AND payload->>'id' = $1`,
      [c.id],
    )
    expect(event.payload).toMatchObject({ total: '2000.00', closeDate: '2027-03-01', overrideReason: null })

    const reopened = await act('contracts', c.id, 'reopen', { reason: '补充开票' })
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200)
    expect(reopened.body).toMatchObject({ status: 'approved', closedAt: null, locked: false })
    expect((await audit('contract', c.id)).slice(-2)).toEqual([
      { action: 'close', note: '履约完毕' },
      { action: 'reopen', note: '补充开票' },
    ])
    // A draft is not in force: nothing to close.
    const draft = await call('POST', '/contracts', {
      name: '草稿',
      customerId: ACME.id,
      lines: [{ productId: cable.id, quantity: '1' }],
    })
    expect(expectProblem(await act('contracts', draft.body.id, 'close', {}), 409).code).toBe(
      'orders.contract.not_closable',
    )
  })

  it('a contract’s close and reopen answer 403 without the permission and 404 outside the caller’s scope', async () => {
    const c = await inForce()
    await report(c, '2000.00', { received: '2000.00', invoiced: '2000.00' })
    const reader = await s.h.user('close-reader', {
      deptIds: [REPS.east.deptIds[0]!],
      dataScope: 'dept',
      permissions: ['orders.contract.read'],
    })
    const version = (await contractOf(c.id)).version
    expectProblem(await call('POST', `/contracts/${c.id}/close`, {}, version, reader.token), 403)
    expectProblem(
      await call('POST', `/contracts/${c.id}/reopen`, { reason: '—' }, version, reader.token),
      403,
    )
    expectProblem(await call('POST', `/contracts/${c.id}/close`, {}, version, s.west.token), 404)
    expectProblem(
      await call('POST', `/contracts/${c.id}/reopen`, { reason: '—' }, version, s.west.token),
      404,
    )
    expect((await contractOf(c.id)).status).toBe('approved')
  })

  it('forces a contract’s close with a reason through closure-override: locked meanwhile; approved closes with the reason, rejected goes back', async () => {
    const c = await inForce()
    await report(c, '1200.00')
    const waiting = await act('contracts', c.id, 'close', {
      closeNote: '尾款放弃',
      overrideReason: '客户破产，尾款核销',
    })
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(200)
    expect(waiting.body).toMatchObject({ status: 'closing', closedAt: null })
    expect((await requested(c.id)).at(-1)).toMatchObject({
      docType: 'closure-override',
      docNumber: c.number,
      amount: '2000.00',
      link: `/sales/contracts?open=${c.id}`,
      comment: '客户破产，尾款核销',
    })
    const change = await call('POST', `/contracts/${c.id}/changes`, {
      reason: 'x',
      lines: [{ productId: cable.id, quantity: '3', unitPrice: '1000.00' }],
    })
    expect(expectProblem(change, 409).code).toBe('record.awaiting_approval')
    expect(expectProblem(await act('contracts', c.id, 'terminate', { reason: 'x' }), 409).code).toBe(
      'record.awaiting_approval',
    )

    await decideApproval(s.h, s.admin, 'closure-override', c.id, 'rejected')
    expect(await contractOf(c.id)).toMatchObject({ status: 'approved', closedAt: null })
    // Without a reason, the unmet preconditions are listed again.
    expect(fieldCodes(await act('contracts', c.id, 'close', {}))).toMatchObject({
      '(body)': expect.stringMatching(/^orders\.contract\.not_fully_/),
    })

    await act('contracts', c.id, 'close', { overrideReason: '客户破产，尾款核销' })
    await decideApproval(s.h, s.admin, 'closure-override', c.id, 'approved')
    expect(await contractOf(c.id)).toMatchObject({ status: 'closed', closedBy: 'east-rep' })
    expect((await audit('contract', c.id)).slice(-3)).toEqual([
      { action: 'submit', note: '客户破产，尾款核销' },
      { action: 'approve', note: null },
      { action: 'close', note: '客户破产，尾款核销' },
    ])
    const [event] = await db().query(
      `SELECT payload FROM outbox_event WHERE topic = 'orders.contract.closed' AND payload->>'id' = $1`,
      [c.id],
    )
    expect(event.payload.overrideReason).toBe('客户破产，尾款核销')
  })

  it('a contract close waits for closure approval when the rule asks and the preconditions hold', async () => {
    await s.h.service.db.transaction((m) =>
      upsertRuleReplica(m, 'closure', 'contract', 2, {
        ...admin.DEFAULT_CLOSURE_RULES.contract,
        approvalRequired: true,
      }),
    )
    const c = await inForce('1')
    await report(c, '1000.00')
    const waiting = await act('contracts', c.id, 'close', {})
    expect(waiting.body.status).toBe('closing')
    expect((await requested(c.id)).at(-1)).toMatchObject({ docType: 'closure' })
    await decideApproval(s.h, s.admin, 'closure', c.id, 'approved')
    expect((await contractOf(c.id)).status).toBe('closed')
    await s.h.service.db.transaction((m) =>
      upsertRuleReplica(m, 'closure', 'contract', 3, admin.DEFAULT_CLOSURE_RULES.contract),
    )
  })

  it('an order is paid by the contract’s received money in creation order; closing needs it fully paid and shipped', async () => {
    const c = await inForce('3')
    const first = await orderOn(c, '1')
    const second = await orderOn(c, '1')
    const unshipped = await orderOn(c, '1', false)
    await report(c, '1500.00')
    const firstClosed = await act('sales-orders', first.id, 'close', {})
    expect(firstClosed.status, JSON.stringify(firstClosed.body)).toBe(200)
    expect(firstClosed.body.status).toBe('completed')

    const unpaid = await act('sales-orders', second.id, 'close', {})
    expectProblem(unpaid, 400)
    expect(unpaid.body.errors).toEqual([
      expect.objectContaining({
        code: 'orders.order.not_fully_paid',
        params: { paid: '500.00', total: '1000.00' },
      }),
    ])
    const err = unpaid.body.errors[0]
    expect(formatProblem(err.code, err.params, 'zh-CN')).toBe(
      '订单尚未全部回款（已回款 ¥500.00，订单金额 ¥1000.00）',
    )

    // Neither shipped nor paid: both, in words.
    const both = await act('sales-orders', unshipped.id, 'close', {})
    expect(both.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'orders.order.not_fully_shipped',
      'orders.order.not_fully_paid',
    ])
    expect(both.body.errors[1].params).toEqual({ paid: '0.00', total: '1000.00' })
  })

  it('forces an order’s close with a reason through closure-override; rejected goes back where it was', async () => {
    const c = await inForce('1')
    const o = await orderOn(c, '1', false)
    const waiting = await act('sales-orders', o.id, 'close', { overrideReason: '客户自提，免发货' })
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(200)
    expect(waiting.body.status).toBe('closing')
    expect((await requested(o.id)).at(-1)).toMatchObject({
      docType: 'closure-override',
      docNumber: o.number,
      link: `/sales/orders?open=${o.id}`,
      comment: '客户自提，免发货',
    })
    await decideApproval(s.h, s.admin, 'closure-override', o.id, 'rejected')
    expect((await orderOf(o.id)).status).toBe('confirmed')

    await act('sales-orders', o.id, 'close', { overrideReason: '客户自提，免发货' })
    await decideApproval(s.h, s.admin, 'closure-override', o.id, 'approved')
    expect(await orderOf(o.id)).toMatchObject({ status: 'completed', closedBy: 'east-rep' })
    expect((await audit('sales_order', o.id)).at(-1)).toEqual({ action: 'close', note: '客户自提，免发货' })
    // Reopened, it is where its shipments put it (nothing shipped: confirmed), not "shipped".
    const reopened = await act('sales-orders', o.id, 'reopen', { reason: '补发' })
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200)
    expect(reopened.body.status).toBe('confirmed')
  })

  /** The tickets service reports a ticket about `contractId` (open unless told), changed at `changedAt`. */
  const ticketChanged = async (
    ticket: { id: string; number: string },
    contractId: string | null,
    changedAt: string,
    more: {
      open?: boolean
      deleted?: boolean
      status?: 'new' | 'closed' | 'resolved'
      eventId?: string
    } = {},
  ) => {
    const open = more.open ?? true
    const res = await postEvent(
      s.h.base,
      SECRET,
      'tickets.ticket.changed',
      {
        ticketId: ticket.id,
        number: ticket.number,
        customerId: ACME.id,
        contractId,
        orderId: null,
        status: more.status ?? (open ? 'new' : 'closed'),
        open,
        deleted: more.deleted ?? false,
        changedAt,
      },
      { id: more.eventId },
    )
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300)
    return res.body
  }
  const ticketCodes = async (id: string) =>
    ((await act('contracts', id, 'close', {})).body.errors ?? []).map((e: { code: string }) => e.code)

  it('refuses a contract’s close while a ticket about it is open, naming them; the latest report per ticket wins', async () => {
    const c = await inForce('1')
    const other = await inForce('1')
    await report(c, '1000.00')
    const t1 = { id: randomUUID(), number: 'GD202612050002' }
    const t2 = { id: randomUUID(), number: 'GD202612050001' }
    const openEvent = randomUUID()
    await ticketChanged(t1, c.id, '2026-12-05T01:00:00.000Z', { eventId: openEvent })
    await ticketChanged(t2, c.id, '2026-12-05T01:05:00.000Z')
    expect((await contractOf(c.id)).openTickets).toEqual(['GD202612050001', 'GD202612050002'])
    expect((await contractOf(other.id)).openTickets).toEqual([])

    const refused = await act('contracts', c.id, 'close', {})
    expectProblem(refused, 400)
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: '(body)',
        code: 'orders.contract.tickets_open',
        params: { count: 2, numbers: 'GD202612050001, GD202612050002' },
      }),
    ])
    const [err] = refused.body.errors
    expect(formatProblem(err.code, err.params, 'zh-CN')).toBe(
      '合同尚有 2 张未关闭的工单：GD202612050001, GD202612050002',
    )
    expect(formatProblem(err.code, err.params, 'en')).toBe(
      'The contract has 2 open ticket(s): GD202612050001, GD202612050002.',
    )

    // t1 closed; an older report of it (still open) arriving late, and the first event delivered
    // again, change nothing; t2 deleted no longer counts.
    await ticketChanged(t1, c.id, '2026-12-05T02:00:00.000Z', { open: false })
    await ticketChanged(t1, c.id, '2026-12-05T01:30:00.000Z')
    expect(await ticketChanged(t1, c.id, '2026-12-05T01:00:00.000Z', { eventId: openEvent })).toMatchObject({
      duplicate: true,
    })
    expect((await contractOf(c.id)).openTickets).toEqual(['GD202612050001'])
    await ticketChanged(t2, c.id, '2026-12-05T02:10:00.000Z', { open: true, deleted: true })
    expect((await contractOf(c.id)).openTickets).toEqual([])
    // A ticket moved to another contract counts there only, and an older report naming this
    // contract does not bring it back.
    await ticketChanged(t2, other.id, '2026-12-05T03:00:00.000Z', { deleted: false })
    await ticketChanged(t2, c.id, '2026-12-05T02:30:00.000Z')
    expect((await contractOf(c.id)).openTickets).toEqual([])
    expect(await ticketCodes(other.id)).toContain('orders.contract.tickets_open')

    const closed = await act('contracts', c.id, 'close', {})
    expect(closed.status, JSON.stringify(closed.body)).toBe(200)
    expect(closed.body).toMatchObject({ status: 'closed', openTickets: [] })
  })

  it('names at most ten open tickets, with the count of all of them', async () => {
    const c = await inForce('1')
    await report(c, '1000.00')
    for (let i = 1; i <= 12; i++)
      await ticketChanged(
        { id: randomUUID(), number: `GD20261205${String(i).padStart(4, '0')}` },
        c.id,
        new Date().toISOString(),
      )
    const [err] = (await act('contracts', c.id, 'close', {})).body.errors
    expect(err.params.count).toBe(12)
    expect(err.params.numbers).toMatch(/^GD202612050001, .*GD202612050010, …$/)
    expect(err.params.numbers.split(', ')).toHaveLength(11)
  })

  it('forces a contract’s close over open tickets with a reason, listed with the other unmet ones', async () => {
    const c = await inForce('1')
    const t = { id: randomUUID(), number: 'GD202612059999' }
    await ticketChanged(t, c.id, new Date().toISOString())
    expect(await ticketCodes(c.id)).toEqual([
      'orders.contract.not_fully_collected',
      'orders.contract.not_fully_invoiced',
      'orders.contract.tickets_open',
    ])
    await report(c, '1000.00')
    expect(await ticketCodes(c.id)).toEqual(['orders.contract.tickets_open'])
    const waiting = await act('contracts', c.id, 'close', { overrideReason: '工单转线下处理' })
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(200)
    expect(waiting.body.status).toBe('closing')
    expect((await requested(c.id)).at(-1)).toMatchObject({
      docType: 'closure-override',
      comment: '工单转线下处理',
    })
    await decideApproval(s.h, s.admin, 'closure-override', c.id, 'approved')
    expect(await contractOf(c.id)).toMatchObject({ status: 'closed', openTickets: ['GD202612059999'] })
  })
})
