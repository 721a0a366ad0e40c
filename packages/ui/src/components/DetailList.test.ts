import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import DetailList from './DetailList.vue'
import type { DetailItem } from './detailItems'

enableAutoUnmount(afterEach)

describe('DetailList', () => {
  it('shows visible items as label/value pairs, tags, and slots for composed values', () => {
    const items: DetailItem[] = [
      { label: 'Name', value: 'Acme' },
      { label: 'Status', value: 'won', tags: { types: { won: 'success' }, labels: { won: 'Won' } } },
      { label: 'Customer', slot: 'customer' },
      { label: 'Lost reason', value: 'price', visible: false },
      { label: 'Remark', value: null, span: 2 },
    ]
    const w = mount(DetailList, {
      props: { items },
      slots: { 'item-customer': () => h('a', { 'data-testid': 'link' }, 'Beta Ltd') },
      attrs: { 'data-testid': 'info' },
    })
    const labels = w.findAll('.el-descriptions__label').map((c) => c.text())
    expect(labels).toEqual(['Name', 'Status', 'Customer', 'Remark'])
    const values = w.findAll('.el-descriptions__content').map((c) => c.text())
    expect(values).toEqual(['Acme', 'Won', 'Beta Ltd', ''])
    expect(w.find('[data-status="won"]').classes()).toContain('el-tag--success')
    expect(w.find('[data-testid="link"]').exists()).toBe(true)
    expect(w.attributes('data-testid')).toBe('info')
  })
})
