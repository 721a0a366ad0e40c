import { describe, expect, it } from 'vitest'
import { assertEveryRouteRefusesHostileInput, harnessSuite } from '@mosaic/service-kit/testing'
import { startFinance } from './test-support/harness.js'
import { seedReceivable } from './test-support/receivables.js'
import { decidePayment, paymentBody, recordPayment } from './test-support/payments.js'

/**
 * Every declared finance route, driven with generated hostile params, queries and bodies as a
 * user allowed everything in scope `all`: no 5xx, every refusal a problem+json with catalog codes.
 */
describe('hostile input (every route)', () => {
  const s = harnessSuite(() => startFinance())

  it('is refused with a 4xx problem, never a 5xx', { timeout: 300_000 }, async () => {
    const boss = await s.h.user('hostile-boss', { dataScope: 'all' })
    const r = await seedReceivable(s.h, {
      owner: { id: boss.id },
      total: '1000.00',
      plan: [{ amount: '1000.00' }],
    })
    const payment = await recordPayment(s.h, boss.token, paymentBody(r.id, '100.00'))
    expect(payment.status).toBe(201)
    await decidePayment(s.h, boss, payment.body.id, 'approved')
    const writeoff = await s.h.call('POST', `/payments/${payment.body.id}/writeoffs`, {
      token: boss.token,
      body: { allocations: [{ instalmentId: r.instalments[0], amount: '10.00' }] },
    })
    expect(writeoff.status).toBe(201)
    const ids = [boss.id, r.id, payment.body.id, writeoff.body[0].id, ...r.instalments]
    await assertEveryRouteRefusesHostileInput(s.h, { token: boss.token, ids, minRoutes: 10 })
  })
})
