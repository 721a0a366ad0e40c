import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setAuthBridge } from '@mosaic/web-kit'
import { json, stubFetch } from '@mosaic/web-kit/test-utils'
import { bulkClient } from './bulk'
import { checkImportFile, exchangeClient } from './exchange'

beforeEach(() => setAuthBridge({ getToken: () => 'tok', refresh: async () => false }))
afterEach(() => {
  vi.unstubAllGlobals()
  setAuthBridge(null)
})

describe('exchangeClient and bulkClient', () => {
  it('call the list’s contract routes: upload as the raw body with its name, plans as JSON', async () => {
    const { calls, fn } = stubFetch((call) =>
      call.url.includes('/export')
        ? new Response('a,b', { headers: { 'content-disposition': 'attachment; filename="c.csv"' } })
        : json(200, { ok: true }),
    )
    const customers = exchangeClient('/api/sales/customers')
    const file = new File(['名称\n甲'], '客户 1.csv')
    await customers.upload(file)
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: '/api/sales/customers/imports',
      headers: {
        'Content-Type': 'text/csv',
        'X-File-Name': encodeURIComponent('客户 1.csv'),
        Authorization: 'Bearer tok',
      },
    })
    expect(fn.mock.calls[0]![1]!.body).toBe(file)

    await customers.dryRun('b1', { mapping: { 名称: 'name' }, duplicates: 'update' })
    expect(calls[1]).toMatchObject({
      method: 'POST',
      url: '/api/sales/customers/imports/b1/dry-run',
      body: { mapping: { 名称: 'name' }, duplicates: 'update' },
    })
    await customers.commit('b1', { mapping: {}, duplicates: 'skip' })
    await customers.batch('b1')
    await customers.undo('b1')
    await customers.batches()
    expect(calls.slice(2).map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/sales/customers/imports/b1/commit',
      'GET /api/sales/customers/imports/b1',
      'POST /api/sales/customers/imports/b1/undo',
      'GET /api/sales/customers/imports',
    ])

    const exported = await customers.exportFile({ q: 'x', format: 'csv', columns: 'name,phone' })
    expect(exported.fileName).toBe('c.csv')
    expect(calls.at(-1)!.url).toBe('/api/sales/customers/export?q=x&format=csv&columns=name%2Cphone')
    await customers.template('xlsx')
    expect(calls.at(-1)!.url).toBe('/api/sales/customers/import/template?format=xlsx')

    const bulk = bulkClient('/api/orders/contracts')
    await bulk.edit({ ids: ['c1'], changes: { type: 'sale' } })
    await bulk.remove({ ids: ['c1'] })
    expect(calls.slice(-2).map((c) => `${c.method} ${c.url} ${JSON.stringify(c.body)}`)).toEqual([
      'POST /api/orders/contracts/bulk-edit {"ids":["c1"],"changes":{"type":"sale"}}',
      'POST /api/orders/contracts/bulk-delete {"ids":["c1"]}',
    ])
  })

  it('accepts only CSV and XLSX files within the size limit', () => {
    expect(checkImportFile({ name: 'a.CSV', size: 1 })).toEqual({ ok: true, type: 'text/csv' })
    expect(checkImportFile({ name: 'a.xls', size: 1 })).toEqual({ ok: false, reason: 'type' })
    expect(checkImportFile({ name: 'a.xlsx', size: 1e9 })).toEqual({ ok: false, reason: 'size' })
  })
})
