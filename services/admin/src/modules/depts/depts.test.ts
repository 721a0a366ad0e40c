import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import { expectProblem, fieldErrors, ifMatch, type ReplyBody } from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
beforeAll(async () => ({ h, adminToken } = await startSignedIn()))
afterAll(() => h?.close())

async function createDept(name: string, parentId: string | null = null, sort = 0) {
  const res = await h.call('POST', '/depts', { token: adminToken, body: { name, parentId, sort } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}
const getDept = (id: string) => h.call('GET', `/depts/${id}`, { token: adminToken })

type Node = { id: string; name: string; children: Node[] }
function findNode(nodes: Node[], id: string): Node | undefined {
  for (const n of nodes) {
    if (n.id === id) return n
    const inner = findNode(n.children, id)
    if (inner) return inner
  }
  return undefined
}

describe('departments', () => {
  test('the tree nests children under their parents (sorted), the flat list has them all', async () => {
    const top = await createDept('Tree top')
    const second = await createDept('Tree child 2', top.id, 20)
    const first = await createDept('Tree child 1', top.id, 10)
    const grandchild = await createDept('Tree grandchild', first.id)

    const tree = await h.call('GET', '/depts/tree', { token: adminToken })
    expect(tree.status).toBe(200)
    const node = findNode(tree.body, top.id)!
    // A new top-level department is a root next to the initial head office.
    expect(tree.body.map((n: Node) => n.id)).toContain(top.id)
    expect(node.children.map((c) => c.id)).toEqual([first.id, second.id])
    expect(node.children[0]!.children.map((c) => c.id)).toEqual([grandchild.id])
    expect(node.children[1]!.children).toEqual([])
    expect(findNode(tree.body, grandchild.id)).toMatchObject({ name: 'Tree grandchild', parentId: first.id })

    const flat = await h.call('GET', '/depts', { token: adminToken })
    const ids = flat.body.map((d: ReplyBody) => d.id)
    for (const d of [top, first, second, grandchild]) expect(ids).toContain(d.id)
    expect(flat.body.every((d: ReplyBody) => !('children' in d))).toBe(true)
  })

  test('moving a department under itself or its own descendant → 400 field parentId, nothing changed', async () => {
    const a = await createDept('Cycle A')
    const b = await createDept('Cycle B', a.id)
    const c = await createDept('Cycle C', b.id)
    for (const target of [c.id, b.id, a.id]) {
      const res = await h.call('PATCH', `/depts/${a.id}`, {
        token: adminToken,
        headers: ifMatch(1),
        body: { parentId: target },
      })
      expectProblem(res, 400)
      expect(fieldErrors(res)).toHaveProperty('parentId')
    }
    expect((await getDept(a.id)).body).toMatchObject({ parentId: null, version: 1 })
  })

  test('a missing parent → 400 field parentId', async () => {
    const res = await h.call('POST', '/depts', {
      token: adminToken,
      body: { name: 'Orphan', parentId: randomUUID() },
    })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('parentId')
  })

  test('moving a department elsewhere works and is audited', async () => {
    const from = await createDept('Move from')
    const to = await createDept('Move to')
    const moving = await createDept('Moving', from.id)
    const res = await h.call('PATCH', `/depts/${moving.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { parentId: to.id },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ parentId: to.id, version: 2 })
    const audit = await h.call('GET', `/depts/${moving.id}/audit`, { token: adminToken })
    expect(audit.body[0]).toMatchObject({
      action: 'update',
      diff: { parentId: { before: from.id, after: to.id } },
    })
  })

  test('restoring an old version cannot create a cycle (→ 400, nothing changed)', async () => {
    const x = await createDept('Restore X')
    const y = await createDept('Restore Y')
    // v2 of X sits under Y ...
    expect(
      (
        await h.call('PATCH', `/depts/${x.id}`, {
          token: adminToken,
          headers: ifMatch(1),
          body: { parentId: y.id },
        })
      ).status,
    ).toBe(200)
    // ... v3 back at the top, then Y moves under X.
    expect(
      (
        await h.call('PATCH', `/depts/${x.id}`, {
          token: adminToken,
          headers: ifMatch(2),
          body: { parentId: null },
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await h.call('PATCH', `/depts/${y.id}`, {
          token: adminToken,
          headers: ifMatch(1),
          body: { parentId: x.id },
        })
      ).status,
    ).toBe(200)

    const res = await h.call('POST', `/depts/${x.id}/versions/2/restore`, {
      token: adminToken,
      headers: ifMatch(3),
    })
    expectProblem(res, 400)
    expect(fieldErrors(res)).toHaveProperty('parentId')
    expect((await getDept(x.id)).body).toMatchObject({ parentId: null, version: 3 })
    // The tree still answers (a cycle would make it, and every scope lookup, loop).
    const tree = await h.call('GET', '/depts/tree', { token: adminToken })
    expect(findNode(tree.body, x.id)!.children.map((c) => c.id)).toEqual([y.id])

    // A harmless restore still works.
    const ok = await h.call('POST', `/depts/${x.id}/versions/1/restore`, {
      token: adminToken,
      headers: ifMatch(3),
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ parentId: null, version: 4 })
  })

  test('deleting a department with users → 409, with sub-departments → 409; an empty one → 204', async () => {
    const parent = await createDept('Delete parent')
    const child = await createDept('Delete child', parent.id)
    const withUser = await createDept('Delete with user')
    const user = await h.call('POST', '/users', {
      token: adminToken,
      body: { username: 'dept_member', displayName: 'Member', password: 'password-123', deptId: withUser.id },
    })
    expect(user.status).toBe(201)

    const p1 = expectProblem(
      await h.call('DELETE', `/depts/${withUser.id}`, { token: adminToken, headers: ifMatch(1) }),
      409,
    )
    expect(p1.detail).toMatch(/1 user/)
    const p2 = expectProblem(
      await h.call('DELETE', `/depts/${parent.id}`, { token: adminToken, headers: ifMatch(1) }),
      409,
    )
    expect(p2.detail).toMatch(/1 sub-department/)
    expect((await getDept(withUser.id)).status).toBe(200)
    expect((await getDept(parent.id)).status).toBe(200)

    expect(
      (await h.call('DELETE', `/depts/${child.id}`, { token: adminToken, headers: ifMatch(1) })).status,
    ).toBe(204)
    expectProblem(await getDept(child.id), 404)
    expect(
      (await h.call('DELETE', `/depts/${parent.id}`, { token: adminToken, headers: ifMatch(1) })).status,
    ).toBe(204)
    const tree = await h.call('GET', '/depts/tree', { token: adminToken })
    expect(findNode(tree.body, parent.id)).toBeUndefined()

    // Restoring the child before its parent is refused; parent first works.
    expectProblem(await h.call('POST', `/depts/${child.id}/restore`, { token: adminToken }), 409)
    expect((await h.call('POST', `/depts/${parent.id}/restore`, { token: adminToken })).status).toBe(200)
    expect((await h.call('POST', `/depts/${child.id}/restore`, { token: adminToken })).status).toBe(200)
    const restoredTree = await h.call('GET', '/depts/tree', { token: adminToken })
    expect(findNode(restoredTree.body, parent.id)!.children.map((c) => c.id)).toEqual([child.id])
  })

  test('unknown fields and missing permission are refused', async () => {
    const res = await h.call('POST', '/depts', {
      token: adminToken,
      body: { name: 'With id', id: randomUUID() },
    })
    expect(expectProblem(res, 400).errors).toContainEqual(
      expect.objectContaining({ field: 'id', message: 'Unknown field' }),
    )
    const { token } = await h.userWith(adminToken, {
      username: 'dept_viewer',
      permissions: ['admin.dept.read'],
    })
    expectProblem(await h.call('POST', '/depts', { token, body: { name: 'Not allowed' } }), 403)
    const all = await h.call('GET', '/depts', { token: adminToken })
    expect(all.body.map((d: ReplyBody) => d.name)).not.toContain('Not allowed')
    expect(all.body.map((d: ReplyBody) => d.name)).not.toContain('With id')
  })
})

describe('department replicas in other services', () => {
  test('every change publishes admin.dept.changed with the name; the snapshot carries departments', async () => {
    const dept = await createDept('Replicated dept')
    const renamed = await h.call('PATCH', `/depts/${dept.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { name: 'Renamed dept' },
    })
    expect(renamed.status).toBe(200)
    const events = await h.service.db.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = 'admin.dept.changed' AND payload->>'id' = $1 ORDER BY seq`,
      [dept.id],
    )
    expect(events.map((e: ReplyBody) => [e.payload.name, e.payload.version, e.payload.deleted])).toEqual([
      ['Replicated dept', 1, false],
      ['Renamed dept', 2, false],
    ])
    const { directorySnapshot } = await import('../internal/snapshot.js')
    const snapshot = await h.service.db.transaction((m) => directorySnapshot(m))
    expect(snapshot.depts).toContainEqual(expect.objectContaining({ id: dept.id, name: 'Renamed dept' }))
  })
})
