import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Page } from '@mosaic/schemas'
import ListPage from './ListPage.vue'
import type { ListColumn, ListParams } from './types'

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

afterEach(() => localStorage.clear())
// Popovers teleport to <body>; stale instances would answer the next test's queries.
enableAutoUnmount(afterEach)

describe('ListPage', () => {
  it('sends the next cursor on the next page and walks back without it', async () => {
    const fetch = vi.fn<(p: ListParams) => Promise<Page<Row>>>()
    fetch.mockResolvedValueOnce(page([{ id: '1', name: 'Ann', email: 'a@x' }], 'c2', 30))
    fetch.mockResolvedValueOnce(page([{ id: '2', name: 'Bob', email: 'b@x' }], null, 30))
    fetch.mockResolvedValueOnce(page([{ id: '1', name: 'Ann', email: 'a@x' }], 'c2', 30))
    const filters = { q: 'an', deptId: '' }
    const wrapper = mount(ListPage<Row>, { props: { fetch, columns, filters, listKey: 't1' } })
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, q: 'an' })
    expect(wrapper.text()).toContain('Ann')

    await wrapper.get('[data-testid="list-next"]').trigger('click')
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, q: 'an', cursor: 'c2' })
    expect(wrapper.text()).toContain('Bob')
    expect(wrapper.get('[data-testid="list-next"]').attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="list-prev"]').trigger('click')
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, q: 'an' })
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
    const box = document.querySelector('[data-testid="list-column-email"] input') as HTMLInputElement
    box.checked = false
    box.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(JSON.parse(localStorage.getItem('mosaic.list.t4') ?? '[]')).toEqual(['email'])
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
