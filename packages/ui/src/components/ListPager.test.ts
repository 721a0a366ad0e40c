import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import ListPager from './ListPager.vue'

enableAutoUnmount(afterEach)

const base = {
  page: 1,
  total: 95,
  totalCapped: false,
  hasNext: true,
  pageSizes: [10, 20, 50, 100],
  pageSize: 20,
}

describe('ListPager', () => {
  it('numbers the pages of the total and emits the page clicked or typed', async () => {
    const wrapper = mount(ListPager, { props: base })
    expect(wrapper.get('[data-testid="list-total"]').text()).toBe('共 95 条')
    expect(wrapper.findAll('.el-pager li').map((li) => li.text())).toEqual(['1', '2', '3', '4', '5'])
    await wrapper.findAll('.el-pager li')[2]!.trigger('click')
    const jump = wrapper.get('.el-pagination__jump input')
    await jump.setValue('4')
    await jump.trigger('change')
    expect(wrapper.emitted('update:page')).toEqual([[3], [4]])
  })

  it('says it is loading until the first answer, never "0 in total"', () => {
    const wrapper = mount(ListPager, { props: { ...base, total: 0, loaded: false } })
    expect(wrapper.get('[data-testid="list-total"]').text()).toBe('加载中…')
  })

  it('offers keyset "next" only on the last numbered page of a capped total, and walks back from deep pages', async () => {
    const capped = { ...base, total: 10000, totalCapped: true, pageSize: 100 }
    expect(mount(ListPager, { props: capped }).find('[data-testid="list-deep-next"]').exists()).toBe(false)
    const last = mount(ListPager, { props: { ...capped, page: 100 } })
    expect(last.get('[data-testid="list-total"]').text()).toBe('共 10000+ 条')
    await last.get('[data-testid="list-deep-next"]').trigger('click')
    expect(last.emitted('deep-next')).toHaveLength(1)

    const deep = mount(ListPager, { props: { ...capped, page: 100, deep: 2 } })
    expect(deep.get('[data-testid="list-page"]').text()).toBe('第 102 页')
    await deep.get('[data-testid="list-deep-prev"]').trigger('click')
    await deep.get('[data-testid="list-first-page"]').trigger('click')
    expect(deep.emitted('deep-prev')).toHaveLength(1)
    expect(deep.emitted('update:page')).toEqual([[1]])
  })
})
