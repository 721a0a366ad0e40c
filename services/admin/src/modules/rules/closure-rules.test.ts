import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { admin } from '@mosaic/schemas'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import {
  expectProblem,
  fieldCodes,
  fieldErrors,
  ifMatch,
  type ReplyBody,
} from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
beforeAll(async () => ({ h, adminToken } = await startSignedIn()))
afterAll(() => h?.close())

const ruleOf = async (docType: string) => {
  const res = await h.call('GET', '/rules/closure', { token: adminToken })
  expect(res.status).toBe(200)
  return (res.body.items as admin.ClosureRule[]).find((r) => r.docType === docType)!
}
const patch = (rule: admin.ClosureRule, body: unknown, token = adminToken) =>
  h.call('PATCH', `/rules/closure/${rule.id}`, { token, headers: ifMatch(rule.version), body })

describe('closure rules', () => {
  test('initialisation loads the four closable types with the defaults', async () => {
    const res = await h.call('GET', '/rules/closure', { token: adminToken })
    expect(res.body.items.map((r: ReplyBody) => r.docType)).toEqual([...admin.CLOSABLE_DOC_TYPES])
    for (const r of res.body.items)
      expect(r).toMatchObject({
        requiredFields: [],
        lockOnClose: true,
        reopenRoles: [],
        reopenWithinDays: 30,
        modifyClosedRoles: ['super_admin'],
        approvalRequired: false,
        enabled: true,
      })
  })

  test('edit: required fields of the type, existing roles, day window; duplicates collapse', async () => {
    const ticket = await ruleOf('ticket')
    const res = await patch(ticket, {
      requiredFields: ['resolution', 'feedback', 'resolution'],
      reopenRoles: ['service_agent'],
      reopenWithinDays: null,
      modifyClosedRoles: [],
      lockOnClose: false,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      requiredFields: ['resolution', 'feedback'],
      reopenRoles: ['service_agent'],
      reopenWithinDays: null,
      modifyClosedRoles: [],
      lockOnClose: false,
      version: ticket.version + 1,
    })
    const audit = await h.call('GET', `/rules/closure/${ticket.id}/audit`, { token: adminToken })
    expect(audit.body[0]).toMatchObject({
      action: 'update',
      entityType: 'closure_rule',
      entityTitle: 'ticket',
    })
    expect(audit.body[0].diff.requiredFields).toEqual({ before: [], after: ['resolution', 'feedback'] })
    expect(audit.body[0].diff.reopenWithinDays).toEqual({ before: 30, after: null })
  })

  test('a field the type has no closing input for → 400 on that list item', async () => {
    const contract = await ruleOf('contract')
    const res = await patch(contract, { requiredFields: ['closeNote', 'resolution'] })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toEqual({
      'requiredFields.1': '"resolution" is not a closing field of contract (allowed: closeNote, closeDate)',
    })
  })

  test('approval can be switched on; unknown roles and bad days are field errors', async () => {
    const order = await ruleOf('order')
    const bad = await patch(order, { reopenWithinDays: 0, requiredFields: [] })
    expectProblem(bad, 400)
    expect(fieldCodes(bad)).toEqual({ reopenWithinDays: 'validation.too_small' })
    const on = await patch(order, { approvalRequired: true })
    expect(on.status, JSON.stringify(on.body)).toBe(200)
    expect(on.body.approvalRequired).toBe(true)
    const off = await patch(on.body, { approvalRequired: false })
    expect(off.body.approvalRequired).toBe(false)
    const current = await ruleOf('order')
    const roles = await patch(order, {
      reopenRoles: ['sales_manager', 'ghost_role'],
      modifyClosedRoles: ['nobody_here'],
    })
    expectProblem(roles, 400)
    expect(fieldCodes(roles)).toEqual({
      'reopenRoles.1': 'admin.rule.unknown_role',
      'modifyClosedRoles.0': 'admin.rule.unknown_role',
    })
    expect(await ruleOf('order')).toEqual(current)
  })

  test('stale If-Match → 412; closure rules cannot be created or deleted', async () => {
    const opp = await ruleOf('opportunity')
    expect((await patch(opp, { requiredFields: ['lostReason'] })).status).toBe(200)
    const stale = await patch(opp, { requiredFields: ['closeNote'] })
    expect(expectProblem(stale, 412).current).toMatchObject({ requiredFields: ['lostReason'] })
    expectProblem(
      await h.call('DELETE', `/rules/closure/${opp.id}`, {
        token: adminToken,
        headers: ifMatch(opp.version + 1),
      }),
      404,
    )
    expectProblem(
      await h.call('POST', '/rules/closure', { token: adminToken, body: { docType: 'order' } }),
      404,
    )
  })

  test('an earlier version can be restored', async () => {
    const ticket = await ruleOf('ticket')
    const res = await h.call('POST', `/rules/closure/${ticket.id}/versions/1/restore`, {
      token: adminToken,
      headers: ifMatch(ticket.version),
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ requiredFields: [], reopenWithinDays: 30, lockOnClose: true })
  })

  test('permissions: admin.rule.read reads, admin.rule.update is needed to edit', async () => {
    const reader = await h.userWith(adminToken, {
      username: 'closure_reader',
      permissions: ['admin.rule.read'],
    })
    const nobody = await h.userWith(adminToken, {
      username: 'closure_nobody',
      permissions: ['admin.dict.read'],
    })
    const contract = await ruleOf('contract')
    expect((await h.call('GET', '/rules/closure', { token: reader.token })).status).toBe(200)
    expectProblem(await h.call('GET', '/rules/closure', { token: nobody.token }), 403)
    expectProblem(await patch(contract, { lockOnClose: false }, reader.token), 403)
    expect(await ruleOf('contract')).toEqual(contract)
  })
})
