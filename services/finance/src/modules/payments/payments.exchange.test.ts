import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { financeRoutes } from '@mosaic/schemas/contracts'
import { readSheet } from '@mosaic/service-kit'
import {
  contractMismatches,
  downloadFile,
  dryRun,
  harnessSuite,
  importCsv,
  importFile,
  uploadImport,
  type TestUser,
} from '@mosaic/service-kit/testing'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { ALL_FINANCE, startFinance, type FinanceHarness } from '../../test-support/harness.js'
import { seedReceivable } from '../../test-support/receivables.js'
import { decidePayment } from '../../test-support/payments.js'

const DEPT_A = randomUUID()
const DEPT_B = randomUUID()
const WITHOUT_PAYMENT_IO = ALL_FINANCE.filter((p) => !/^finance\.payment\.(import|export)$/.test(p))
const HEAD = '合同编号,回款日期,回款金额,付款方式,付款方,流水号'

describe('payment import and export', () => {
  const s = harnessSuite(() => startFinance(), {
    rep: { deptIds: [DEPT_A] },
    otherRep: { deptIds: [DEPT_B] },
  })
  let mine: Awaited<ReturnType<typeof seedReceivable>>
  let theirs: Awaited<ReturnType<typeof seedReceivable>>
  beforeAll(async () => {
    mine = await seedReceivable(s.h, { owner: { id: s.rep.id, deptId: DEPT_A }, contractNumber: 'HT-MINE-1' })
    theirs = await seedReceivable(s.h, {
      owner: { id: s.otherRep.id, deptId: DEPT_B },
      contractNumber: 'HT-THEIRS-1',
    })
  })
  const listed = async (u: TestUser, q = '') =>
    (await s.h.call('GET', `/payments?limit=100${q}`, { token: u.token })).body.items as Record<
      string,
      unknown
    >[]

  it('declares every payments import/export route of the contract with its body schema', () => {
    const exchange = Object.fromEntries(
      Object.entries(financeRoutes).filter(([name]) => /^payments(Export|Import)/.test(name)),
    )
    expect(Object.keys(exchange).length).toBeGreaterThan(5)
    expect(contractMismatches(exchange, s.h.service.api.routes())).toEqual([])
  })

  it('serves a template with the labels and the payment methods', async () => {
    const file = await downloadFile(s.h, s.rep, '/payments/import/template?format=xlsx')
    expect(file.status).toBe(200)
    const sheet = await readSheet('xlsx', file.bytes)
    expect(sheet.headers).toEqual(
      expect.arrayContaining(['合同编号', '回款日期', '回款金额', '付款方式', '付款方']),
    )
    expect(sheet.headers).not.toContain('回款编号')
  })

  it('dry run reports unknown contract, bad method, bad money and date; writes nothing', async () => {
    const { dry } = await dryRun(
      s.h,
      s.rep,
      '/payments',
      [
        HEAD,
        'HT-MINE-1,2026-03-01,1000,转账,华东制造,',
        'HT-NONE,2026-03-01,1000,转账,华东制造,',
        `${theirs.contractNumber},2026-03-01,1000,转账,华东制造,`,
        'HT-MINE-1,2026-03-02,1000,支付宝,华东制造,',
        'HT-MINE-1,2026-03-03,"1,000.5.0",转账,华东制造,',
        'HT-MINE-1,2026-02-30,5,转账,华东制造,',
        'HT-MINE-1,2026-03-04,0,转账,华东制造,',
      ].join('\n'),
    )
    expect(dry.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.code])).toEqual([
      [3, '合同编号', 'import.unknown_ref'],
      [4, '合同编号', 'import.unknown_ref'],
      [5, '付款方式', 'import.unknown_dict_value'],
      [6, '回款金额', 'import.invalid_money'],
      [7, '回款日期', 'import.invalid_date'],
      [8, '回款金额', 'validation.money_positive'],
    ])
    expect(dry).toMatchObject({ create: 1, errorCount: 6 })
    expect(await listed(s.rep)).toEqual([])
  })

  it('records pending payments through the payment rule, skips or updates by contract+date+amount, undoes', async () => {
    const done = await importCsv(
      s.h,
      s.rep,
      '/payments',
      `${HEAD}\nHT-MINE-1,2026-03-01,"30,000.00",转账,华东制造,R-1\nht-mine-1,2026/3/5,500,现金,华东制造,\n`,
    )
    expect(done).toMatchObject({ status: 'committed', created: 2 })
    const rows = await listed(s.rep)
    const big = rows.find((p) => p.amount === '30000.00')!
    expect(big).toMatchObject({
      status: 'pending',
      receivableId: mine.id,
      contractNumber: 'HT-MINE-1',
      paidOn: '2026-03-01',
      method: 'transfer',
      reference: 'R-1',
      number: expect.stringMatching(/^HK/),
    })
    const again = `${HEAD}\nHT-MINE-1,2026-03-01,30000,承兑,华东制造集团,R-2\n`
    expect((await dryRun(s.h, s.rep, '/payments', again)).dry).toMatchObject({ create: 0, skip: 1 })
    const updated = await importCsv(s.h, s.rep, '/payments', again, 'update')
    expect(updated).toMatchObject({ status: 'committed', updated: 1 })
    const after = await s.h.call('GET', `/payments/${big.id}`, { token: s.rep.token })
    expect(after.body).toMatchObject({ method: 'acceptance', payer: '华东制造集团', reference: 'R-2' })
    const undoUpdate = await s.h.call('POST', `/payments/imports/${updated.id}/undo`, { token: s.rep.token })
    expect(undoUpdate.body).toMatchObject({ succeeded: 1, failed: 0 })
    const restored = await s.h.call('GET', `/payments/${big.id}`, { token: s.rep.token })
    expect(restored.body).toMatchObject({ method: 'transfer', payer: '华东制造', reference: 'R-1' })

    // One payment changes after the import (approved): undo refuses it and removes the other.
    await decidePayment(s.h, s.rep, big.id as string, 'approved')
    const undo = await s.h.call('POST', `/payments/imports/${done.id}/undo`, { token: s.rep.token })
    expect(undo.body).toMatchObject({ succeeded: 1, failed: 1 })
    expect(undo.body.results).toContainEqual(
      expect.objectContaining({ id: big.id, ok: false, status: 409, code: 'import.changed_since' }),
    )
    expect((await listed(s.rep)).map((p) => p.id)).toEqual([big.id])
  })

  it('exports the caller’s scope with the list filters; 403 without the codes', async () => {
    await importCsv(s.h, s.otherRep, '/payments', `${HEAD}\nHT-THEIRS-1,2026-04-01,99.9,转账,别家,\n`)
    const file = await downloadFile(s.h, s.rep, '/payments/export?format=csv&status=confirmed', 'en')
    const sheet = await readSheet('csv', file.bytes)
    expect(sheet.rows.map((r) => r.cells[sheet.headers.indexOf('Contract number')])).toEqual(['HT-MINE-1'])
    expect(sheet.rows[0]!.cells[sheet.headers.indexOf('Status')]).toBe('Confirmed')
    const theirsFile = await downloadFile(
      s.h,
      s.otherRep,
      '/payments/export?format=csv&columns=receivableId,amount,method',
    )
    expect((await readSheet('csv', theirsFile.bytes)).rows.map((r) => r.cells)).toEqual([
      ['HT-THEIRS-1', '99.90', '转账'],
    ])
    const other = await s.h.user('no-io', { permissions: WITHOUT_PAYMENT_IO })
    expect((await uploadImport(s.h, other, '/payments', 'p.csv', `${HEAD}\n`)).status).toBe(403)
    expectProblem(await s.h.call('GET', '/payments/export', { token: other.token }), 403)
  })
})

describe('payment round trip', () => {
  const sides: { h: FinanceHarness; u: TestUser }[] = []
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const h = await startFinance()
      const u = await h.user('alice')
      await seedReceivable(h, { owner: { id: u.id }, contractNumber: 'HT-RT-1' })
      sides.push({ h, u })
    }
  })
  afterAll(async () => {
    for (const side of sides) await side.h.close()
  })

  it('export → import into a fresh system reproduces the readable fields', async () => {
    const [source, target] = sides as [(typeof sides)[0], (typeof sides)[0]]
    await importCsv(
      source.h,
      source.u,
      '/payments',
      `${HEAD},备注\nHT-RT-1,2026-03-01,1234.5,承兑,"华东, 制造",=1+1,第一笔\nHT-RT-1,2026-03-02,10,现金,个人,,\n`,
    )
    const file = await downloadFile(source.h, source.u, '/payments/export?format=xlsx')
    const done = await importFile(target.h, target.u, '/payments', {
      name: 'p.xlsx',
      body: file.bytes,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    })
    expect(done).toMatchObject({ status: 'committed', created: 2 })
    const keys = [
      'contractNumber',
      'customerName',
      'paidOn',
      'amount',
      'method',
      'payer',
      'reference',
      'note',
      'status',
      'ownerName',
    ]
    const read = async (side: (typeof sides)[0]) =>
      (
        (await side.h.call('GET', '/payments', { token: side.u.token })).body.items as Record<
          string,
          unknown
        >[]
      )
        .map((p) => Object.fromEntries(keys.map((k) => [k, p[k]])))
        .sort((a, b) => String(a.paidOn).localeCompare(String(b.paidOn)))
    expect(await read(target)).toEqual(await read(source))
  })
})
