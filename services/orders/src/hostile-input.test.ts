import { describe, expect, it } from 'vitest'
import { assertEveryRouteRefusesHostileInput, harnessSuite } from '@mosaic/service-kit/testing'
import { NOT_CLOSED } from './modules/closure/closure.js'
import { contracts } from './modules/contracts/contracts.store.js'
import { startOrders } from './test-support/harness.js'

/**
 * Every declared orders route, driven with generated hostile params, queries and bodies as a user
 * allowed everything in scope `all`: no 5xx, every refusal a problem+json with catalog codes.
 */
describe('hostile input (every route)', () => {
  const s = harnessSuite(() => startOrders())

  it('is refused with a 4xx problem, never a 5xx', { timeout: 300_000 }, async () => {
    const boss = await s.h.user('hostile-boss', { dataScope: 'all' })
    const ids: string[] = [boss.id]
    const category = await s.h.call('POST', '/categories', { token: boss.token, body: { name: 'Hostile' } })
    expect(category.status).toBe(201)
    ids.push(category.body.id)
    const product = await s.h.call('POST', '/products', {
      token: boss.token,
      body: {
        code: 'HOSTILE-1',
        name: 'Hostile',
        referencePrice: '1',
        taxRate: '13',
        categoryId: category.body.id,
      },
    })
    expect(product.status).toBe(201)
    ids.push(product.body.id)
    // A contract to aim at (its customer lives in sales, which this harness does not run).
    const contract = await s.h.service.db.transaction((m) =>
      contracts.create(
        m,
        { actor: { id: boss.id, name: boss.name } },
        {
          number: 'HT-HOSTILE-1',
          status: 'draft',
          revision: 0,
          approvalRequestId: null,
          name: 'Hostile',
          customerId: crypto.randomUUID(),
          customerName: 'Hostile',
          contactId: null,
          contactName: null,
          contactPhone: null,
          quoteId: null,
          quoteNumber: null,
          paymentMethod: null,
          prepayRatio: null,
          retentionRatio: null,
          warrantyMonths: null,
          invoiceType: null,
          invoiceTitle: null,
          invoiceTaxNumber: null,
          invoiceAddressPhone: null,
          invoiceBank: null,
          invoiceAccount: null,
          deliveryDate: null,
          consignee: null,
          consigneePhone: null,
          deliveryAddress: null,
          signDate: null,
          startDate: null,
          endDate: null,
          remark: null,
          attachments: [],
          ownerId: boss.id,
          ownerName: boss.name,
          deptId: null,
          lines: [],
          subtotal: '0',
          taxTotal: '0',
          total: '0',
          endReason: null,
          ...NOT_CLOSED,
        },
      ),
    )
    ids.push(contract.id)
    await assertEveryRouteRefusesHostileInput(s.h, { token: boss.token, ids, minRoutes: 25 })
  })
})
