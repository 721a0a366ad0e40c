import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { admin } from '@mosaic/schemas'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import { expectProblem, fieldCodes, fieldErrors, ifMatch } from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
let adminId: string
let rootDeptId: string

beforeAll(async () => {
  ;({ h, adminToken } = await startSignedIn())
  adminId = (await h.call('GET', '/auth/me', { token: adminToken })).body.id
  rootDeptId = (await h.call('GET', '/depts', { token: adminToken })).body[0].id
})
afterAll(() => h?.close())

const current = async () => {
  const res = await h.call('GET', '/rules/pool', { token: adminToken })
  expect(res.status).toBe(200)
  return res.body as admin.PoolRule
}
const patch = async (body: unknown, token = adminToken) => {
  const rule = await current()
  return h.call('PATCH', `/rules/pool/${rule.id}`, { token, headers: ifMatch(rule.version), body })
}
const UNKNOWN = '0c0e7f5e-1d2b-4c3a-9e8f-7a6b5c4d3e2f'

describe('pool rule', () => {
  test('initialisation loads the default rule', async () => {
    const { id, version, createdAt, updatedAt, ...values } = await current()
    expect(values).toEqual(admin.DEFAULT_POOL_RULE)
    expect(id && version && createdAt && updatedAt).toBeTruthy()
  })

  test('a full edit with per-user and per-department limits is saved and audited', async () => {
    const res = await patch({
      noFollowupDays: 20,
      noDealDays: 60,
      levelOverrides: {
        A: { noFollowupDays: 45, noDealDays: null },
        B: { noFollowupDays: null, noDealDays: 120 },
      },
      warnDaysAhead: 5,
      ownedLimit: 100,
      lockedLimit: 10,
      userLimits: [{ userId: adminId, owned: 500, locked: 50 }],
      deptLimits: [{ deptId: rootDeptId, owned: 1000, locked: null }],
      claimsPerDay: null,
      reclaimCooldownDays: 14,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ noFollowupDays: 20, claimsPerDay: null, version: 2 })
    expect(res.body.userLimits).toEqual([{ userId: adminId, owned: 500, locked: 50 }])
    const audit = await h.call('GET', `/rules/pool/${res.body.id}/audit`, { token: adminToken })
    expect(audit.body[0]).toMatchObject({ action: 'update', entityType: 'pool_rule' })
    expect(audit.body[0].diff.claimsPerDay).toEqual({ before: 10, after: null })
  })

  test('the warning must come before the shortest limit of the rule as saved', async () => {
    // Stored: warn 5; lowering one limit to 5 would warn on the day of recycling.
    const res = await patch({ noDealDays: 5 })
    expectProblem(res, 400)
    expect(fieldErrors(res).warnDaysAhead).toBe('Must be less than the shortest recycling limit (5 days)')
    expect(res.body.errors[0]).toMatchObject({ code: 'admin.rule.warn_before_limit', params: { days: 5 } })
    const override = await patch({ levelOverrides: { C: { noFollowupDays: 3, noDealDays: null } } })
    expect(fieldErrors(override).warnDaysAhead).toMatch(/3 days/)
    expect(fieldCodes(await patch({ warnDaysAhead: 31 })).warnDaysAhead).toBe('validation.too_big')
  })

  test('locked ≤ owned (merged with the stored rule), no one listed twice, references must exist', async () => {
    expect(fieldErrors(await patch({ lockedLimit: 101 }))).toEqual({
      lockedLimit: 'Cannot exceed the owned-customer limit',
    })
    const res = await patch({
      userLimits: [
        { userId: adminId, owned: 1, locked: null },
        { userId: adminId, owned: 2, locked: 3 },
        { userId: UNKNOWN, owned: 1, locked: null },
      ],
      deptLimits: [{ deptId: UNKNOWN, owned: null, locked: null }],
    })
    expectProblem(res, 400)
    expect(fieldCodes(res)).toEqual({
      'userLimits.1.userId': 'admin.rule.listed_twice',
      'userLimits.1.locked': 'admin.rule.locked_over_owned',
    })
    const refs = await patch({
      userLimits: [{ userId: UNKNOWN, owned: 1, locked: null }],
      deptLimits: [{ deptId: UNKNOWN, owned: null, locked: null }],
      levelOverrides: { Z: { noFollowupDays: 60, noDealDays: null } },
    })
    expect(fieldErrors(refs)).toEqual({
      'userLimits.0.userId': 'No such user',
      'deptLimits.0.deptId': 'No such department',
      'levelOverrides.Z': 'Not a customer level in the dictionary',
    })
    expect(fieldErrors(await patch({ ownedLimit: 5, extra: 1 }))).toEqual({ extra: 'Unknown field' })
    expect((await current()).version).toBe(2)
  })

  test('stale If-Match → 412 with the current rule; restore an earlier version', async () => {
    const rule = await current()
    const stale = await h.call('PATCH', `/rules/pool/${rule.id}`, {
      token: adminToken,
      headers: ifMatch(rule.version - 1),
      body: { enabled: false },
    })
    expect(expectProblem(stale, 412).current).toMatchObject({ version: rule.version, enabled: true })
    const restored = await h.call('POST', `/rules/pool/${rule.id}/versions/1/restore`, {
      token: adminToken,
      headers: ifMatch(rule.version),
    })
    expect(restored.status).toBe(200)
    const { id: _id, version, createdAt: _c, updatedAt: _u, ...values } = restored.body
    expect(values).toEqual(admin.DEFAULT_POOL_RULE)
    expect(version).toBe(rule.version + 1)
  })

  test('permissions: read with admin.rule.read, edit only with admin.rule.update', async () => {
    const reader = await h.userWith(adminToken, { username: 'pool_reader', permissions: ['admin.rule.read'] })
    const editor = await h.userWith(adminToken, {
      username: 'pool_editor',
      permissions: ['admin.rule.read', 'admin.rule.update'],
    })
    const nobody = await h.userWith(adminToken, { username: 'pool_nobody', permissions: ['admin.role.read'] })
    expect((await h.call('GET', '/rules/pool', { token: reader.token })).status).toBe(200)
    expectProblem(await h.call('GET', '/rules/pool', { token: nobody.token }), 403)
    expectProblem(await patch({ claimsPerDay: 3 }, reader.token), 403)
    expect((await current()).claimsPerDay).toBe(10)
    expect((await patch({ claimsPerDay: 3 }, editor.token)).status).toBe(200)
  })
})
