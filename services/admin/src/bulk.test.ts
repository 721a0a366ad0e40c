import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bulkOutcomes, expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { startSignedIn, type AdminHarness } from './test-support/harness.js'

const MISSING = '00000000-0000-4000-8000-0000000000ff'

let h: AdminHarness
let adminToken: string
let adminId: string
beforeAll(async () => {
  ;({ h, adminToken } = await startSignedIn())
  adminId = (await h.call('GET', '/auth/me', { token: adminToken })).body.id
})
afterAll(() => h?.close())

async function created(path: string, body: Record<string, unknown>) {
  const res = await h.call('POST', path, { token: adminToken, body })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: string; version: number }
}
const createUser = (username: string, deptId: string | null = null) =>
  created('/users', { username, displayName: `Name ${username}`, password: 'password-123', deptId })
const bulk = (path: string, body: unknown, token = adminToken) => h.call('POST', path, { token, body })
const read = async (id: string) => (await h.call('GET', `/users/${id}`, { token: adminToken })).body
const auditActions = async (entityId: string) =>
  (
    await h.service.db.dataSource.query('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [
      entityId,
    ])
  ).map((r: { action: string }) => r.action)

/** Bulk enable/disable, department change and delete of users (批量启用/停用/删除), through the user rules. */
describe('users bulk operations', () => {
  test('disables users at their current version; the caller cannot disable themselves', async () => {
    const edited = await createUser('bulk_edited')
    const patched = await h.call('PATCH', `/users/${edited.id}`, {
      token: adminToken,
      headers: { 'if-match': '"1"' },
      body: { displayName: 'Edited first' },
    })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    const plain = await createUser('bulk_plain')
    const res = await bulk('/users/bulk-edit', {
      ids: [edited.id, plain.id, adminId, MISSING],
      changes: { enabled: false },
    })
    expect(bulkOutcomes(res)).toEqual({
      [edited.id]: 'ok',
      [plain.id]: 'ok',
      [adminId]: 'admin.user.disable_self',
      [MISSING]: 'http.not_found',
    })
    expect(await read(edited.id)).toMatchObject({ enabled: false, version: 3 })
    expect(await read(adminId)).toMatchObject({ enabled: true })
    expect(await auditActions(plain.id)).toEqual(['create', 'update'])
    const back = await bulk('/users/bulk-edit', { ids: [plain.id], changes: { enabled: true } })
    expect(bulkOutcomes(back)).toEqual({ [plain.id]: 'ok' })
    expect(await read(plain.id)).toMatchObject({ enabled: true })
  })

  test('moves users to a department within the caller’s scope only', async () => {
    const deptA = await created('/depts', { name: 'Bulk A', parentId: null })
    const deptB = await created('/depts', { name: 'Bulk B', parentId: null })
    const inA = await createUser('bulk_in_a', deptA.id)
    const inB = await createUser('bulk_in_b', deptB.id)
    const { token } = await h.userWith(adminToken, {
      username: 'bulk_dept_editor',
      permissions: ['admin.user.read', 'admin.user.update', 'admin.dept.read'],
      dataScope: 'dept',
      deptId: deptA.id,
    })
    const res = await bulk(
      '/users/bulk-edit',
      { ids: [inA.id, inB.id], changes: { deptId: deptA.id } },
      token,
    )
    expect(bulkOutcomes(res)).toEqual({ [inA.id]: 'ok', [inB.id]: 'http.not_found' })
    expect(JSON.stringify(res.body)).not.toContain('bulk_in_b')
    expect(await read(inB.id)).toMatchObject({ deptId: deptB.id, version: 1 })
    expectProblem(await bulk('/users/bulk-delete', { ids: [inA.id] }, token), 403)
  })

  test('deletes users through the user rules: the caller is refused with the guard’s code', async () => {
    const gone = await createUser('bulk_gone')
    const res = await bulk('/users/bulk-delete', { ids: [gone.id, adminId] })
    expect(bulkOutcomes(res)).toEqual({ [gone.id]: 'ok', [adminId]: 'admin.user.delete_self' })
    expectProblem(await h.call('GET', `/users/${gone.id}`, { token: adminToken }), 404)
    expect(await auditActions(gone.id)).toEqual(['create', 'delete'])
  })

  test('needs the permission, a field the bulk edit allows and at most 200 ids', async () => {
    const u = await createUser('bulk_checked')
    const { token } = await h.userWith(adminToken, {
      username: 'bulk_reader',
      permissions: ['admin.user.read'],
    })
    expectProblem(await bulk('/users/bulk-edit', { ids: [u.id], changes: { enabled: false } }, token), 403)
    const roles = await bulk('/users/bulk-edit', { ids: [u.id], changes: { roleIds: [] } })
    expect(fieldCodes(roles)).toEqual({ 'changes.roleIds': 'validation.unknown_field' })
    const empty = await bulk('/users/bulk-edit', { ids: [u.id], changes: {} })
    expect(fieldCodes(empty)).toEqual({ changes: 'validation.bulk_field_required' })
    const many = await bulk('/users/bulk-delete', { ids: Array.from({ length: 201 }, () => u.id) })
    expect(fieldCodes(many)).toEqual({ ids: 'validation.too_many' })
    expect(await read(u.id)).toMatchObject({ enabled: true, version: 1 })
  })
})
