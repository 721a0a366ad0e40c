import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import { expectProblem, fieldErrors, ifMatch, type ReplyBody } from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
let manager: { user: ReplyBody; token: string }
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
  ;({ h, adminToken } = await startSignedIn())
  manager = await h.userWith(adminToken, { username: 'escalator', permissions: MANAGER_PERMISSIONS })
  const roles = await h.call('GET', '/roles?limit=100', { token: adminToken })
  superAdminRoleId = roles.body.items.find((r: ReplyBody) => r.code === 'super_admin').id
})
afterAll(() => h?.close())

describe('no privilege escalation', () => {
  test('a user cannot change their own roles', async () => {
    const me = await h.call('GET', `/users/${manager.user.id}`, { token: manager.token })
    const res = await h.call('PATCH', `/users/${manager.user.id}`, {
      token: manager.token,
      headers: ifMatch(me.body.version),
      body: { roleIds: [superAdminRoleId] },
    })
    expect(expectProblem(res, 400)).toMatchObject({ code: 'admin.user.own_roles' })
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
    expect(expectProblem(created, 403)).toMatchObject({ code: 'admin.role.permission_not_held' })
    expect(fieldErrors(created)).toHaveProperty('roleIds')
    const list = await h.call('GET', '/users?q=accomplice', { token: adminToken })
    expect(list.body.items).toHaveLength(0)
  })

  test('a role cannot be created or widened beyond the actor’s own permissions', async () => {
    const created = await h.call('POST', '/roles', {
      token: manager.token,
      body: { code: 'wide', name: 'Wide', permissions: ['admin.init.run'], dataScope: 'all' },
    })
    expect(expectProblem(created, 403)).toMatchObject({ code: 'admin.role.permission_not_held' })
    expect(fieldErrors(created)).toHaveProperty('permissions')
    const other = await h.call('POST', '/roles', {
      token: manager.token,
      body: { code: 'narrow', name: 'Narrow', permissions: ['admin.user.read'], dataScope: 'self' },
    })
    const own = await h.call('GET', `/roles/${other.body.id}`, { token: adminToken })
    const widened = await h.call('PATCH', `/roles/${own.body.id}`, {
      token: manager.token,
      headers: ifMatch(own.body.version),
      body: { permissions: [...own.body.permissions, 'admin.user.delete'] },
    })
    expect(expectProblem(widened, 403)).toMatchObject({ code: 'admin.role.permission_not_held' })
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
    expect(expectProblem(restore, 403)).toMatchObject({ code: 'admin.role.permission_not_held' })
    expect(fieldErrors(restore)).toHaveProperty('permissions')
    const after = await h.call('GET', `/roles/${role.body.id}`, { token: adminToken })
    expect(after.body).toMatchObject({ version: 2, permissions: ['admin.user.read'] })
  })
})

describe('data scope, own roles and the super administrator', () => {
  const ROLE_ADMIN = ['admin.role.read', 'admin.role.create', 'admin.role.update', 'admin.role.delete']
  const USER_ADMIN = [
    'admin.user.read',
    'admin.user.create',
    'admin.user.update',
    'admin.user.delete',
    'admin.user.reset-password',
    'admin.role.read',
  ]
  let scoped: { user: ReplyBody; token: string }
  let userAdmin: { user: ReplyBody; token: string }
  let root2: ReplyBody
  beforeAll(async () => {
    scoped = await h.userWith(adminToken, {
      username: 'scoped',
      permissions: [...ROLE_ADMIN, 'admin.user.read', 'admin.user.update'],
      dataScope: 'self',
    })
    userAdmin = await h.userWith(adminToken, { username: 'useradmin', permissions: USER_ADMIN })
    const created = await h.call('POST', '/users', {
      token: adminToken,
      body: {
        username: 'root2',
        displayName: 'Root 2',
        password: 'password-123',
        roleIds: [superAdminRoleId],
      },
    })
    root2 = created.body
  })

  test('a self-scoped role admin cannot widen their own role to all (403), nor edit or delete it', async () => {
    const own = await h.call('GET', `/roles/${scoped.user.roleIds[0]}`, { token: adminToken })
    const widened = await h.call('PATCH', `/roles/${own.body.id}`, {
      token: scoped.token,
      headers: ifMatch(own.body.version),
      body: { dataScope: 'all' },
    })
    expect(expectProblem(widened, 403)).toMatchObject({ code: 'admin.role.own_role' })
    const removed = await h.call('DELETE', `/roles/${own.body.id}`, {
      token: scoped.token,
      headers: ifMatch(own.body.version),
    })
    expect(expectProblem(removed, 403)).toMatchObject({ code: 'admin.role.own_role' })
    const after = await h.call('GET', `/roles/${own.body.id}`, { token: adminToken })
    expect(after.body).toMatchObject({ dataScope: 'self', version: own.body.version })
  })

  test('nor create a role, or widen another one, beyond their own scope', async () => {
    const created = await h.call('POST', '/roles', {
      token: scoped.token,
      body: { code: 'everything', name: 'Everything', permissions: ['admin.user.read'], dataScope: 'all' },
    })
    expect(expectProblem(created, 403)).toMatchObject({
      code: 'admin.role.scope_too_wide',
      params: { held: 'self', scope: 'all' },
    })
    expect(fieldErrors(created)).toHaveProperty('dataScope')
    const ok = await h.call('POST', '/roles', {
      token: scoped.token,
      body: { code: 'mine_only', name: 'Mine only', permissions: ['admin.user.read'], dataScope: 'self' },
    })
    expect(ok.status).toBe(201)
    const widened = await h.call('PATCH', `/roles/${ok.body.id}`, {
      token: scoped.token,
      headers: ifMatch(ok.body.version),
      body: { dataScope: 'dept' },
    })
    expect(expectProblem(widened, 403)).toMatchObject({ code: 'admin.role.scope_too_wide' })
    // A role wider than the actor cannot be handed to a user either.
    const wide = await h.call('POST', '/roles', {
      token: adminToken,
      body: { code: 'wide_reader', name: 'Wide reader', permissions: ['admin.user.read'], dataScope: 'all' },
    })
    const creator = await h.userWith(adminToken, {
      username: 'selfcreator',
      permissions: ['admin.user.read', 'admin.user.create'],
      dataScope: 'self',
    })
    const given = await h.call('POST', '/users', {
      token: creator.token,
      body: { username: 'widened', displayName: 'W', password: 'password-123', roleIds: [wide.body.id] },
    })
    expect(expectProblem(given, 403)).toMatchObject({ code: 'admin.role.scope_too_wide' })
    expect(fieldErrors(given)).toHaveProperty('roleIds')
  })

  test('the built-in super_admin role cannot be changed or deleted, even by a super administrator', async () => {
    const role = await h.call('GET', `/roles/${superAdminRoleId}`, { token: adminToken })
    const changed = await h.call('PATCH', `/roles/${superAdminRoleId}`, {
      token: adminToken,
      headers: ifMatch(role.body.version),
      body: { permissions: ['admin.user.read'] },
    })
    expect(expectProblem(changed, 403)).toMatchObject({ code: 'admin.role.super_admin_protected' })
    const removed = await h.call('DELETE', `/roles/${superAdminRoleId}`, {
      token: adminToken,
      headers: ifMatch(role.body.version),
    })
    expect(expectProblem(removed, 403)).toMatchObject({ code: 'admin.role.super_admin_protected' })
    const after = await h.call('GET', `/roles/${superAdminRoleId}`, { token: adminToken })
    expect(after.body).toMatchObject({ version: role.body.version, permissions: role.body.permissions })
  })

  test('only a super administrator may strip, disable, delete or reset another super administrator', async () => {
    const target = await h.call('GET', `/users/${root2.id}`, { token: adminToken })
    const attempts = [
      h.call('PATCH', `/users/${root2.id}`, {
        token: userAdmin.token,
        headers: ifMatch(target.body.version),
        body: { roleIds: [] },
      }),
      h.call('PATCH', `/users/${root2.id}`, {
        token: userAdmin.token,
        headers: ifMatch(target.body.version),
        body: { enabled: false },
      }),
      h.call('DELETE', `/users/${root2.id}`, {
        token: userAdmin.token,
        headers: ifMatch(target.body.version),
      }),
      h.call('POST', `/users/${root2.id}/reset-password`, {
        token: userAdmin.token,
        body: { newPassword: 'hijacked-123' },
      }),
    ]
    for (const res of await Promise.all(attempts))
      expect(expectProblem(res, 403)).toMatchObject({ code: 'admin.user.super_admin_protected' })
    const after = await h.call('GET', `/users/${root2.id}`, { token: adminToken })
    expect(after.body).toMatchObject({
      version: target.body.version,
      enabled: true,
      roleIds: [superAdminRoleId],
    })
    await h.login('root2', 'password-123')

    const disabled = await h.call('PATCH', `/users/${root2.id}`, {
      token: adminToken,
      headers: ifMatch(target.body.version),
      body: { enabled: false },
    })
    expect(disabled.status).toBe(200)
  })
})
