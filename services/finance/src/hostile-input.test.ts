import { describe, expect, it } from 'vitest'
import { assertEveryRouteRefusesHostileInput, harnessSuite } from '@mosaic/service-kit/testing'
import { startFinance } from './test-support/harness.js'
import { approve } from './test-support/receivables.js'
import { decidePayment, paymentBody, recordPayment } from './test-support/payments.js'

const SECRET = 'hostile-finance-secret-0123456789abcdef'

/**
 * Every declared finance route, driven with generated hostile params, queries and bodies as a user
 * allowed everything in scope `all`: no 5xx, every refusal a problem+json with catalog codes. The
 * ids aimed at are real: a receivable made from a contract event, its instalments, a confirmed
 * payment, its write-off and an invoice.
 */
describe('hostile input (every route)', () => {
  const s = harnessSuite(() => startFinance({ SERVICE_SECRET: SECRET }))

  it('is refused with a 4xx problem, never a 5xx', { timeout: 300_000 }, async () => {
    const boss = await s.h.user('hostile-boss', { dataScope: 'all' })
    const { contract, receivableId } = await approve(s.h, SECRET, { id: boss.id })
    const instalments: Array<{ id: string }> = await s.h.service.db.dataSource.query(
      'SELECT id FROM instalment WHERE receivable_id = $1 ORDER BY seq',
      [receivableId],
    )
    const payment = await recordPayment(s.h, boss.token, paymentBody(receivableId, '100.00'))
    expect(payment.status).toBe(201)
    await decidePayment(s.h, boss, payment.body.id, 'approved')
    const writeoff = await s.h.call('POST', `/payments/${payment.body.id}/writeoffs`, {
      token: boss.token,
      body: { allocations: [{ instalmentId: instalments[0]!.id, amount: '10.00' }] },
    })
    expect(writeoff.status).toBe(201)
    const invoice = await s.h.call('POST', '/invoices', {
      token: boss.token,
      body: { receivableId, type: 'vat_special', title: '华东制造有限公司', amount: '100.00' },
    })
    expect(invoice.status).toBe(201)
    const ids = [
      boss.id,
      receivableId,
      contract.id,
      payment.body.id,
      writeoff.body[0].id,
      invoice.body.id,
      ...instalments.map((i) => i.id),
    ]
    await assertEveryRouteRefusesHostileInput(s.h, { token: boss.token, ids, minRoutes: 25 })
  })
})
