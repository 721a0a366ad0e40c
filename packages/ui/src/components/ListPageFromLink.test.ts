import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, reactive } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ElDatePicker, ElSelect } from 'element-plus'
import type { Page } from '@mosaic/schemas'
import ListPage from './ListPage.vue'
import FilterBar from './filters/FilterBar.vue'
import { useListFilters } from '../composables/listFilters'
import { dayOfBound } from '../composables/linkFilters'
import type { FilterField } from './filters/filterFields'
import type { ListColumn, ListParams } from '../types'

enableAutoUnmount(afterEach)
afterEach(() => localStorage.clear())

interface Row {
  id: string
  name: string
}
const columns: ListColumn<Row>[] = [{ prop: 'name', label: 'Name' }]
const fields: FilterField[] = [
  { kind: 'keyword', prop: 'q' },
  {
    kind: 'select',
    prop: 'status',
    label: 'Status',
    width: 100,
    options: [
      { value: 'open', label: 'Open' },
      { value: 'closed', label: 'Closed' },
    ],
  },
  { kind: 'dateRange', prop: 'created', label: 'Created', range: { from: 'createdFrom', to: 'createdTo' } },
  {
    kind: 'dateRange',
    prop: 'sign',
    label: 'Signed',
    range: { from: 'signFrom', to: 'signTo', dateOnly: true },
  },
]

function fakeFetch() {
  const fetch = vi.fn<(p: ListParams) => Promise<Page<Row>>>()
  fetch.mockResolvedValue({
    items: [{ id: '1', name: 'Ann' }],
    nextCursor: null,
    total: 1,
    totalCapped: false,
  })
  return fetch
}

/** A list page as the remotes write them: useListFilters + FilterBar + ListPage. */
function pageWith(fetch: ReturnType<typeof fakeFetch>, extra: Record<string, unknown> = {}) {
  return defineComponent({
    setup() {
      const { filters, params } = useListFilters(() => fields, extra)
      return () =>
        h(
          ListPage<Row>,
          { fetch: (p: ListParams) => fetch(params(p)), columns, filters, listKey: 'link-test' },
          { filters: () => h(FilterBar, { fields, model: filters }) },
        )
    },
  })
}

async function openAt(path: string, component: ReturnType<typeof defineComponent>) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/list', component }],
  })
  await router.push(path)
  const wrapper = mount(
    { render: () => h('div', [h(component)]) },
    {
      global: { plugins: [router] },
      attachTo: document.body,
    },
  )
  await flushPromises()
  return { wrapper, router }
}

describe('a list opened from a link', () => {
  it('starts filtered by the link: its own filters only, ranges sent exactly as the link had them', async () => {
    const fetch = fakeFetch()
    const from = '2026-11-30T16:00:00.000Z'
    const to = '2026-12-31T15:59:59.999Z'
    const { wrapper } = await openAt(
      `/list?createdFrom=${from}&createdTo=${to}&status=open&signFrom=2026-12-01&signTo=2026-12-31&bogus=1&q=`,
      pageWith(fetch),
    )
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch).toHaveBeenLastCalledWith({
      limit: 20,
      status: 'open',
      createdFrom: from,
      createdTo: to,
      signFrom: '2026-12-01',
      signTo: '2026-12-31',
    })
    // The form shows the filters: the select holds the value, the pickers the days.
    expect(wrapper.findComponent(ElSelect).props('modelValue')).toBe('open')
    const pickers = wrapper.findAllComponents(ElDatePicker)
    expect(pickers[0]!.props('modelValue')).toEqual([dayOfBound(from, 'from'), dayOfBound(to, 'to')])
    expect(pickers[1]!.props('modelValue')).toEqual(['2026-12-01', '2026-12-31'])
    expect(wrapper.find('[data-testid="list-from-link"]').exists()).toBe(true)
  })

  it('ignores values a fixed choice does not offer, and shows no link notice without link filters', async () => {
    const fetch = fakeFetch()
    const { wrapper } = await openAt('/list?status=nonsense&page=1', pageWith(fetch))
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20 })
    expect(wrapper.find('[data-testid="list-from-link"]').exists()).toBe(false)
  })

  it('takes the page-edited extras (a view switch) too', async () => {
    const fetch = fakeFetch()
    await openAt('/list?view=mine', pageWith(fetch, { view: '' }))
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, view: 'mine' })
  })

  it('clears: Reset (or the notice) drops the link filters from the form, the request and the address', async () => {
    const fetch = fakeFetch()
    const { wrapper, router } = await openAt(
      '/list?signFrom=2026-12-01&signTo=2026-12-31&status=closed&tab=x',
      pageWith(fetch),
    )
    await wrapper.get('[data-testid="list-from-link-clear"]').trigger('click')
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20 })
    expect(router.currentRoute.value.query).toEqual({ tab: 'x' })
    expect(wrapper.find('[data-testid="list-from-link"]').exists()).toBe(false)
    expect(wrapper.findAllComponents(ElDatePicker)[1]!.props('modelValue')).toEqual([])
  })

  it('a range the user changes is sent as picked, and leaves the address', async () => {
    const fetch = fakeFetch()
    const { wrapper, router } = await openAt(
      '/list?createdFrom=2026-11-30T16:00:00.000Z&createdTo=2026-12-31T15:59:59.999Z',
      pageWith(fetch),
    )
    wrapper.findAllComponents(ElDatePicker)[0]!.vm.$emit('update:modelValue', ['2026-10-01', '2026-10-02'])
    await wrapper.get('[data-testid="list-search"]').trigger('submit')
    await flushPromises()
    expect(fetch).toHaveBeenLastCalledWith({
      limit: 20,
      createdFrom: new Date('2026-10-01T00:00:00').toISOString(),
      createdTo: new Date('2026-10-02T23:59:59.999').toISOString(),
    })
    expect(router.currentRoute.value.query).toEqual({})
    expect(wrapper.find('[data-testid="list-from-link"]').exists()).toBe(false)
  })

  it('a plain filter model (no useListFilters) takes its keys from the link too', async () => {
    const fetch = fakeFetch()
    const Plain = defineComponent({
      setup() {
        const filters = reactive({ ownerId: '', kind: '' })
        return () => h(ListPage<Row>, { fetch, columns, filters, listKey: 'plain' })
      },
    })
    await openAt('/list?ownerId=u7&other=1', Plain)
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, ownerId: 'u7' })
  })
})

describe('dayOfBound', () => {
  it('keeps calendar days, and shows an exclusive midnight end as the day before', () => {
    expect(dayOfBound('2026-12-01', 'from')).toBe('2026-12-01')
    const nextMidnight = new Date(2027, 0, 1).toISOString()
    expect(dayOfBound(nextMidnight, 'to')).toBe('2026-12-31')
    expect(dayOfBound(nextMidnight, 'from')).toBe('2027-01-01')
    expect(dayOfBound('nonsense', 'from')).toBeUndefined()
  })
})
