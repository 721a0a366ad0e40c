import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { finance } from '@mosaic/schemas'
import { signServiceToken } from '@mosaic/service-kit'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { startFinance } from '../../test-support/harness.js'
import { seedReceivable } from '../../test-support/receivables.js'
import { decidePayment, paymentBody, recordPayment } from '../../test-support/payments.js'
import { digestOf } from './statements.compute.js'

const SECRET = 'statements-test-secret-0123456789abcdef'
const EAST = randomUUID()
const WEST = randomUUID()
const PERIOD = { from: '2026-03-01', to: '2026-04-30' }

describe('reconciliation statements (对账单)', () => {
  const s = harnessSuite(() => startFinance({ SERVICE_SECRET: SECRET }), {
    clerk: { username: 'clerk', dataScope: 'all' },
    east: { username: 'east-rep', deptIds: [EAST] },
    west: { username: 'west-rep', deptIds: [WEST], dataScope: 'dept' },
    outsider: { username: 'outsider', dataScope: 'all', permissions: ['finance.receivable.read'] },
  })
  let ticketsToken: string
  beforeAll(async () => {
    ticketsToken = await signServiceToken(SECRET, 'tickets')
  })

  /** A receivable of the east rep's, of `customerId` when given (a new customer otherwise). */
  const receivable = (o: Partial<Parameters<typeof seedReceivable>[1]> = {}) =>
    seedReceivable(s.h, { owner: { id: s.east.id, deptId: EAST }, ...o })
  const confirmedPayment = async (receivableId: string, amount: string, paidOn: string) => {
    const res = await recordPayment(s.h, s.clerk.token, paymentBody(receivableId, amount, { paidOn }))
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    await decidePayment(s.h, s.clerk, res.body.id, 'approved')
    return res.body as { id: string; number: string }
  }
  const issuedInvoice = async (
    receivableId: string,
    amount: string,
    issueDate: string | null,
  ): Promise<{ id: string; invoiceNumber?: string }> => {
    const res = await s.h.call('POST', '/invoices', {
      token: s.clerk.token,
      body: { receivableId, type: 'vat_special', title: '华东制造有限公司', amount },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    if (!issueDate) return res.body
    const number = `FP${randomUUID().slice(0, 8)}`
    const issued = await s.h.call('POST', `/invoices/${res.body.id}/issue`, {
      token: s.clerk.token,
      version: res.body.version,
      body: { invoiceNumber: number, issueDate },
    })
    expect(issued.status, JSON.stringify(issued.body)).toBe(200)
    return issued.body
  }
  const internal = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
    fetch(`${s.h.base}/internal${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${init.token ?? ticketsToken}`, 'content-type': 'application/json' },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    }).then(async (res) => ({
      status: res.status,
      headers: res.headers,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
      body: (await res.json()) as any,
    }))
  const statement = (customerId: string, period = PERIOD) =>
    internal(`/customers/${customerId}/statement?from=${period.from}&to=${period.to}`)
  const respond = (customerId: string, body: Record<string, unknown>) =>
    internal(`/customers/${customerId}/statement-responses`, {
      method: 'POST',
      body: {
        ...PERIOD,
        status: 'confirmed',
        accountId: ACCOUNT,
        respondentName: '王经理',
        ...body,
      },
    })
  const ACCOUNT = randomUUID()

  /**
   * A customer with two contracts in force by the period's end (A 100,000 signed in January, B
   * 50,000 signed in April), one signed after it and one cancelled; payments before, in and after
   * the period and one still pending; invoices issued in and after the period and one only requested.
   */
  async function customerWithHistory() {
    const a = await receivable({ customerName: '远山建材有限公司', signDate: '2026-01-10' })
    const customerId = a.customerId
    const b = await receivable({
      customerId,
      customerName: '远山建材有限公司',
      total: '50000.00',
      signDate: '2026-04-01',
    })
    const later = await receivable({ customerId, customerName: '远山建材有限公司', signDate: '2026-05-20' })
    await receivable({
      customerId,
      customerName: '远山建材有限公司',
      status: 'cancelled',
      signDate: '2026-01-01',
    })
    const before = await confirmedPayment(a.id, '10000.00', '2026-02-15')
    const inside = await confirmedPayment(a.id, '20000.00', '2026-03-10')
    await confirmedPayment(a.id, '5000.00', '2026-05-05')
    await confirmedPayment(later.id, '3000.00', '2026-04-15')
    const pending = await recordPayment(
      s.h,
      s.clerk.token,
      paymentBody(a.id, '1000.00', { paidOn: '2026-03-12' }),
    )
    expect(pending.status).toBe(201)
    const invoice = await issuedInvoice(a.id, '30000.00', '2026-03-20')
    await issuedInvoice(a.id, '10000.00', '2026-05-02')
    await issuedInvoice(b.id, '500.00', null)
    return { customerId, a, b, later, before, inside, invoice }
  }

  it('computes contracts, payments, invoices and totals for the period', async () => {
    const c = await customerWithHistory()
    const res = await statement(c.customerId)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const body = finance.Statement.parse(res.body)
    expect(body).toMatchObject({ customerId: c.customerId, customerName: '远山建材有限公司', ...PERIOD })
    expect(body.contracts).toEqual([
      {
        contractId: c.a.contractId,
        contractNumber: c.a.contractNumber,
        contractName: '年度供货合同',
        signDate: '2026-01-10',
        total: '100000.00',
        // February's payment counts towards the balance at the end, May's does not.
        receivedToEnd: '30000.00',
        outstandingAtEnd: '70000.00',
      },
      expect.objectContaining({
        contractId: c.b.contractId,
        total: '50000.00',
        receivedToEnd: '0.00',
        outstandingAtEnd: '50000.00',
      }),
    ])
    // Only March's confirmed payment is in the period: not February's, May's, nor the pending one;
    // the payment on the contract signed after the period is still money received in it.
    expect(body.payments.map((p) => [p.paidOn, p.amount])).toEqual([
      ['2026-03-10', '20000.00'],
      ['2026-04-15', '3000.00'],
    ])
    expect(body.payments[0]).toMatchObject({
      paymentId: c.inside.id,
      number: c.inside.number,
      contractNumber: c.a.contractNumber,
      method: 'transfer',
    })
    expect(body.invoices).toEqual([
      {
        invoiceId: c.invoice.id,
        invoiceNumber: c.invoice.invoiceNumber,
        contractNumber: c.a.contractNumber,
        issueDate: '2026-03-20',
        type: 'vat_special',
        amount: '30000.00',
      },
    ])
    expect(body.totals).toEqual({
      contractTotal: '150000.00',
      receivedInPeriod: '23000.00',
      invoicedInPeriod: '30000.00',
      outstandingAtEnd: '120000.00',
    })
    expect(body.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(body).toMatchObject({ response: null, responseStale: false })
  })

  it('gives an empty statement for a known customer with nothing in the period, 404 for an unknown one', async () => {
    const r = await receivable({ customerName: '空白客户', signDate: '2026-06-01' })
    const res = await statement(r.customerId)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      customerName: '空白客户',
      contracts: [],
      payments: [],
      invoices: [],
      totals: {
        contractTotal: '0.00',
        receivedInPeriod: '0.00',
        invoicedInPeriod: '0.00',
        outstandingAtEnd: '0.00',
      },
    })
    const unknown = await statement(randomUUID())
    expectProblem(unknown, 404)
    expect(unknown.body.code).toBe('finance.statement.no_customer')
    const reversed = await statement(r.customerId, { from: '2026-05-01', to: '2026-04-01' })
    expectProblem(reversed, 400)
    expect(fieldCodes(reversed)).toEqual({ to: 'validation.period_order' })
  })

  it('keeps the digest while the figures stay, and changes it when they move', async () => {
    const r = await receivable()
    const first = (await statement(r.customerId)).body.digest
    expect((await statement(r.customerId)).body.digest).toBe(first)
    // Outside the period and after its end: nothing on the statement changes.
    await confirmedPayment(r.id, '100.00', '2026-06-01')
    expect((await statement(r.customerId)).body.digest).toBe(first)
    await confirmedPayment(r.id, '100.00', '2026-02-01')
    const afterEarlier = (await statement(r.customerId)).body.digest
    expect(afterEarlier).not.toBe(first)
    await confirmedPayment(r.id, '0.01', '2026-03-31')
    expect((await statement(r.customerId)).body.digest).not.toBe(afterEarlier)
    // Canonical: the order of keys does not matter, a cent does.
    const figures = {
      customerId: r.customerId,
      ...PERIOD,
      contracts: [],
      payments: [],
      invoices: [],
      totals: {
        contractTotal: '1.00',
        receivedInPeriod: '0.00',
        invoicedInPeriod: '0.00',
        outstandingAtEnd: '1.00',
      },
    }
    const shuffled = {
      totals: { ...figures.totals },
      invoices: [],
      payments: [],
      contracts: [],
      to: PERIOD.to,
      from: PERIOD.from,
      customerId: r.customerId,
    }
    expect(digestOf(shuffled)).toBe(digestOf(figures))
    expect(digestOf({ ...figures, totals: { ...figures.totals, outstandingAtEnd: '1.01' } })).not.toBe(
      digestOf(figures),
    )
  })

  it('records a confirmation and a dispute; a dispute needs a note, a changed statement is a 409', async () => {
    const r = await receivable({ customerName: '确认客户' })
    await confirmedPayment(r.id, '1000.00', '2026-03-05')
    const current = (await statement(r.customerId)).body
    const confirmed = await respond(r.customerId, { digest: current.digest })
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201)
    expect(finance.StatementResponse.parse(confirmed.body)).toMatchObject({
      customerId: r.customerId,
      customerName: '确认客户',
      ...PERIOD,
      status: 'confirmed',
      note: null,
      accountId: ACCOUNT,
      respondentName: '王经理',
      digest: current.digest,
      outstandingAtEnd: '99000.00',
      receivedInPeriod: '1000.00',
      invoicedInPeriod: '0.00',
    })

    const noNote = await respond(r.customerId, { digest: current.digest, status: 'disputed', note: '  ' })
    expectProblem(noNote, 400)
    expect(fieldCodes(noNote)).toEqual({ note: 'validation.dispute_note' })
    const tooLong = await respond(r.customerId, {
      digest: current.digest,
      status: 'disputed',
      note: 'x'.repeat(1001),
    })
    expectProblem(tooLong, 400)
    expect(fieldCodes(tooLong)).toEqual({ note: 'validation.too_long' })

    const disputed = await respond(r.customerId, {
      digest: current.digest,
      status: 'disputed',
      note: '三月的回款应为 1500 元',
    })
    expect(disputed.status).toBe(201)
    const shown = (await statement(r.customerId)).body
    expect(shown.response).toMatchObject({
      id: disputed.body.id,
      status: 'disputed',
      note: '三月的回款应为 1500 元',
    })
    expect(shown.responseStale).toBe(false)
    // Another period has no answer yet.
    expect((await statement(r.customerId, { from: '2026-01-01', to: '2026-04-30' })).body.response).toBeNull()

    // A payment lands: the answer is stale, and answering the old figures is refused.
    await confirmedPayment(r.id, '500.00', '2026-04-01')
    const moved = (await statement(r.customerId)).body
    expect(moved.response.id).toBe(disputed.body.id)
    expect(moved.responseStale).toBe(true)
    const stale = await respond(r.customerId, { digest: current.digest })
    expectProblem(stale, 409)
    expect(stale.body.code).toBe('finance.statement.changed')
    const again = await respond(r.customerId, { digest: moved.digest })
    expect(again.status).toBe(201)
    expect((await statement(r.customerId)).body).toMatchObject({
      response: { id: again.body.id },
      responseStale: false,
    })

    const unknown = await respond(randomUUID(), { digest: current.digest })
    expectProblem(unknown, 404)
  })

  it('serves the internal routes to services only', async () => {
    const r = await receivable()
    const asUser = await internal(`/customers/${r.customerId}/statement?from=2026-03-01&to=2026-04-30`, {
      token: s.clerk.token,
    })
    expect(asUser.status).toBe(401)
  })

  describe('staff routes', () => {
    it('shows the statement as the portal does, to those who may see the customer’s receivables', async () => {
      const c = await customerWithHistory()
      const query = `customerId=${c.customerId}&from=${PERIOD.from}&to=${PERIOD.to}`
      const staff = await s.h.call('GET', `/statements?${query}`, { token: s.clerk.token })
      expect(staff.status, JSON.stringify(staff.body)).toBe(200)
      expect(staff.body).toEqual((await statement(c.customerId)).body)
      expect((await s.h.call('GET', `/statements?${query}`, { token: s.east.token })).status).toBe(200)
      const west = await s.h.call('GET', `/statements?${query}`, { token: s.west.token })
      expectProblem(west, 404)
      expectProblem(await s.h.call('GET', `/statements?${query}`, { token: s.outsider.token }), 403)
      const missing = await s.h.call('GET', `/statements?from=${PERIOD.from}&to=${PERIOD.to}`, {
        token: s.clerk.token,
      })
      expectProblem(missing, 400)
      expect(Object.keys(fieldCodes(missing))).toEqual(['customerId'])
    })

    it('lists answers newest first, filtered by customer, status and name, within the caller’s scope', async () => {
      const tag = randomUUID().slice(0, 6)
      const east = await receivable({ customerName: `东方${tag}贸易` })
      const west = await seedReceivable(s.h, {
        owner: { id: s.west.id, deptId: WEST },
        customerName: `西部${tag}商行`,
      })
      const digestOf = async (customerId: string) => (await statement(customerId)).body.digest as string
      const first = await respond(east.customerId, { digest: await digestOf(east.customerId) })
      const second = await respond(west.customerId, {
        digest: await digestOf(west.customerId),
        status: 'disputed',
        note: '金额不符',
      })
      const third = await respond(east.customerId, {
        digest: await digestOf(east.customerId),
        status: 'disputed',
        note: '合同未签',
      })
      for (const r of [first, second, third]) expect(r.status).toBe(201)
      const list = (query: string, token = s.clerk.token) =>
        s.h.call('GET', `/statement-responses?${query}`, { token })
      const ids = async (query: string, token?: string) =>
        ((await list(query, token)).body.items as Array<{ id: string }>).map((i) => i.id)

      expect(await ids(`q=${tag}`)).toEqual([third.body.id, second.body.id, first.body.id])
      expect(await ids(`q=${tag}&status=disputed`)).toEqual([third.body.id, second.body.id])
      expect(await ids(`customerId=${east.customerId}`)).toEqual([third.body.id, first.body.id])
      expect(await ids(`q=西部`)).toContain(second.body.id)
      // Keyset paging walks the same order.
      const page1 = await list(`q=${tag}&limit=2`)
      expect(page1.body.items.map((i: { id: string }) => i.id)).toEqual([third.body.id, second.body.id])
      const page2 = await list(`q=${tag}&limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`)
      expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([first.body.id])
      expect(finance.StatementResponseListItem.parse(page1.body.items[0])).toMatchObject({
        customerName: `东方${tag}贸易`,
        status: 'disputed',
        note: '合同未签',
        stale: false,
      })
      // A payment in the period moves the east customer's figures: both its answers are now stale.
      await confirmedPayment(east.id, '10.00', '2026-04-01')
      const marks = (await list(`q=${tag}`)).body.items.map((i: { id: string; stale: boolean }) => [
        i.id,
        i.stale,
      ])
      expect(marks).toEqual([
        [third.body.id, true],
        [second.body.id, false],
        [first.body.id, true],
      ])

      // The east rep sees their customer's answers, the west manager their department's.
      expect(await ids(`q=${tag}`, s.east.token)).toEqual([third.body.id, first.body.id])
      expect(await ids(`q=${tag}`, s.west.token)).toEqual([second.body.id])
      expectProblem(await list('', s.outsider.token), 403)
      expectProblem(await list('status=maybe'), 400)
    })
  })
})
