import { describe, expect, it } from 'vitest'
import { assertEveryRouteRefusesHostileInput, harnessSuite } from '@mosaic/service-kit/testing'
import { startTicketsWithPeers } from './test-support/harness.js'

/**
 * Every declared tickets route, driven with generated hostile params, queries and bodies as a user allowed
 * everything in scope `all`: no 5xx, every refusal a problem+json with catalog codes. The ids aimed at are
 * real: a ticket with its customer, contact, contract and order (from the stand-in peers) and the user.
 */
describe('hostile input (every route)', () => {
  const s = harnessSuite(() => startTicketsWithPeers())

  it('is refused with a 4xx problem, never a 5xx', { timeout: 300_000 }, async () => {
    const boss = await s.h.user('hostile-boss', { dataScope: 'all' })
    const customer = s.h.peers.addCustomer('华东制造有限公司')
    const ticket = await s.h.call('POST', '/tickets', {
      token: boss.token,
      body: {
        type: 'repair',
        priority: 'high',
        channel: 'phone',
        customerId: customer.id,
        contactId: customer.contacts[0]!.id,
        contractId: customer.contracts[0]!.id,
        orderId: customer.orders[0]!.id,
        title: '设备故障',
        description: '无法启动',
      },
    })
    expect(ticket.status).toBe(201)
    const ids = [
      boss.id,
      ticket.body.id,
      customer.id,
      customer.contacts[0]!.id,
      customer.contracts[0]!.id,
      customer.orders[0]!.id,
    ]
    await assertEveryRouteRefusesHostileInput(s.h, { token: boss.token, ids, minRoutes: 20 })
  })
})
