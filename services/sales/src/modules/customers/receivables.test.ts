import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { EventPayloadInput } from '@mosaic/schemas'
import { harnessSuite, postEvent } from '@mosaic/service-kit/testing'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { startSales } from '../../test-support/harness.js'

const SECRET = 'receivables-test-secret-0123456789abcdef'
const EAST = randomUUID()
const WEST = randomUUID()

/** The customer's collected % in sales, from finance's `finance.receivable.progressed`. */
describe('customer receivables summary', () => {
  const s = harnessSuite(() => startSales({ SERVICE_SECRET: SECRET }), {
    east: { username: 'east-rep', deptIds: [EAST] },
    west: { username: 'west-rep', deptIds: [WEST] },
    eastBoss: { username: 'east-boss', deptIds: [EAST], dataScope: 'dept' },
  })

  async function customer(name: string) {
    const res = await s.h.call('POST', '/customers', { token: s.east.token, body: { name } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body as { id: string; name: string }
  }

  /** A progressed event of one contract of `customerId`, computed at `at`. */
  const progressed = (
    customerId: string,
    contractId: string,
    at: string,
    over: Partial<EventPayloadInput<'finance.receivable.progressed'>> = {},
  ): EventPayloadInput<'finance.receivable.progressed'> => ({
    receivableId: randomUUID(),
    contractId,
    contractNumber: `HT${contractId.slice(0, 6)}`,
    customerId,
    customerName: '客户',
    ownerId: s.east.id,
    deptId: EAST,
    status: 'open',
    total: '100000.00',
    received: '0.00',
    outstanding: '100000.00',
    collectedPercent: '0.00',
    invoiced: '0.00',
    paymentCount: 0,
    invoiceCount: 0,
    instalmentsPaid: 0,
    instalmentCount: 2,
    overdue: false,
    progressedAt: at,
    ...over,
  })
  const deliver = async (payload: EventPayloadInput<'finance.receivable.progressed'>) => {
    const res = await postEvent(s.h.base, SECRET, 'finance.receivable.progressed', payload)
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300)
  }
  const summary = (id: string, token = s.east.token) =>
    s.h.call('GET', `/customers/${id}/receivables-summary`, { token })

  it('is all zeros before finance reports anything', async () => {
    const c = await customer('回款为零有限公司')
    const res = await summary(c.id)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toEqual({
      contractCount: 0,
      total: '0.00',
      received: '0.00',
      outstanding: '0.00',
      collectedPercent: '0.00',
      invoiced: '0.00',
      progressedAt: null,
    })
  })

  it('sums the latest figures of each contract; an older report is ignored, cancelled ones count for nothing', async () => {
    const c = await customer('回款汇总有限公司')
    const [a, b, cancelled] = [randomUUID(), randomUUID(), randomUUID()]
    await deliver(
      progressed(c.id, a, '2026-03-01T08:00:00.000Z', { received: '30000.00', invoiced: '50000.00' }),
    )
    await deliver(
      progressed(c.id, b, '2026-03-01T08:00:00.000Z', {
        total: '50000.00',
        received: '50000.00',
        status: 'collected',
      }),
    )
    await deliver(
      progressed(c.id, cancelled, '2026-03-01T08:00:00.000Z', { status: 'cancelled', total: '9999.00' }),
    )
    // Contract a progresses, then an older computation arrives late: the newer one stays.
    await deliver(
      progressed(c.id, a, '2026-03-02T08:00:00.000Z', { received: '45000.50', invoiced: '60000.00' }),
    )
    await deliver(progressed(c.id, a, '2026-03-01T09:00:00.000Z', { received: '35000.00' }))
    const res = await summary(c.id)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toEqual({
      contractCount: 2,
      total: '150000.00',
      received: '95000.50',
      outstanding: '54999.50',
      // 95000.50 / 150000 = 63.3336…, rounded down
      collectedPercent: '63.33',
      invoiced: '60000.00',
      progressedAt: '2026-03-02T08:00:00.000Z',
    })
    // A contract cancelled later drops out of the sums.
    await deliver(progressed(c.id, b, '2026-03-03T08:00:00.000Z', { total: '50000.00', status: 'cancelled' }))
    expect((await summary(c.id)).body).toMatchObject({
      contractCount: 1,
      total: '100000.00',
      collectedPercent: '45.00',
    })
  })

  it('answers whoever may read the customer; 404 outside their scope', async () => {
    const c = await customer('回款可见性有限公司')
    await deliver(progressed(c.id, randomUUID(), '2026-03-01T08:00:00.000Z', { received: '100000.00' }))
    expect((await summary(c.id, s.eastBoss.token)).body).toMatchObject({ collectedPercent: '100.00' })
    expectProblem(await summary(c.id, s.west.token), 404)
    expectProblem(await summary(randomUUID()), 404)
    expectProblem(await summary('not-a-uuid'), 400)
  })
})
