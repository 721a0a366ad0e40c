import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { ElDatePicker, ElFormItem, ElInput, ElSelect } from 'element-plus'
import FilterBar from './FilterBar.vue'
import { useListFilters } from '../../composables/listFilters'
import type { FilterField } from './filterFields'

enableAutoUnmount(afterEach)

const fields: FilterField[] = [
  { kind: 'keyword', prop: 'q', placeholder: 'Name or number' },
  {
    kind: 'select',
    prop: 'locked',
    label: 'Locked',
    width: 100,
    options: [
      { value: 'true', label: 'Yes' },
      { value: 'false', label: 'No' },
    ],
  },
  { kind: 'dateRange', prop: 'created', label: 'Created', range: { from: 'createdFrom', to: 'createdTo' } },
]

describe('useListFilters', () => {
  it('starts each control empty, keeps the extra values and turns day ranges into from/to', () => {
    const { filters, params } = useListFilters(() => fields, { view: 'mine' })
    expect({ ...filters }).toEqual({ q: '', locked: undefined, created: [], view: 'mine' })

    filters.created = ['2026-01-01', '2026-01-31']
    const sent = params({ limit: 20, created: filters.created, q: 'acme' })
    expect(sent.created).toBeUndefined()
    expect(sent.q).toBe('acme')
    expect(sent.createdFrom).toBe(new Date('2026-01-01T00:00:00').toISOString())
    expect(sent.createdTo).toBe(new Date('2026-01-31T23:59:59.999').toISOString())
  })
})

describe('FilterBar', () => {
  it('draws one labelled control per field with its test id, editing the shared model', async () => {
    const { filters } = useListFilters(() => fields)
    const w = mount(FilterBar, { props: { fields, model: filters }, attachTo: document.body })

    expect(w.findAllComponents(ElFormItem).map((i) => i.props('label'))).toEqual([
      '关键词', // the kit's own label, in the default language
      'Locked',
      'Created',
    ])
    const input = w.findComponent(ElInput)
    expect(input.find('input').attributes('placeholder')).toBe('Name or number')
    expect(w.find('[data-testid="filter-q"]').exists()).toBe(true)
    expect(w.findComponent(ElSelect).attributes('style')).toContain('width: 100px')

    await input.find('input').setValue('acme')
    w.findComponent(ElSelect).vm.$emit('update:modelValue', 'true')
    w.findComponent(ElDatePicker).vm.$emit('update:modelValue', ['2026-01-01', '2026-01-02'])
    expect({ ...filters }).toEqual({ q: 'acme', locked: 'true', created: ['2026-01-01', '2026-01-02'] })
  })
})
