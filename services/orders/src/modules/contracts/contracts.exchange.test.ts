import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSheet } from '@mosaic/service-kit'
import {
  downloadFile,
  dryRun,
  importCsv,
  importFile,
  uploadImport,
  type TestUser,
} from '@mosaic/service-kit/testing'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { ACME, fakeSales, ZHANG, type FakeSales } from '../../test-support/fake-sales.js'
import { ALL_ORDERS, startOrders, type OrdersHarness } from '../../test-support/harness.js'
import { addProduct, ordersSuite, REPS } from '../../test-support/suite.js'

const SECRET = 'contracts-exchange-secret-0123456789abcdef'
const WITHOUT_CONTRACT_IO = ALL_ORDERS.filter((p) => !/^orders\.contract\.(import|export)$/.test(p))
const HEAD = '合同编号,合同名称,客户,产品明细,付款方式,预付比例(%),签订日期'

describe('contract import and export', () => {
  const s = ordersSuite(SECRET, REPS)
  beforeAll(async () => {
    await addProduct(s, 'X-BOLT', '0.35', '13')
    await addProduct(s, 'X-CABLE', '1000', '13')
  })
  const listed = async (u: TestUser, q = '') =>
    (await s.h.call('GET', `/contracts?limit=100${q}`, { token: u.token })).body.items as Record<
      string,
      unknown
    >[]

  it('serves a template with the labels and the dictionaries’ labels', async () => {
    const file = await downloadFile(s.h, s.east, '/contracts/import/template?format=csv')
    expect(file.status).toBe(200)
    const sheet = await readSheet('csv', file.bytes)
    expect(sheet.headers).toEqual(expect.arrayContaining(['合同编号', '客户', '产品明细', '付款方式']))
    expect(sheet.headers).not.toContain('合同金额')
    const fields = await s.h.call('GET', '/contracts/import/fields', {
      token: s.east.token,
      headers: { 'accept-language': 'en' },
    })
    expect(fields.body).toContainEqual(
      expect.objectContaining({ key: 'number', businessKey: true, required: false }),
    )
  })

  it('dry run reports unknown customer and product, bad labels, money and lines; writes nothing', async () => {
    const before = (await listed(s.east)).length
    const { dry } = await dryRun(
      s.h,
      s.east,
      '/contracts',
      [
        HEAD,
        `,好合同,${ACME.name},X-CABLE × 2,转账,30,2026-03-01`,
        ',没客户,不存在公司,X-CABLE × 1,,,',
        `,长客户,${'客'.repeat(201)},X-CABLE × 1,,,`,
        `,坏方式,${ACME.name},X-CABLE × 1,刷卡,,`,
        `,坏比例,${ACME.name},X-CABLE × 1,,3O,`,
        `,坏明细,${ACME.name},two cables,,,`,
        `,无产品,${ACME.name},NOPE × 1,,,`,
        `,无明细,${ACME.name},,,,`,
      ].join('\n'),
    )
    expect(dry.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.code])).toEqual([
      [3, '客户', 'import.unknown_ref'],
      [4, '客户', 'import.unknown_ref'],
      [5, '付款方式', 'import.unknown_dict_value'],
      [6, '预付比例(%)', 'import.invalid_money'],
      [7, '产品明细', 'orders.contract.import_line_format'],
      [8, '产品明细', 'import.unknown_ref'],
      [9, '产品明细', 'import.required'],
    ])
    expect(dry).toMatchObject({ create: 1, errorCount: 7 })
    expect((await listed(s.east)).length).toBe(before)
  })

  it('reads the contact by name among the row’s customer’s contacts, asking sales once per file', async () => {
    const head = '合同名称,联系人,客户,产品明细'
    const before = s.sales.calls.filter((c) => c === '/api/sales/internal/contacts/lookup').length
    const { dry } = await dryRun(
      s.h,
      s.east,
      '/contracts',
      [
        head,
        `有联系人,${ZHANG.name},${ACME.name},X-BOLT × 1`,
        `大小写空格, ${ZHANG.name} ,${ACME.name},X-BOLT × 1`,
        `无联系人,,${ACME.name},X-BOLT × 1`,
        `错联系人,李四,${ACME.name},X-BOLT × 1`,
        `错客户,${ZHANG.name},不存在公司,X-BOLT × 1`,
      ].join('\n'),
    )
    expect(dry.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.code])).toEqual([
      [5, '联系人', 'orders.contract.import_unknown_contact'],
      [6, '客户', 'import.unknown_ref'],
      [6, '联系人', 'orders.contract.import_unknown_contact'],
    ])
    expect(dry.errors[0]).toMatchObject({ params: { value: '李四' } })
    expect(dry).toMatchObject({ create: 3, errorCount: 3 })
    expect(s.sales.calls.filter((c) => c === '/api/sales/internal/contacts/lookup').length).toBe(before + 1)

    const done = await importCsv(
      s.h,
      s.east,
      '/contracts',
      `${head}\n带联系人合同,${ZHANG.name},${ACME.name},X-BOLT × 1\n`,
    )
    expect(done).toMatchObject({ status: 'committed', created: 1 })
    const [made] = await listed(s.east, '&q=带联系人合同')
    expect(made).toMatchObject({ contactId: ZHANG.id, contactName: ZHANG.name })
  })

  it('creates drafts through the contract’s rule, skips or updates by number, and undoes the batch', async () => {
    const done = await importCsv(
      s.h,
      s.east,
      '/contracts',
      `${HEAD}\n,导入合同一,${ACME.name},X-CABLE × 2 @ 1100 -10% tax 6%; X-BOLT × 100,转账,30,2026-03-01\n`,
    )
    expect(done).toMatchObject({ status: 'committed', created: 1 })
    const [one] = await listed(s.east, '&q=导入合同一')
    expect(one).toMatchObject({
      status: 'draft',
      customerName: ACME.name,
      paymentMethod: 'transfer',
      prepayRatio: '30.00',
      signDate: '2026-03-01',
      ownerName: 'east-rep',
      total: '2020.00',
    })
    expect(
      (one!.lines as Record<string, unknown>[]).map((l) => [l.productCode, Number(l.quantity), l.unitPrice]),
    ).toEqual([
      ['X-CABLE', 2, '1100.00'],
      ['X-BOLT', 100, '0.40'],
    ])
    const again = `${HEAD}\n${one!.number},导入合同一（改）,${ACME.name},X-CABLE × 1,现金,,\n`
    const skip = await dryRun(s.h, s.east, '/contracts', again, 'skip')
    expect(skip.dry).toMatchObject({ create: 0, update: 0, skip: 1, errorCount: 0 })
    const updated = await importCsv(s.h, s.east, '/contracts', again, 'update')
    expect(updated).toMatchObject({ status: 'committed', updated: 1 })
    const after = await s.h.call('GET', `/contracts/${one!.id}`, { token: s.east.token })
    expect(after.body).toMatchObject({ name: '导入合同一（改）', paymentMethod: 'cash', total: '1130.00' })

    const undoUpdate = await s.h.call('POST', `/contracts/imports/${updated.id}/undo`, {
      token: s.east.token,
    })
    expect(undoUpdate.body).toMatchObject({ succeeded: 1, failed: 0 })
    const restored = await s.h.call('GET', `/contracts/${one!.id}`, { token: s.east.token })
    expect(restored.body).toMatchObject({ name: '导入合同一', paymentMethod: 'transfer', total: '2020.00' })
    // Changed since the import: its undo is refused, the contract stays.
    await s.h.call('PATCH', `/contracts/${one!.id}`, {
      token: s.east.token,
      version: restored.body.version,
      body: { remark: '已修改' },
    })
    const undoCreate = await s.h.call('POST', `/contracts/imports/${done.id}/undo`, { token: s.east.token })
    expect(undoCreate.body.results).toContainEqual(
      expect.objectContaining({ id: one!.id, ok: false, status: 409, code: 'import.changed_since' }),
    )
    const fresh = await importCsv(
      s.h,
      s.east,
      '/contracts',
      `${HEAD}\n,撤销合同,${ACME.name},X-BOLT × 1,,,\n`,
    )
    const undo = await s.h.call('POST', `/contracts/imports/${fresh.id}/undo`, { token: s.east.token })
    expect(undo.body).toMatchObject({ succeeded: 1, batch: { status: 'undone' } })
    expect(await listed(s.east, '&q=撤销合同')).toEqual([])
  })

  it('a number outside the caller’s scope is refused, and export is the caller’s list with its filters', async () => {
    await importCsv(s.h, s.west, '/contracts', `${HEAD}\n,西区合同,${ACME.name},X-BOLT × 1,,,\n`)
    const [west] = await listed(s.west, '&q=西区合同')
    const { dry } = await dryRun(
      s.h,
      s.east,
      '/contracts',
      `${HEAD}\n${west!.number},抢,${ACME.name},X-BOLT × 1,,,\n`,
    )
    expect(dry.errors.map((e: Record<string, unknown>) => e.code)).toEqual(['import.not_writable'])
    const file = await downloadFile(s.h, s.east, '/contracts/export?format=csv&status=draft')
    const sheet = await readSheet('csv', file.bytes)
    const names = sheet.rows.map((r) => r.cells[sheet.headers.indexOf('合同名称')])
    expect(names).toContain('导入合同一')
    expect(names).not.toContain('西区合同')
    const westFile = await readSheet(
      'csv',
      (await downloadFile(s.h, s.west, '/contracts/export?format=csv')).bytes,
    )
    expect(westFile.rows.map((r) => r.cells[westFile.headers.indexOf('合同名称')])).toEqual(['西区合同'])
    expect(westFile.rows[0]!.cells[westFile.headers.indexOf('状态')]).toBe('草稿')
    expect(westFile.rows[0]!.cells[westFile.headers.indexOf('产品明细')]).toBe('X-BOLT × 1 @ 0.40 tax 13.00%')
  })

  it('refuses without the import and export codes', async () => {
    const other = await s.h.user('no-io', { permissions: WITHOUT_CONTRACT_IO })
    expect((await uploadImport(s.h, other, '/contracts', 'c.csv', `${HEAD}\n`)).status).toBe(403)
    expectProblem(await s.h.call('GET', '/contracts/export', { token: other.token }), 403)
    expectProblem(await s.h.call('GET', '/contracts/import/fields', { token: other.token }), 403)
  })
})

describe('contract round trip', () => {
  const sides: { sales: FakeSales; h: OrdersHarness; u: TestUser }[] = []
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const sales = await fakeSales()
      const h = await startOrders({ SERVICE_SECRET: SECRET, SALES_SERVICE_URL: sales.url })
      const u = await h.user('alice')
      await addProduct({ h, admin: u }, 'RT-1', '100', '13')
      sides.push({ sales, h, u })
    }
  })
  afterAll(async () => {
    for (const side of sides) {
      await side.h.close()
      await side.sales.close()
    }
  })

  it('export → import into an empty system reproduces the readable fields', async () => {
    const [source, target] = sides as [(typeof sides)[0], (typeof sides)[0]]
    const product = (await source.h.call('GET', '/products', { token: source.u.token })).body.items[0].id
    const body = {
      name: '往返合同, "引号"',
      customerId: ACME.id,
      contactId: ZHANG.id,
      lines: [{ productId: product, quantity: '3', unitPrice: '99.5', discountPercent: '5', taxRate: '6' }],
      paymentMethod: 'acceptance',
      prepayRatio: '20',
      retentionRatio: '5',
      warrantyMonths: 12,
      invoiceType: 'vat_special',
      invoiceTitle: '顶点科技有限公司',
      invoiceTaxNumber: '91310000X',
      deliveryDate: '2026-04-01',
      consignee: '张三',
      deliveryAddress: '上海',
      signDate: '2026-03-01',
      startDate: '2026-03-02',
      endDate: '2027-03-01',
      remark: '=SUM(A1)',
    }
    const made = await source.h.call('POST', '/contracts', { token: source.u.token, body })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const file = await downloadFile(source.h, source.u, '/contracts/export?format=xlsx')
    const done = await importFile(target.h, target.u, '/contracts', {
      name: 'c.xlsx',
      body: file.bytes,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    })
    expect(done).toMatchObject({ status: 'committed', created: 1 })
    const keys = [
      ...Object.keys(body).filter((k) => k !== 'lines'),
      'customerName',
      'contactName',
      'status',
      'total',
      'ownerName',
    ]
    const read = async (side: (typeof sides)[0]) => {
      const c = (await side.h.call('GET', '/contracts', { token: side.u.token })).body.items[0]
      const lines = c.lines.map((l: Record<string, unknown>) => ({ ...l, productId: undefined }))
      return { ...Object.fromEntries(keys.map((k) => [k, c[k]])), lines }
    }
    expect(await read(target)).toEqual(await read(source))
  })
})
