import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSheet } from '@mosaic/service-kit'
import {
  downloadFile,
  dryRun,
  harnessSuite,
  importCsv,
  importFile,
  uploadImport,
  type TestUser,
} from '@mosaic/service-kit/testing'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { ALL_ORDERS, startOrders, type OrdersHarness } from '../../test-support/harness.js'

const WITHOUT_PRODUCT_IO = ALL_ORDERS.filter((p) => !/^orders\.product\.(import|export)$/.test(p))

describe('product import and export', () => {
  const s = harnessSuite(() => startOrders(), { manager: {}, colleague: {} })
  const count = async () =>
    (await s.h.call('GET', '/products?limit=1', { token: s.manager.token })).body.total

  it('serves a template with the labels and the unit dictionary', async () => {
    const csv = await downloadFile(s.h, s.manager, '/products/import/template?format=csv')
    expect(csv.status).toBe(200)
    const sheet = await readSheet('csv', csv.bytes)
    expect(sheet.headers).toEqual(
      expect.arrayContaining(['产品编码', '产品名称', '产品分类', '单位', '参考价格']),
    )
    const en = await downloadFile(s.h, s.manager, '/products/import/template?format=xlsx', 'en')
    expect((await readSheet('xlsx', en.bytes)).headers).toContain('Reference price')
  })

  it('dry run reports unknown category, bad unit, bad money and in-file duplicates; writes nothing', async () => {
    await s.h.call('POST', '/categories', { token: s.manager.token, body: { name: '硬件' } })
    const before = await count()
    const { dry } = await dryRun(
      s.h,
      s.manager,
      '/products',
      [
        '产品编码,产品名称,产品分类,单位,参考价格,税率(%)',
        'P-1,Good,硬件,台,100,13',
        'P-2,No category,软件,台,100,13',
        'P-3,Bad unit,,桶,100,13',
        'P-4,Bad money,,,12.3.4,13',
        'p-1,Twice,,,1,13',
        'bad code!,X,,,1,13',
        'P-6,Bad rate,,,1,130',
      ].join('\n'),
    )
    expect(dry.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.code])).toEqual([
      [3, '产品分类', 'import.unknown_ref'],
      [4, '单位', 'import.unknown_dict_value'],
      [5, '参考价格', 'import.invalid_money'],
      [6, '产品编码', 'import.duplicate_in_file'],
      [7, '产品编码', 'orders.product.code_format'],
      [8, '税率(%)', 'validation.percent'],
    ])
    expect(dry).toMatchObject({ create: 1, errorCount: 6 })
    expect(await count()).toBe(before)
  })

  it('skips or updates by code, and undo removes created and restores updated', async () => {
    const old = await s.h.call('POST', '/products', {
      token: s.manager.token,
      body: { code: 'OLD-1', name: 'Old', referencePrice: '10', taxRate: '6' },
    })
    const csv =
      'Code,Name,Unit,Reference price,Tax rate (%)\nold-1,Old renamed,Box,20.5,13\nNEW-1,New,kg,1,0\n'
    const { dry } = await dryRun(s.h, s.manager, '/products', csv, 'skip')
    expect(dry).toMatchObject({ create: 1, update: 0, skip: 1, errorCount: 0 })
    const done = await importCsv(s.h, s.manager, '/products', csv, 'update')
    expect(done).toMatchObject({ status: 'committed', processed: 2, created: 1, updated: 1 })
    const updated = await s.h.call('GET', `/products/${old.body.id}`, { token: s.manager.token })
    expect(updated.body).toMatchObject({
      code: 'OLD-1',
      name: 'Old renamed',
      unit: 'box',
      referencePrice: '20.50',
    })
    const fresh = (await s.h.call('GET', '/products?q=NEW-1', { token: s.manager.token })).body.items[0]
    expect(fresh).toMatchObject({ unit: 'kg', onSale: true, ownerName: 'manager' })

    const undo = await s.h.call('POST', `/products/imports/${done.id}/undo`, { token: s.manager.token })
    expect(undo.body).toMatchObject({ succeeded: 2, failed: 0, batch: { status: 'undone' } })
    expect((await s.h.call('GET', `/products/${fresh.id}`, { token: s.manager.token })).status).toBe(404)
    const restored = await s.h.call('GET', `/products/${old.body.id}`, { token: s.manager.token })
    expect(restored.body).toMatchObject({ name: 'Old', referencePrice: '10.00', unit: null })
  })

  it('refuses to undo a product changed since the import', async () => {
    const done = await importCsv(
      s.h,
      s.manager,
      '/products',
      'Code,Name,Reference price,Tax rate (%)\nCHG-1,A,1,1\n',
    )
    const row = (await s.h.call('GET', '/products?q=CHG-1', { token: s.manager.token })).body.items[0]
    await s.h.call('PATCH', `/products/${row.id}`, {
      token: s.manager.token,
      version: row.version,
      body: { name: 'B' },
    })
    const undo = await s.h.call('POST', `/products/imports/${done.id}/undo`, { token: s.manager.token })
    expect(undo.body.results).toContainEqual(
      expect.objectContaining({ id: row.id, ok: false, status: 409, code: 'import.changed_since' }),
    )
    expect((await s.h.call('GET', `/products/${row.id}`, { token: s.manager.token })).status).toBe(200)
  })

  it('exports with the list filters and columns; 403 without the codes', async () => {
    await importCsv(
      s.h,
      s.manager,
      '/products',
      'Code,Name,Unit,Reference price,Tax rate (%)\nEXP-1,E1,Box,1,1\nEXP-2,E2,kg,2,1\n',
    )
    const file = await downloadFile(
      s.h,
      s.manager,
      '/products/export?format=csv&unit=kg&q=EXP&columns=code,unit',
      'en',
    )
    expect(file.status).toBe(200)
    const sheet = await readSheet('csv', file.bytes)
    expect(sheet.headers).toEqual(['Code', 'Unit'])
    expect(sheet.rows.map((r) => r.cells)).toEqual([['EXP-2', 'Kilogram']])
    const reader = await s.h.user('reader', { permissions: WITHOUT_PRODUCT_IO })
    expect((await uploadImport(s.h, reader, '/products', 'x.csv', 'Code\nX\n')).status).toBe(403)
    expectProblem(await s.h.call('GET', '/products/export', { token: reader.token }), 403)
  })
})

describe('product round trip', () => {
  let source: OrdersHarness
  let target: OrdersHarness
  let a: TestUser
  let b: TestUser
  beforeAll(async () => {
    source = await startOrders()
    target = await startOrders()
    a = await source.user('alice')
    b = await target.user('alice')
  })
  afterAll(async () => {
    await source?.close()
    await target?.close()
  })

  it('export → import into an empty system reproduces the readable fields', async () => {
    for (const h of [source, target])
      await h.call('POST', '/categories', { token: (h === source ? a : b).token, body: { name: '工控' } })
    const cat = (await source.call('GET', '/categories', { token: a.token })).body[0].id
    const bodies = [
      {
        code: 'RT-1',
        name: '工控机, "加固"',
        categoryId: cat,
        spec: 'IPC-610',
        unit: 'set',
        referencePrice: '12800.5',
        taxRate: '13',
        safetyStock: 5,
        remark: '=1+1',
        onSale: false,
      },
      { code: 'RT-2', name: 'Plain', referencePrice: '0', taxRate: '0' },
    ]
    for (const body of bodies)
      expect((await source.call('POST', '/products', { token: a.token, body })).status).toBe(201)
    const file = await downloadFile(source, a, '/products/export?format=xlsx')
    const done = await importFile(target, b, '/products', {
      name: 'p.xlsx',
      body: file.bytes,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    })
    expect(done).toMatchObject({ status: 'committed', created: 2 })
    const keys = [
      'code',
      'name',
      'categoryName',
      'spec',
      'unit',
      'referencePrice',
      'taxRate',
      'safetyStock',
      'remark',
      'onSale',
      'ownerName',
    ]
    const list = async (h: OrdersHarness, u: TestUser) =>
      ((await h.call('GET', '/products', { token: u.token })).body.items as Record<string, unknown>[])
        .map((p) => Object.fromEntries(keys.map((k) => [k, p[k]])))
        .sort((x, y) => String(x.code).localeCompare(String(y.code)))
    expect(await list(target, b)).toEqual(await list(source, a))
  })
})
