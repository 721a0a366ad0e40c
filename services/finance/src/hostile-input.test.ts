import { describe, it } from 'vitest'
import { assertEveryRouteRefusesHostileInput, harnessSuite } from '@mosaic/service-kit/testing'
import { startFinance } from './test-support/harness.js'
import { approve } from './test-support/receivables.js'

const SECRET = 'hostile-finance-secret-0123456789abcdef'

/**
 * Every declared finance route, driven with generated hostile params, queries and bodies as a user
 * allowed everything in scope `all`: no 5xx, every refusal a problem+json with catalog codes.
 */
describe('hostile input (every route)', () => {
  const s = harnessSuite(() => startFinance({ SERVICE_SECRET: SECRET }))

  it('is refused with a 4xx problem, never a 5xx', { timeout: 300_000 }, async () => {
    const boss = await s.h.user('hostile-boss', { dataScope: 'all' })
    // A receivable (and so its plan's instalments) to aim at.
    const { contract, receivableId } = await approve(s.h, SECRET, { id: boss.id })
    const instalments: Array<{ id: string }> = await s.h.service.db.dataSource.query(
      'SELECT id FROM instalment WHERE receivable_id = $1',
      [receivableId],
    )
    const ids = [boss.id, receivableId, contract.id, ...instalments.map((i) => i.id)]
    await assertEveryRouteRefusesHostileInput(s.h, { token: boss.token, ids, minRoutes: 5 })
  })
})
