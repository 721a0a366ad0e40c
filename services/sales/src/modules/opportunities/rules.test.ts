import { beforeAll, describe, expect, it } from 'vitest'
import { defaultDictTypes, type DictType } from '@mosaic/dictionary'
import { admin } from '@mosaic/schemas'
import { upsertRuleReplica } from '@mosaic/service-kit'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from '../../test-support/harness.js'
import { expectProblem, fieldErrors } from '@mosaic/service-kit/testing/expect'

/** The admin's dictionaries, edited: a stage re-weighted, another disabled, a follow-up method disabled. */
function editedDictionaries(): DictType[] {
  const types = defaultDictTypes()
  const entry = (type: string, value: string) =>
    types.find((t) => t.code === type)!.entries.find((e) => e.value === value)!
  entry('opportunity_stage', 'needs').extra = { probability: 35 }
  entry('opportunity_stage', 'proposal').enabled = false
  entry('followup_method', 'visit').enabled = false
  return types
}

describe('administrator rules and dictionaries as the sales service applies them', () => {
  const s = harnessSuite(() => startSales({}, { dictionaries: async () => editedDictionaries() }), {
    rep: {},
    manager: { dataScope: 'all', roles: ['sales_manager'] },
  })
  let customerId: string
  beforeAll(async () => {
    await s.h.service.db.transaction(async (m) => {
      await upsertRuleReplica(m, 'closure', 'opportunity', 2, {
        ...admin.DEFAULT_CLOSURE_RULES.opportunity,
        requiredFields: ['closeNote', 'closeDate'],
        lockOnClose: false,
        reopenRoles: ['sales_manager'],
        reopenWithinDays: 1,
      })
      await upsertRuleReplica(m, 'number', 'customer', 2, {
        docType: 'customer',
        prefix: 'C-',
        datePattern: 'none',
        width: 5,
        resetPeriod: 'never',
        enabled: true,
      })
    })
    const customer = await s.h.call('POST', '/customers', { token: s.rep.token, body: { name: 'Rules Ltd' } })
    customerId = customer.body.id
    expect(customer.body.number).toBe('C-00001')
  })

  it('uses the loaded dictionary: its probabilities and its disabled entries', async () => {
    const ok = await s.h.call('POST', '/opportunities', {
      token: s.rep.token,
      body: { name: 'Needs', customerId, stage: 'needs' },
    })
    expect(ok.body.probability).toBe(35)
    const disabled = await s.h.call('POST', '/opportunities', {
      token: s.rep.token,
      body: { name: 'Old stage', customerId, stage: 'proposal' },
    })
    expectProblem(disabled, 400)
    expect(disabled.body.errors).toEqual([expect.objectContaining({ field: 'stage', code: 'dict.disabled' })])
    const visit = await s.h.call('POST', '/followups', {
      token: s.rep.token,
      body: {
        targetType: 'customer',
        targetId: customerId,
        subject: 's',
        method: 'visit',
        content: 'c',
        contactedAt: new Date().toISOString(),
      },
    })
    expect(fieldErrors(visit)).toHaveProperty('method')
  })

  it("applies the closure rule's required fields, lock and reopen roles and window", async () => {
    const o = (
      await s.h.call('POST', '/opportunities', { token: s.rep.token, body: { name: 'Ruled', customerId } })
    ).body
    const bare = await s.h.call('POST', `/opportunities/${o.id}/close`, {
      token: s.rep.token,
      version: 1,
      body: { outcome: 'invalid' },
    })
    expectProblem(bare, 400)
    expect(Object.keys(fieldErrors(bare)).sort()).toEqual(['closeDate', 'closeNote'])
    const closed = await s.h.call('POST', `/opportunities/${o.id}/close`, {
      token: s.rep.token,
      version: 1,
      body: { outcome: 'invalid', closeNote: 'Duplicate enquiry', closeDate: '2026-07-01' },
    })
    expect(closed.body).toMatchObject({ status: 'invalid', locked: false })
    // Not locked by this rule: still editable after closing.
    const edit = await s.h.call('PATCH', `/opportunities/${o.id}`, {
      token: s.rep.token,
      version: 2,
      body: { remark: 'noted' },
    })
    expect(edit.status).toBe(200)
    const byRep = await s.h.call('POST', `/opportunities/${o.id}/reopen`, {
      token: s.rep.token,
      version: 3,
      body: { reason: 'oops' },
    })
    expect(expectProblem(byRep, 403).detail).toMatch(/sales_manager/)
    await s.h.service.db.transaction((m) =>
      m.query(`UPDATE opportunity SET closed_at = now() - interval '2 days' WHERE id = $1`, [o.id]),
    )
    const late = await s.h.call('POST', `/opportunities/${o.id}/reopen`, {
      token: s.manager.token,
      version: 3,
      body: { reason: 'late' },
    })
    expect(expectProblem(late, 403).detail).toMatch(/within 1 days/)
    await s.h.service.db.transaction((m) =>
      m.query(`UPDATE opportunity SET closed_at = now() WHERE id = $1`, [o.id]),
    )
    const reopened = await s.h.call('POST', `/opportunities/${o.id}/reopen`, {
      token: s.manager.token,
      version: 3,
      body: { reason: 'valid after all' },
    })
    expect(reopened.body).toMatchObject({ status: 'open', closeNote: null })
  })
})
