import { afterAll, beforeAll, describe, expect, test } from 'vitest'
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

async function createRole(code: string, permissions: string[] = ['admin.user.read']) {
  const res = await h.call('POST', '/roles', {
    token: adminToken,
    body: { code, name: `Role ${code}`, permissions, dataScope: 'dept' },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}
const roleCodes = async () => {
  const res = await h.call('GET', '/roles?limit=100', { token: adminToken })
  expect(res.status).toBe(200)
  return res.body.items.map((r: ReplyBody) => r.code) as string[]
}

describe('roles', () => {
  test('the built-in roles exist and cannot be deleted (409), they stay', async () => {
    const list = await h.call('GET', '/roles?limit=100', { token: adminToken })
    const superAdmin = list.body.items.find((r: ReplyBody) => r.code === 'super_admin')
    expect(superAdmin).toMatchObject({ builtIn: true, dataScope: 'all' })
    expect(
      list.body.items
        .filter((r: ReplyBody) => r.builtIn)
        .map((r: ReplyBody) => r.code)
        .sort(),
    ).toEqual(['auditor', 'finance_clerk', 'sales_manager', 'sales_rep', 'service_agent', 'super_admin'])
    const auditor = list.body.items.find((r: ReplyBody) => r.code === 'auditor')
    const problem = expectProblem(
      await h.call('DELETE', `/roles/${auditor.id}`, {
        token: adminToken,
        headers: ifMatch(auditor.version),
      }),
      409,
    )
    expect(problem.detail).toMatch(/Built-in/)
    expect((await h.call('GET', `/roles/${auditor.id}`, { token: adminToken })).status).toBe(200)
    expect(await roleCodes()).toContain('auditor')
  })

  test('a role assigned to a user cannot be deleted (409); once unassigned it can (204)', async () => {
    const role = await createRole('assigned_role')
    const user = await h.call('POST', '/users', {
      token: adminToken,
      body: { username: 'role_holder', displayName: 'Holder', password: 'password-123', roleIds: [role.id] },
    })
    expect(user.status).toBe(201)
    expect(user.body.roleNames).toEqual(['Role assigned_role'])

    const problem = expectProblem(
      await h.call('DELETE', `/roles/${role.id}`, { token: adminToken, headers: ifMatch(1) }),
      409,
    )
    expect(problem.detail).toMatch(/assigned to 1 user/)
    expect((await h.call('GET', `/roles/${role.id}`, { token: adminToken })).status).toBe(200)

    const unassign = await h.call('PATCH', `/users/${user.body.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { roleIds: [] },
    })
    expect(unassign.status).toBe(200)
    expect(
      (await h.call('DELETE', `/roles/${role.id}`, { token: adminToken, headers: ifMatch(1) })).status,
    ).toBe(204)
    expectProblem(await h.call('GET', `/roles/${role.id}`, { token: adminToken }), 404)
    expect(await roleCodes()).not.toContain('assigned_role')
  })

  test('an unknown permission code → 400 field permissions.<index>, role not created', async () => {
    const res = await h.call('POST', '/roles', {
      token: adminToken,
      body: { code: 'bad_perms', name: 'Bad', permissions: ['admin.nothing.read', 'admin.user.read'] },
    })
    expectProblem(res, 400)
    expect(fieldCodes(res)).toEqual({ 'permissions.0': 'admin.role.unknown_permission' })
    expect(fieldErrors(res)).toEqual({ 'permissions.0': 'Unknown permission code' })
    expect(await roleCodes()).not.toContain('bad_perms')

    const later = await h.call('POST', '/roles', {
      token: adminToken,
      body: { code: 'bad_perms2', name: 'Bad', permissions: ['admin.user.read', 'sales.lead.read', 'nope'] },
    })
    expect(fieldErrors(later)).toHaveProperty('permissions.2')
  })

  test('an unknown permission in an edit → 400, role unchanged', async () => {
    const role = await createRole('edit_perms')
    const res = await h.call('PATCH', `/roles/${role.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { permissions: ['made.up.code'] },
    })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('permissions.0')
    expect((await h.call('GET', `/roles/${role.id}`, { token: adminToken })).body).toMatchObject({
      version: 1,
      permissions: ['admin.user.read'],
    })
  })

  test('duplicate code → 409 field code', async () => {
    await createRole('dup_role')
    const res = await h.call('POST', '/roles', {
      token: adminToken,
      body: { code: 'dup_role', name: 'Again' },
    })
    expectProblem(res, 409)
    expect(fieldErrors(res)).toHaveProperty('code')
  })

  test('a permission change is audited with the exact diff and takes effect at the next sign-in', async () => {
    const { token, user } = await h.userWith(adminToken, {
      username: 'perm_change',
      permissions: ['admin.user.read'],
    })
    expectProblem(await h.call('GET', '/depts', { token }), 403)
    const role = (await h.call('GET', `/roles/${user.roleIds[0]}`, { token: adminToken })).body
    const res = await h.call('PATCH', `/roles/${role.id}`, {
      token: adminToken,
      headers: ifMatch(role.version),
      body: { permissions: ['admin.user.read', 'admin.dept.read'] },
    })
    expect(res.status).toBe(200)
    expect(res.body.permissions).toEqual(['admin.dept.read', 'admin.user.read'])
    const audit = await h.call('GET', `/roles/${role.id}/audit`, { token: adminToken })
    expect(audit.body.map((a: ReplyBody) => a.action)).toEqual(['update', 'create'])
    expect(audit.body[0].diff).toEqual({
      permissions: { before: ['admin.user.read'], after: ['admin.dept.read', 'admin.user.read'] },
    })
    const fresh = await h.login('perm_change', 'password-123')
    expect((await h.call('GET', '/depts', { token: fresh })).status).toBe(200)
  })

  test('duplicate role names are refused: 409 field name (case-insensitive); a deleted role frees its name', async () => {
    const first = await h.call('POST', '/roles', {
      token: adminToken,
      body: { code: 'dup_a', name: 'Regional sales', permissions: [], dataScope: 'self' },
    })
    expect(first.status).toBe(201)
    const second = await h.call('POST', '/roles', {
      token: adminToken,
      body: { code: 'dup_b', name: 'regional SALES', permissions: [], dataScope: 'self' },
    })
    expect(expectProblem(second, 409)).toMatchObject({ code: 'admin.role.name_taken' })
    expect(fieldCodes(second)).toEqual({ name: 'admin.role.name_taken' })
    const other = await createRole('dup_c')
    const renamed = await h.call('PATCH', `/roles/${other.id}`, {
      token: adminToken,
      headers: ifMatch(other.version),
      body: { name: 'Regional sales' },
    })
    expect(expectProblem(renamed, 409)).toMatchObject({ code: 'admin.role.name_taken' })
    // Renaming a role to its own name (another case) is not a clash.
    const same = await h.call('PATCH', `/roles/${first.body.id}`, {
      token: adminToken,
      headers: ifMatch(first.body.version),
      body: { name: 'Regional Sales' },
    })
    expect(same.status).toBe(200)
    const removed = await h.call('DELETE', `/roles/${first.body.id}`, {
      token: adminToken,
      headers: ifMatch(same.body.version),
    })
    expect(removed.status).toBe(204)
    const reused = await h.call('POST', '/roles', {
      token: adminToken,
      body: { code: 'dup_d', name: 'Regional sales', permissions: [], dataScope: 'self' },
    })
    expect(reused.status).toBe(201)
  })
})
