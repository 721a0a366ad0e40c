import { describe, expect, it } from 'vitest'
import { TEST_PNG as PNG, harnessSuite, uploadFile } from '@mosaic/service-kit/testing'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { startOrders } from '../../test-support/harness.js'

const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 1)])
const MAX = 4096

describe('products', () => {
  const s = harnessSuite(() => startOrders({ ATTACHMENT_MAX_BYTES: String(MAX) }), {
    manager: { dataScope: 'self' },
    // A sales rep: reads products only, sees only their own records elsewhere.
    rep: { permissions: ['orders.product.read'], dataScope: 'self' },
    colleague: {},
  })

  const post = (path: string, body: unknown, token = s.manager.token) =>
    s.h.call('POST', path, { token, body })
  const product = (code: string, extra: Record<string, unknown> = {}) =>
    post('/products', { code, name: `Product ${code}`, referencePrice: '100', taxRate: '13', ...extra })

  const upload = (body: Buffer, type: string, name: string, token = s.manager.token) =>
    uploadFile(s.h, body, type, name, token)

  it('creates a product with its category name, money as 2-decimal text, and reads it by id', async () => {
    const hardware = await post('/categories', { name: '硬件' })
    expect(hardware.status).toBe(201)
    const created = await product('HW-001', {
      name: '工控机',
      categoryId: hardware.body.id,
      spec: 'IPC-610',
      unit: 'set',
      referencePrice: '12800.5',
      taxRate: '13',
      safetyStock: 5,
      remark: '含三年保修',
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({
      code: 'HW-001',
      name: '工控机',
      categoryId: hardware.body.id,
      categoryName: '硬件',
      spec: 'IPC-610',
      unit: 'set',
      referencePrice: '12800.50',
      taxRate: '13.00',
      safetyStock: 5,
      ownerId: s.manager.id,
      ownerName: 'manager',
      onSale: true,
      image: null,
      version: 1,
    })
    const one = await s.h.call('GET', `/products/${created.body.id}`, { token: s.rep.token })
    expect(one.status).toBe(200)
    expect(one.body.categoryName).toBe('硬件')
  })

  it('refuses a code already in use whatever its case, with a 409 on the code field', async () => {
    expect((await product('Dup-1')).status).toBe(201)
    const again = await product('dup-1')
    expectProblem(again, 409)
    expect(fieldCodes(again)).toEqual({ code: 'orders.product.code_taken' })
  })

  it('lets exactly one of concurrent creates of one code through; the others get the per-field 409', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => product(i % 2 ? 'RACE-7' : 'race-7')),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    for (const refused of answers.filter((a) => a.status !== 201)) {
      expectProblem(refused, 409)
      expect(fieldCodes(refused)).toEqual({ code: 'orders.product.code_taken' })
    }
  })

  it('frees a deleted product’s code, and refuses restoring it while another product holds the code', async () => {
    const first = await product('REUSE-1')
    expect(
      (await s.h.call('DELETE', `/products/${first.body.id}`, { token: s.manager.token, version: 1 })).status,
    ).toBe(204)
    expect((await product('reuse-1')).status).toBe(201)
    const restore = await s.h.call('POST', `/products/${first.body.id}/restore`, { token: s.manager.token })
    expectProblem(restore, 409)
    expect(fieldCodes(restore)).toEqual({ code: 'orders.product.code_taken' })
    const bin = await s.h.call('GET', '/recycle-bin', { token: s.manager.token })
    expect(bin.body.items.map((i: { id: string }) => i.id)).toContain(first.body.id)
  })

  it('answers each invalid field with its own code', async () => {
    const bad = await post('/products', {
      code: 'bad code!',
      name: '',
      referencePrice: '-1',
      taxRate: '100.01',
      safetyStock: -1,
      unit: 'litre',
    })
    expectProblem(bad, 400)
    expect(fieldCodes(bad)).toMatchObject({
      code: 'orders.product.code_format',
      name: expect.any(String),
      referencePrice: 'validation.money',
      taxRate: 'validation.percent',
      safetyStock: expect.any(String),
    })
    const decimals = await product('DEC-1', { referencePrice: '1.234', taxRate: '13.555' })
    expect(fieldCodes(decimals)).toEqual({
      referencePrice: 'validation.money',
      taxRate: 'validation.percent',
    })
    const unit = await product('UNIT-1', { unit: 'litre' })
    expectProblem(unit, 400)
    expect(Object.keys(fieldCodes(unit))).toEqual(['unit'])
    const category = await product('CAT-X', { categoryId: '00000000-0000-4000-8000-000000000000' })
    expect(fieldCodes(category)).toEqual({ categoryId: 'orders.product.category_unknown' })
    const owner = await product('OWN-X', { ownerId: '00000000-0000-4000-8000-000000000000' })
    expect(fieldCodes(owner)).toEqual({ ownerId: 'orders.user.unknown' })
    expect((await product('EDGE-1', { referencePrice: '0', taxRate: '100' })).status).toBe(201)
  })

  it('edits with If-Match: 428 without it, 412 with a stale version and the current record', async () => {
    const p = await product('EDIT-1')
    const path = `/products/${p.body.id}`
    expectProblem(await s.h.call('PATCH', path, { token: s.manager.token, body: { name: 'x' } }), 428)
    const ok = await s.h.call('PATCH', path, {
      token: s.manager.token,
      version: 1,
      body: { name: 'Edited', referencePrice: '99.9', ownerId: s.colleague.id },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body).toMatchObject({
      name: 'Edited',
      referencePrice: '99.90',
      ownerName: 'colleague',
      version: 2,
    })
    const stale = await s.h.call('PATCH', path, {
      token: s.manager.token,
      version: 1,
      body: { name: 'Lost' },
    })
    const problem = expectProblem(stale, 412)
    expect(problem.current).toMatchObject({ name: 'Edited', version: 2 })
    const taken = await s.h.call('PATCH', path, {
      token: s.manager.token,
      version: 2,
      body: { code: 'hw-001' },
    })
    expect(fieldCodes(taken)).toEqual({ code: 'orders.product.code_taken' })
    const audit = await s.h.call('GET', `${path}/audit`, { token: s.manager.token })
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['update', 'create'])
    const versions = await s.h.call('GET', `${path}/versions`, { token: s.manager.token })
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1])
  })

  it('puts a product off and on sale as audited actions, refusing a repeat', async () => {
    const p = await product('SALE-1')
    const path = `/products/${p.body.id}`
    expectProblem(await s.h.call('POST', `${path}/off-sale`, { token: s.manager.token }), 428)
    const off = await s.h.call('POST', `${path}/off-sale`, { token: s.manager.token, version: 1 })
    expect(off.body).toMatchObject({ onSale: false, version: 2 })
    expectProblem(await s.h.call('POST', `${path}/off-sale`, { token: s.manager.token, version: 2 }), 409)
    expect(
      (await s.h.call('POST', `${path}/on-sale`, { token: s.manager.token, version: 2 })).body.onSale,
    ).toBe(true)
    const audit = await s.h.call('GET', `${path}/audit`, { token: s.manager.token })
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['on_sale', 'off_sale', 'create'])
    const list = await s.h.call('GET', '/products?onSale=false&q=SALE', { token: s.manager.token })
    expect(list.body.items).toEqual([])
    // onSale moves only through the actions.
    const edit = await s.h.call('PATCH', path, {
      token: s.manager.token,
      version: 3,
      body: { onSale: false },
    })
    expectProblem(edit, 400)
    const rep = await s.h.call('POST', `${path}/off-sale`, { token: s.rep.token, version: 3 })
    expectProblem(rep, 403)
  })

  it('lists by code prefix or name, category with its descendants, on-sale and unit, newest first', async () => {
    const root = await post('/categories', { name: '软件' })
    const child = await post('/categories', { name: '授权', parentId: root.body.id })
    const a = await product('SW-100', { name: '办公套件', categoryId: root.body.id, unit: 'piece' })
    const b = await product('SW-200', { name: '数据库授权', categoryId: child.body.id, unit: 'each' })
    const c = await product('XSW-300', { name: '其他' })
    const ids = async (query: string) =>
      (await s.h.call('GET', `/products?${query}`, { token: s.rep.token })).body.items.map(
        (p: { id: string }) => p.id,
      )
    expect(await ids('q=sw-')).toEqual([b.body.id, a.body.id])
    expect(await ids(`q=${encodeURIComponent('授权')}`)).toEqual([b.body.id])
    expect(await ids(`categoryId=${root.body.id}`)).toEqual([b.body.id, a.body.id])
    expect(await ids(`categoryId=${child.body.id}`)).toEqual([b.body.id])
    expect(await ids('unit=piece')).toEqual([a.body.id])
    expect(await ids('q=xsw')).toEqual([c.body.id])
  })

  it('is one catalog for every reader: a rep with scope self sees products owned by others, and may not write', async () => {
    const mine = await product('SCOPE-1')
    const list = await s.h.call('GET', '/products?q=SCOPE-1', { token: s.rep.token })
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([mine.body.id])
    expectProblem(
      await product('SCOPE-2', {}).then(() => post('/products', { code: 'R-1' }, s.rep.token)),
      403,
    )
    expectProblem(
      await s.h.call('DELETE', `/products/${mine.body.id}`, { token: s.rep.token, version: 1 }),
      403,
    )
    const outsider = await s.h.user('outsider', { permissions: [] })
    expectProblem(await s.h.call('GET', '/products', { token: outsider.token }), 403)
  })

  it('keeps one image per product: PNG/JPEG/WebP under the size limit, shown to every reader', async () => {
    const gif = await upload(GIF, 'image/gif', 'a.gif')
    expectProblem(gif, 415)
    const huge = await upload(Buffer.concat([PNG, Buffer.alloc(MAX, 1)]), 'image/png', 'big.png')
    expectProblem(huge, 413)
    const lying = await upload(GIF, 'image/png', 'fake.png')
    expectProblem(lying, 415)
    const photo = await upload(PNG, 'image/png', '产品图.png')
    expect(photo.status, JSON.stringify(photo.body)).toBe(201)
    const p = await product('IMG-1', { image: { id: photo.body.id } })
    expect(p.body.image).toMatchObject({ id: photo.body.id, name: '产品图.png', contentType: 'image/png' })
    const download = await fetch(`${s.h.base}/attachments/${photo.body.id}`, {
      headers: { authorization: `Bearer ${s.rep.token}` },
    })
    expect(download.status).toBe(200)
    // Someone else's upload that no product shows cannot be attached.
    const theirs = await upload(PNG, 'image/png', 'theirs.png', s.colleague.token)
    const stolen = await s.h.call('PATCH', `/products/${p.body.id}`, {
      token: s.manager.token,
      version: 1,
      body: { image: { id: theirs.body.id } },
    })
    expect(fieldCodes(stolen)).toEqual({ image: 'attachment.unknown' })
    const removed = await s.h.call('PATCH', `/products/${p.body.id}`, {
      token: s.manager.token,
      version: 1,
      body: { image: null },
    })
    expect(removed.body.image).toBeNull()
    expect((await upload(PNG, 'image/png', 'r.png', s.rep.token)).status).toBe(403)
  })
})
