import { describe, expect, it } from 'vitest'
import { assertEveryRouteRefusesHostileInput, harnessSuite } from '@mosaic/service-kit/testing'
import { startFinance } from '../../test-support/harness.js'
import { seedReceivable } from '../../test-support/receivables.js'

/**
 * The invoice routes driven with generated hostile params, queries and bodies by a user allowed
 * everything in scope `all`: no 5xx, every refusal a problem+json with catalog codes.
 */
describe('hostile input (invoice routes)', () => {
  const s = harnessSuite(() => startFinance(), { boss: { username: 'hostile-boss', dataScope: 'all' } })

  it('is refused with a 4xx problem, never a 5xx', { timeout: 300_000 }, async () => {
    const r = await seedReceivable(s.h, { owner: { id: s.boss.id } })
    const invoice = await s.h.call('POST', '/invoices', {
      token: s.boss.token,
      body: { receivableId: r.id, type: 'vat_ordinary', title: 'Hostile Ltd', amount: '10.00' },
    })
    expect(invoice.status).toBe(201)
    await assertEveryRouteRefusesHostileInput(s.h, {
      token: s.boss.token,
      ids: [r.id, invoice.body.id, r.instalments[0]!],
      minRoutes: 10,
      // The other aggregates' routes have their own suites.
      skip: (route) => !route.path.includes('/invoices'),
    })
  })
})
