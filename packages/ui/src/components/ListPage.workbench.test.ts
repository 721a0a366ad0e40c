import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElDropdown } from 'element-plus'
import type { Page } from '@mosaic/schemas'
import ListPage from './ListPage.vue'
import type { ExchangeClient } from '../features/exchange'
import { resetAfterEach, withPermissions } from '../test-utils'
import type { BulkResult, ListColumn, ListParams } from '../types'

resetAfterEach()
afterEach(() => localStorage.clear())

interface Row {
  id: string
  name: string
  email: string
}
const columns: ListColumn<Row>[] = [
  { prop: 'name', label: 'Name' },
  { prop: 'email', label: 'Email', hidden: true },
  { prop: 'phone', label: 'Phone' },
]
const rowsPage: Page<Row> = {
  items: [
    { id: '1', name: 'Ann', email: 'a@x' },
    { id: '2', name: 'Bob', email: 'b@x' },
  ],
  total: 2,
  totalCapped: false,
  nextCursor: null,
}

function client() {
  return {
    exportFile: vi.fn(async () => ({ blob: new Blob(['x']), fileName: '客户.csv' })),
    batches: vi.fn(async () => []),
  } as unknown as ExchangeClient & { exportFile: ReturnType<typeof vi.fn> }
}

function mountList(permissions: string[], exchange: ExchangeClient, extra: Record<string, unknown> = {}) {
  const fetch = vi.fn<(p: ListParams) => Promise<Page<Row>>>().mockResolvedValue(rowsPage)
  // The page's own filter transform: a date range becomes from/to.
  const params = (p: ListParams) => ({ ...p, created: undefined, createdFrom: 'd1' })
  const wrapper = mount(ListPage<Row>, {
    props: {
      fetch,
      columns,
      listKey: 'wb',
      urlState: false,
      filters: { q: 'ann', status: '', created: ['d1', 'd2'] },
      exchange: {
        client: exchange,
        name: '客户',
        exportPermission: 'sales.customer.export',
        importPermission: 'sales.customer.import',
        params,
      },
      ...extra,
    },
    global: { plugins: [withPermissions(...permissions)] },
    attachTo: document.body,
  })
  return { wrapper, fetch }
}
const q = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)

describe('ListPage import, export and bulk', () => {
  it('exports with the filters as the list sends them and the visible columns in order', async () => {
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }),
    )
    const exchange = client()
    const { wrapper } = mountList(['sales.customer.export'], exchange)
    await flushPromises()
    // Export only: no import button without its permission.
    expect(q('list-export-button')).not.toBeNull()
    expect(q('list-import')).toBeNull()
    wrapper.findComponent(ElDropdown).vm.$emit('command', 'csv')
    await flushPromises()
    expect(exchange.exportFile).toHaveBeenCalledWith({
      q: 'ann',
      created: undefined,
      createdFrom: 'd1',
      format: 'csv',
      columns: 'name,phone',
    })
    vi.unstubAllGlobals()
  })

  it('shows an export failure as a message', async () => {
    const exchange = client()
    exchange.exportFile.mockRejectedValue(new Error('disk full'))
    const { wrapper } = mountList(['sales.customer.export'], exchange)
    await flushPromises()
    wrapper.findComponent(ElDropdown).vm.$emit('command', 'xlsx')
    await flushPromises()
    expect(document.querySelector('.el-message')!.textContent).toContain('导出失败：disk full')
  })

  it('hides import and export without their permissions, and shows import with it', async () => {
    mountList(['sales.customer.read'], client())
    await flushPromises()
    expect(q('list-export-button')).toBeNull()
    expect(q('list-import')).toBeNull()
    document.body.innerHTML = ''
    mountList(['sales.customer.import'], client())
    await flushPromises()
    expect(q('list-import')).not.toBeNull()
    expect(q('list-import-batches')).not.toBeNull()
  })

  it('shows the bulk bar with the list’s own actions once rows are checked, and refreshes after a bulk action', async () => {
    const remove = vi.fn(async () => ({ results: [], succeeded: 0, failed: 0 }))
    const { wrapper, fetch } = mountBulkList(remove)
    await flushPromises()
    expect(q('bulk-bar')).toBeNull()
    wrapper.findComponent({ name: 'ElTable' }).vm.$emit('selection-change', rowsPage.items)
    await flushPromises()
    expect(q('bulk-count')!.textContent).toBe('已选 2 项')
    expect(q('custom-bulk')).not.toBeNull()
    const calls = fetch.mock.calls.length
    wrapper.findComponent({ name: 'BulkBar' }).vm.$emit('done')
    await flushPromises()
    expect(fetch.mock.calls.length).toBe(calls + 1)
    expect(wrapper.emitted('changed')).toHaveLength(1)
  })
})

function mountBulkList(remove: () => Promise<BulkResult>) {
  const fetch = vi.fn<(p: ListParams) => Promise<Page<Row>>>().mockResolvedValue(rowsPage)
  const wrapper = mount(ListPage<Row>, {
    props: { fetch, columns, listKey: 'wb2', urlState: false, bulk: { client: { remove } } },
    slots: { 'bulk-actions': '<button data-testid="custom-bulk">assign</button>' },
    global: { plugins: [withPermissions('sales.customer.delete')] },
    attachTo: document.body,
  })
  return { wrapper, fetch }
}
