import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { ElDatePicker, ElFormItem } from 'element-plus'
import DateRangeFilter from './DateRangeFilter.vue'

enableAutoUnmount(afterEach)

describe('DateRangeFilter', () => {
  it('labels the item, hands attributes to the day-range picker and passes picks up', async () => {
    const w = mount(DateRangeFilter, {
      props: { label: 'Created', modelValue: [], 'data-testid': 'filter-created' },
      attachTo: document.body,
    })
    expect(w.findComponent(ElFormItem).props('label')).toBe('Created')
    const picker = w.findComponent(ElDatePicker)
    expect(picker.props('type')).toBe('daterange')
    expect(picker.props('valueFormat')).toBe('YYYY-MM-DD')
    expect(picker.vm.$attrs['data-testid']).toBe('filter-created')
    expect(w.findComponent(ElFormItem).attributes('data-testid')).toBeUndefined()

    picker.vm.$emit('update:modelValue', ['2026-01-01', '2026-01-31'])
    expect(w.emitted('update:modelValue')?.[0]).toEqual([['2026-01-01', '2026-01-31']])
  })
})
