import { describe, expect, it } from 'vitest'
import { assertEveryRouteRefusesHostileInput, harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from './test-support/harness.js'

/**
 * Every declared sales route, driven with generated hostile params, queries and bodies as a user
 * allowed everything in scope `all`: no 5xx, every refusal a problem+json with catalog codes. New
 * routes are covered the day they are declared.
 */
describe('hostile input (every route)', () => {
  const s = harnessSuite(() => startSales())

  it('is refused with a 4xx problem, never a 5xx', { timeout: 300_000 }, async () => {
    const boss = await s.h.user('hostile-boss', { dataScope: 'all' })
    const ids: string[] = [boss.id]
    const customer = await s.h.call('POST', '/customers', {
      token: boss.token,
      body: { name: 'Hostile Ltd' },
    })
    expect(customer.status).toBe(201)
    ids.push(customer.body.id)
    const lead = await s.h.call('POST', '/leads', { token: boss.token, body: { name: 'Hostile lead' } })
    if (lead.status === 201) ids.push(lead.body.id)
    const tally = new Map<string, number>()
    await assertEveryRouteRefusesHostileInput(s.h, {
      token: boss.token,
      ids,
      minRoutes: 30,
      onAnswer: (_route, status, code) => {
        if (process.env.HOSTILE_DEBUG)
          tally.set(`${status} ${code ?? ''}`, (tally.get(`${status} ${code ?? ''}`) ?? 0) + 1)
      },
    })
    if (process.env.HOSTILE_DEBUG) console.log(Object.fromEntries(tally))
  })
})
