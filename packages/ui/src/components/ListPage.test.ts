import { afterEach, describe, expect, it, vi } from 'vitest'
import { shallowRef, type App } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ElTable, ElTableColumn } from 'element-plus'
import type { Page } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'
import ListPage from './ListPage.vue'
import ListPager from './ListPager.vue'
import { KIND_MIN_WIDTH, textWidth } from './columnKinds'
import { testPrincipal } from '../test-utils'
import type { ListColumn, ListParams } from '../types'

interface Row {
  id: string
  name: string
  email: string
}
const columns: ListColumn<Row>[] = [
  { prop: 'name', label: 'Name' },
  { prop: 'email', label: 'Email' },
]

function page(items: Row[], nextCursor: string | null, total = 2, totalCapped = false): Page<Row> {
  return { items, nextCursor, total, totalCapped }
}

function headers(wrapper: ReturnType<typeof mount>): string[] {
  return wrapper.findAll('.el-table__header th .cell').map((c) => c.text())
}

/** The props Element Plus got for the column showing `prop`. */
function columnProps(wrapper: ReturnType<typeof mount>, prop: string): Record<string, unknown> {
  const all = wrapper.findAllComponents(ElTableColumn).map((c) => c.props() as Record<string, unknown>)
  return all.find((p) => p.prop === prop)!
}

afterEach(() => localStorage.clear())
// Popovers teleport to <body>; stale instances would answer the next test's queries.
enableAutoUnmount(afterEach)

describe('ListPage', () => {
  it('asks for numbered pages: page n, a new size from page 1, and a typed page to jump to', async () => {
    const fetch = vi.fn<(p: ListParams) => Promise<Page<Row>>>()
    fetch.mockResolvedValue(page([{ id: '1', name: 'Ann', email: 'a@x' }], 'c2', 95))
    const filters = { q: 'an', deptId: '' }
    const wrapper = mount(ListPage<Row>, { props: { fetch, columns, filters, listKey: 't1' } })
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, q: 'an' })
    expect(wrapper.text()).toContain('Ann')
    expect(wrapper.get('[data-testid="list-total"]').text()).toBe('共 95 条')
    // 95 rows at 20 a page: numbered buttons 1..5.
    expect(wrapper.findAll('.el-pager li').map((li) => li.text())).toEqual(['1', '2', '3', '4', '5'])

    await wrapper.get('.el-pagination .btn-next').trigger('click')
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, q: 'an', page: 2 })
    expect(wrapper.get('.el-pager li.is-active').text()).toBe('2')

    await wrapper.findAll('.el-pager li')[3]!.trigger('click')
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, q: 'an', page: 4 })

    const jump = wrapper.get('.el-pagination__jump input')
    await jump.setValue('3')
    await jump.trigger('change')
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, q: 'an', page: 3 })

    // A new page size starts again at page 1.
    wrapper.findComponent(ListPager).vm.$emit('update:pageSize', 50)
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 50, q: 'an' })
    expect(wrapper.findAll('.el-pager li').map((li) => li.text())).toEqual(['1', '2'])
  })

  it('past the numbered pages walks on with the keyset cursor, and back', async () => {
    const fetch = vi.fn<(p: ListParams) => Promise<Page<Row>>>()
    fetch.mockResolvedValue(page([{ id: '1', name: 'Ann', email: 'a@x' }], 'c-last', 10000, true))
    const wrapper = mount(ListPage<Row>, { props: { fetch, columns, listKey: 't1b', defaultPageSize: 100 } })
    await flushPromises()
    expect(wrapper.find('[data-testid="list-deep-next"]').exists()).toBe(false)
    wrapper.findComponent(ListPager).vm.$emit('update:page', 100)
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 100, page: 100 })
    fetch.mockResolvedValueOnce(page([{ id: '2', name: 'Bob', email: 'b@x' }], 'c-deeper', 10000, true))
    await wrapper.get('[data-testid="list-deep-next"]').trigger('click')
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 100, cursor: 'c-last' })
    expect(wrapper.get('[data-testid="list-page"]').text()).toBe('第 101 页')
    await wrapper.get('[data-testid="list-deep-prev"]').trigger('click')
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 100, page: 100 })
  })

  it('keeps page and size in the URL: a reload opens the same page, back goes to the previous one', async () => {
    const newRouter = () =>
      createRouter({
        history: createMemoryHistory(),
        routes: [{ path: '/list', component: { template: '<div />' } }],
      })
    let router = newRouter()
    await router.push('/list?tab=x')
    const fetch = vi.fn<(p: ListParams) => Promise<Page<Row>>>()
    fetch.mockResolvedValue(page([{ id: '1', name: 'Ann', email: 'a@x' }], 'c', 200))
    const opts = () => ({ props: { fetch, columns, listKey: 't1c' }, global: { plugins: [router] } })
    const first = mount(ListPage<Row>, opts())
    await flushPromises()
    first.findComponent(ListPager).vm.$emit('update:pageSize', 10)
    await flushPromises()
    first.findComponent(ListPager).vm.$emit('update:page', 3)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ tab: 'x', page: '3', size: '10' })
    // A reload: a new app opened at the same address, with the way back in its history.
    const history = [
      router.resolve({ query: { tab: 'x', size: '10' } }).fullPath,
      router.currentRoute.value.fullPath,
    ]
    first.unmount()
    router = newRouter()
    for (const path of history) await router.push(path)

    fetch.mockClear()
    const again = mount(ListPage<Row>, opts())
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch).toHaveBeenLastCalledWith({ limit: 10, page: 3 })
    expect(again.get('.el-pager li.is-active').text()).toBe('3')

    router.back()
    await new Promise((r) => setTimeout(r, 20))
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ tab: 'x', size: '10' })
    expect(fetch).toHaveBeenLastCalledWith({ limit: 10 })
    expect(again.get('.el-pager li.is-active').text()).toBe('1')
  })

  it('shows a loading state, not "no data / 0 in total", until the first answer; empty only after an empty answer', async () => {
    let answer!: (p: Page<Row>) => void
    const fetch = vi.fn(() => new Promise<Page<Row>>((resolve) => (answer = resolve)))
    const wrapper = mount(ListPage<Row>, { props: { fetch, columns, listKey: 't1d' } })
    await flushPromises()
    expect(wrapper.find('[data-testid="list-loading"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="list-table"]').attributes('data-state')).toBe('loading')
    expect(wrapper.text()).not.toContain('暂无数据')
    expect(wrapper.get('[data-testid="list-total"]').text()).toBe('加载中…')
    expect(wrapper.text()).not.toContain('共 0 条')
    answer(page([], null, 0))
    await flushPromises()
    expect(wrapper.find('[data-testid="list-loading"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="list-empty"]').text()).toBe('暂无数据')
    expect(wrapper.get('[data-testid="list-total"]').text()).toBe('共 0 条')
  })

  it('a failed load shows an error state with a retry, never "no data"', async () => {
    const fetch = vi.fn<(p: ListParams) => Promise<Page<Row>>>()
    fetch.mockRejectedValueOnce(new Error('boom'))
    fetch.mockResolvedValueOnce(page([{ id: '1', name: 'Ann', email: 'a@x' }], null, 1))
    const wrapper = mount(ListPage<Row>, { props: { fetch, columns, listKey: 't1e' } })
    await flushPromises()
    expect(wrapper.get('[data-testid="list-error"]').text()).toContain('boom')
    expect(wrapper.get('[data-testid="list-table"]').attributes('data-state')).toBe('error')
    expect(wrapper.text()).not.toContain('暂无数据')
    await wrapper.get('[data-testid="list-retry"]').trigger('click')
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid="list-error"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Ann')
  })

  it('remembers dragged column widths and hidden columns per user and list, and restores them', async () => {
    const principal = shallowRef<Principal | null>({ ...testPrincipal(), userId: 'user-7' })
    const plugin = { install: (app: App) => installPermissions(app, principal) }
    const fetch = vi.fn().mockResolvedValue(page([{ id: '1', name: 'Ann', email: 'a@x' }], null))
    const opts = { props: { fetch, columns, listKey: 'people' }, global: { plugins: [plugin] } }
    const first = mount(ListPage<Row>, opts)
    await flushPromises()
    const emailColumn = { property: 'email' }
    first.findComponent(ElTable).vm.$emit('header-dragend', 333, 180, emailColumn, new MouseEvent('mouseup'))
    await flushPromises()
    expect(JSON.parse(localStorage.getItem('mosaic.list.user-7.people.widths') ?? '{}')).toEqual({
      email: 333,
    })
    first.unmount()

    const again = mount(ListPage<Row>, opts)
    await flushPromises()
    expect(columnProps(again, 'email').width).toBe(333)
    // Another user on the same browser keeps the default layout.
    again.unmount()
    principal.value = { ...testPrincipal(), userId: 'user-8' }
    const other = mount(ListPage<Row>, opts)
    await flushPromises()
    expect(columnProps(other, 'email').width).not.toBe(333)
    // The session comes back after the list showed: the list switches to that user's layout.
    principal.value = { ...testPrincipal(), userId: 'user-7' }
    await flushPromises()
    expect(columnProps(other, 'email').width).toBe(333)
    // installPermissions keeps the last principal for apps without one: sign out for the next tests.
    principal.value = null
  })

  it('sizes number, money and date columns to their values and right-aligns money', async () => {
    interface Deal {
      id: string
      number: string
      amount: string
      note: string
    }
    const cols: ListColumn<Deal>[] = [
      { prop: 'number', label: 'No.', kind: 'number' },
      { prop: 'amount', label: 'Amount', kind: 'money' },
      { prop: 'note', label: 'Note' },
    ]
    const fetch = vi.fn().mockResolvedValue({
      items: [{ id: '1', number: 'SJ2026120400001234567890', amount: '¥ 123,456,789,012.00', note: 'x' }],
      nextCursor: null,
      total: 1,
      totalCapped: false,
    })
    const wrapper = mount(ListPage<Deal>, { props: { fetch, columns: cols, listKey: 'deals' } })
    await flushPromises()
    const byProp = (prop: string) => ({ props: (name: string) => columnProps(wrapper, prop)[name] })
    expect(Number(byProp('number').props('minWidth'))).toBeGreaterThanOrEqual(
      textWidth('SJ2026120400001234567890') + 24,
    )
    expect(byProp('number').props('showOverflowTooltip')).toBe(false)
    expect(byProp('amount').props('align')).toBe('right')
    expect(Number(byProp('amount').props('minWidth'))).toBeGreaterThanOrEqual(
      textWidth('¥ 123,456,789,012.00') + 24,
    )
    expect(byProp('note').props('showOverflowTooltip')).toBe(true)
    expect(Number(byProp('note').props('minWidth'))).toBe(KIND_MIN_WIDTH.text)
  })

  it('tells the page which row was clicked', async () => {
    const fetch = vi.fn<(p: ListParams) => Promise<Page<Row>>>()
    fetch.mockResolvedValue(
      page(
        [
          { id: '1', name: 'Ann', email: 'a@x' },
          { id: '2', name: 'Bob', email: 'b@x' },
        ],
        null,
      ),
    )
    const wrapper = mount(ListPage<Row>, { props: { fetch, columns, listKey: 'row-click' } })
    await flushPromises()
    await wrapper.findAll('.el-table__body tr')[1]!.find('td').trigger('click')
    expect(wrapper.emitted('row-click')).toEqual([[{ id: '2', name: 'Bob', email: 'b@x' }]])
  })

  it('shows a link column as a link that opens its row', async () => {
    const fetch = vi.fn().mockResolvedValue(page([{ id: '1', name: 'Ann', email: 'a@x' }], null))
    const opened: Row[] = []
    const linked: ListColumn<Row>[] = [
      { prop: 'name', label: 'Name', link: { open: (r) => opened.push(r), testId: (r) => `row-${r.name}` } },
      { prop: 'email', label: 'Email' },
    ]
    const wrapper = mount(ListPage<Row>, { props: { fetch, columns: linked, listKey: 'link' } })
    await flushPromises()
    const link = wrapper.get('[data-testid="row-Ann"]')
    expect(link.element.tagName).toBe('A')
    expect(link.text()).toBe('Ann')
    await link.trigger('click')
    expect(opened).toEqual([{ id: '1', name: 'Ann', email: 'a@x' }])
    expect(wrapper.findAll('a').map((a) => a.text())).not.toContain('a@x')
  })

  it('shows a capped total with a plus', async () => {
    const fetch = vi.fn().mockResolvedValue(page([], null, 10000, true))
    const wrapper = mount(ListPage<Row>, { props: { fetch, columns, listKey: 't2' } })
    await flushPromises()
    expect(wrapper.get('[data-testid="list-total"]').text()).toContain('10000+')
  })

  it('hides columns listed in the saved settings', async () => {
    localStorage.setItem('mosaic.list.t3', JSON.stringify(['email']))
    const fetch = vi.fn().mockResolvedValue(page([{ id: '1', name: 'Ann', email: 'a@x' }], null))
    const wrapper = mount(ListPage<Row>, { props: { fetch, columns, listKey: 't3' } })
    await flushPromises()
    expect(headers(wrapper)).toContain('Name')
    expect(headers(wrapper)).not.toContain('Email')
    expect(wrapper.text()).not.toContain('a@x')
  })

  it('hides a column unticked in the settings popover and remembers it', async () => {
    const fetch = vi.fn().mockResolvedValue(page([{ id: '1', name: 'Ann', email: 'a@x' }], null))
    const wrapper = mount(ListPage<Row>, {
      props: { fetch, columns, listKey: 't4' },
      attachTo: document.body,
    })
    await flushPromises()
    expect(headers(wrapper)).toContain('Email')
    const box = [...document.querySelectorAll('[data-testid="list-column-email"] input')].at(
      -1,
    ) as HTMLInputElement
    box.checked = false
    box.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(JSON.parse(localStorage.getItem('mosaic.list.anonymous.t4.hidden') ?? '[]')).toEqual(['email'])
    await new Promise((r) => setTimeout(r, 50))
    expect(headers(wrapper)).not.toContain('Email')
  })

  it("renders expand and cell slots only for real rows, never for Element Plus's probe row", async () => {
    const fetch = vi.fn().mockResolvedValue(page([{ id: '1', name: 'Ann', email: 'a@x' }], null))
    const seen: unknown[] = []
    const wrapper = mount(ListPage<Row>, {
      props: { fetch, columns, listKey: 't6' },
      slots: {
        expand: (p: { row: Row }) => (seen.push(p.row), `detail of ${p.row.name.toUpperCase()}`),
        'cell-name': (p: { row: Row }) => p.row.name.toUpperCase(),
      },
    })
    await flushPromises()
    expect(wrapper.text()).toContain('ANN')
    expect(seen.every((r) => (r as Row).name)).toBe(true)
  })

  it('shows the load error', async () => {
    const fetch = vi.fn().mockRejectedValue(new Error('boom'))
    const wrapper = mount(ListPage<Row>, { props: { fetch, columns, listKey: 't5' } })
    await flushPromises()
    expect(wrapper.get('[data-testid="list-error"]').text()).toContain('boom')
  })
  it('offers a checkbox column whose ticks reach the page, and clears them on demand', async () => {
    const rows = [
      { id: '1', name: 'Ann', email: 'a@x' },
      { id: '2', name: 'Bob', email: 'b@x' },
    ]
    const fetch = vi.fn().mockResolvedValue(page(rows, null))
    const wrapper = mount(ListPage<Row>, {
      props: { fetch, columns, listKey: 't7', selectable: true },
      attachTo: document.body,
    })
    await flushPromises()
    const boxes = wrapper.findAll('.el-table__body .el-checkbox input')
    expect(boxes).toHaveLength(2)
    await boxes[1].setValue(true)
    await flushPromises()
    expect(wrapper.emitted('selection-change')?.at(-1)).toEqual([[rows[1]]])
    const exposed = wrapper.vm as unknown as { selection: Row[]; clearSelection: () => void }
    expect(exposed.selection).toEqual([rows[1]])
    exposed.clearSelection()
    await flushPromises()
    expect(exposed.selection).toEqual([])
  })
})
