import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { startOrders } from '../../test-support/harness.js'

type Node = { id: string; name: string; children: Node[] }

describe('product categories', () => {
  const s = harnessSuite(() => startOrders(), {
    manager: {},
    reader: { permissions: ['orders.product.read'] },
    // May edit products (and so manage categories) but not create products.
    editor: { permissions: ['orders.product.read', 'orders.product.update'] },
  })
  const post = (body: unknown, token = s.manager.token) => s.h.call('POST', '/categories', { token, body })
  const tree = async (token = s.reader.token) =>
    (await s.h.call('GET', '/categories', { token })).body as Node[]

  it('nests the tree, siblings by sort then name; readers see it, editors manage it', async () => {
    const top = await post({ name: '设备' })
    const b = await post({ name: 'B 类', parentId: top.body.id, sort: 1 })
    const a = await post({ name: 'A 类', parentId: top.body.id, sort: 1 })
    const first = await post({ name: 'Z 类', parentId: top.body.id, sort: 0 }, s.editor.token)
    expect(first.status).toBe(201)
    const node = (await tree()).find((n) => n.id === top.body.id)!
    expect(node.children.map((c) => c.id)).toEqual([first.body.id, a.body.id, b.body.id])
    expectProblem(await post({ name: 'x' }, s.reader.token), 403)
  })

  it('refuses a second name at one level (any case) but allows it elsewhere', async () => {
    const parent = await post({ name: 'Parent' })
    expect((await post({ name: 'Kit', parentId: parent.body.id })).status).toBe(201)
    const again = await post({ name: 'KIT', parentId: parent.body.id })
    expectProblem(again, 409)
    expect(fieldCodes(again)).toEqual({ name: 'orders.category.name_taken' })
    expect((await post({ name: 'Kit' })).status).toBe(201)
  })

  it('renames and moves, refusing a move under itself or below it, and an unknown parent', async () => {
    const a = await post({ name: 'Move A' })
    const b = await post({ name: 'Move B', parentId: a.body.id })
    const c = await post({ name: 'Move C' })
    const patch = (id: string, version: number, body: unknown) =>
      s.h.call('PATCH', `/categories/${id}`, { token: s.editor.token, version, body })
    expect(fieldCodes(await patch(a.body.id, 1, { parentId: b.body.id }))).toEqual({
      parentId: 'orders.category.parent_cycle',
    })
    expect(fieldCodes(await patch(a.body.id, 1, { parentId: a.body.id }))).toEqual({
      parentId: 'orders.category.parent_cycle',
    })
    expect(
      fieldCodes(await patch(a.body.id, 1, { parentId: '00000000-0000-4000-8000-000000000000' })),
    ).toEqual({
      parentId: 'orders.category.parent_unknown',
    })
    const moved = await patch(b.body.id, 1, { parentId: c.body.id, name: 'Moved B' })
    expect(moved.body).toMatchObject({ parentId: c.body.id, name: 'Moved B', version: 2 })
    expectProblem(await patch(b.body.id, 1, { name: 'stale' }), 412)
    const cNode = (await tree()).find((n) => n.id === c.body.id)!
    expect(cNode.children.map((n) => n.name)).toEqual(['Moved B'])
  })

  it('refuses deleting a category with subcategories or products, saying which', async () => {
    const parent = await post({ name: 'Guarded' })
    const child = await post({ name: 'Guarded child', parentId: parent.body.id })
    const withChildren = await s.h.call('DELETE', `/categories/${parent.body.id}`, {
      token: s.editor.token,
      version: 1,
    })
    expect(expectProblem(withChildren, 409)).toMatchObject({
      code: 'orders.category.has_children',
      params: { children: 1 },
    })
    const p = await s.h.call('POST', '/products', {
      token: s.manager.token,
      body: {
        code: 'GUARD-1',
        name: 'Guarded product',
        referencePrice: '1',
        taxRate: '0',
        categoryId: child.body.id,
      },
    })
    expect(p.status).toBe(201)
    const withProducts = await s.h.call('DELETE', `/categories/${child.body.id}`, {
      token: s.editor.token,
      version: 1,
    })
    expect(expectProblem(withProducts, 409)).toMatchObject({
      code: 'orders.category.has_products',
      params: { products: 1 },
    })
    // Once the product is gone, the category goes to the recycle bin; the product cannot come back into it.
    expect(
      (await s.h.call('DELETE', `/products/${p.body.id}`, { token: s.manager.token, version: 1 })).status,
    ).toBe(204)
    expect(
      (await s.h.call('DELETE', `/categories/${child.body.id}`, { token: s.editor.token, version: 1 }))
        .status,
    ).toBe(204)
    const restore = await s.h.call('POST', `/products/${p.body.id}/restore`, { token: s.manager.token })
    expect(expectProblem(restore, 409)).toMatchObject({ code: 'orders.product.category_deleted' })
    expect(
      (await s.h.call('POST', `/categories/${child.body.id}/restore`, { token: s.editor.token })).status,
    ).toBe(200)
    expect(
      (await s.h.call('POST', `/products/${p.body.id}/restore`, { token: s.manager.token })).status,
    ).toBe(200)
  })
})
