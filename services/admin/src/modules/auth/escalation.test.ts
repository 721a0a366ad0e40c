import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startAdmin, type AdminHarness } from '../../test-support/harness.js'
import { expectProblem, fieldErrors, ifMatch } from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
let manager: { user: any; token: string }
let superAdminRoleId: string

const MANAGER_PERMISSIONS = [
  'admin.user.read',
  'admin.user.create',
  'admin.user.update',
  'admin.role.read',
  'admin.role.create',
  'admin.role.update',
]

beforeAll(async () => {
  h = await startAdmin()
  adminToken = await h.login()
  manager = await h.userWith(adminToken, { username: 'escalator', permissions: MANAGER_PERMISSIONS })
  const roles = await h.call('GET', '/roles?limit=100', { token: adminToken })
  superAdminRoleId = roles.body.items.find((r: any) => r.code === 'super_admin').id
})
afterAll(async () => {
  await h?.close()
})

describe('no privilege escalation', () => {
  test('a user cannot change their own roles', async () => {
    const me = await h.call('GET', `/users/${manager.user.id}`, { token: manager.token })
    const res = await h.call('PATCH', `/users/${manager.user.id}`, {
      token: manager.token,
      headers: ifMatch(me.body.version),
      body: { roleIds: [superAdminRoleId] },
    })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('roleIds')
    const after = await h.call('GET', `/users/${manager.user.id}`, { token: adminToken })
    expect(after.body.roleIds).toEqual(me.body.roleIds)
    expect(after.body.version).toBe(me.body.version)
  })

  test('roles carrying permissions the actor lacks cannot be given to anyone', async () => {
    const created = await h.call('POST', '/users', {
      token: manager.token,
      body: {
        username: 'accomplice',
        displayName: 'Accomplice',
        password: 'password-123',
        roleIds: [superAdminRoleId],
      },
    })
    expectProblem(created, 400)
    expect(fieldErrors(created)).toHaveProperty('roleIds')
    const list = await h.call('GET', '/users?q=accomplice', { token: adminToken })
    expect(list.body.items).toHaveLength(0)
  })

  test('a role cannot be created or widened beyond the actor’s own permissions', async () => {
    const created = await h.call('POST', '/roles', {
      token: manager.token,
      body: { code: 'wide', name: 'Wide', permissions: ['admin.init.run'], dataScope: 'all' },
    })
    expectProblem(created, 400)
    expect(fieldErrors(created)).toHaveProperty('permissions')
    const own = await h.call('GET', `/roles/${manager.user.roleIds[0]}`, { token: adminToken })
    const widened = await h.call('PATCH', `/roles/${own.body.id}`, {
      token: manager.token,
      headers: ifMatch(own.body.version),
      body: { permissions: [...own.body.permissions, 'admin.user.delete'] },
    })
    expectProblem(widened, 400)
    expect(fieldErrors(widened)).toHaveProperty('permissions')
    expect((await h.call('GET', `/roles/${own.body.id}`, { token: adminToken })).body.permissions).toEqual(
      own.body.permissions,
    )
  })

  test('granting what the actor holds is allowed', async () => {
    const role = await h.call('POST', '/roles', {
      token: manager.token,
      body: { code: 'reader', name: 'Reader', permissions: ['admin.user.read'], dataScope: 'self' },
    })
    expect(role.status).toBe(201)
    const user = await h.call('POST', '/users', {
      token: manager.token,
      body: { username: 'reader1', displayName: 'Reader', password: 'password-123', roleIds: [role.body.id] },
    })
    expect(user.status, JSON.stringify(user.body)).toBe(201)
    expect(user.body.roleIds).toEqual([role.body.id])
  })
})

describe('no privilege escalation through history', () => {
  test('restoring a role version with permissions the actor lacks is refused', async () => {
    const role = await h.call('POST', '/roles', {
      token: adminToken,
      body: {
        code: 'shrinking',
        name: 'Shrinking',
        permissions: ['admin.user.read', 'admin.user.delete'],
        dataScope: 'self',
      },
    })
    const narrowed = await h.call('PATCH', `/roles/${role.body.id}`, {
      token: adminToken,
      headers: ifMatch(role.body.version),
      body: { permissions: ['admin.user.read'] },
    })
    expect(narrowed.body.version).toBe(2)
    const restore = await h.call('POST', `/roles/${role.body.id}/versions/1/restore`, {
      token: manager.token,
      headers: ifMatch(2),
    })
    expectProblem(restore, 400)
    expect(fieldErrors(restore)).toHaveProperty('permissions')
    const after = await h.call('GET', `/roles/${role.body.id}`, { token: adminToken })
    expect(after.body).toMatchObject({ version: 2, permissions: ['admin.user.read'] })
  })
})
