import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { ElTreeSelect } from 'element-plus'
import TreeField from './TreeField.vue'

enableAutoUnmount(afterEach)

describe('TreeField', () => {
  it('reads option nodes with the select defaults, record nodes by id and name, and passes other attributes on', () => {
    const options = mount(TreeField, {
      props: { label: 'Dept', prop: 'deptId', tree: [{ value: 'd1', label: 'Sales' }], modelValue: null },
    })
    const plain = options.findComponent(ElTreeSelect)
    expect(plain.attributes('data-testid')).toBe('field-deptId')
    expect({ ...plain.vm.$props, ...plain.vm.$attrs }).not.toMatchObject({ nodeKey: 'id' })

    const records = mount(TreeField, {
      props: {
        label: 'Category',
        prop: 'categoryId',
        tree: [{ id: 'c1', name: 'Hardware', children: [] }],
        records: true,
        modelValue: 'c1',
      },
      attrs: { filterable: true, placeholder: 'None' },
    })
    const select = records.findComponent(ElTreeSelect)
    expect({ ...select.vm.$props, ...select.vm.$attrs }).toMatchObject({
      props: { label: 'name', children: 'children' },
      nodeKey: 'id',
      valueKey: 'id',
      filterable: true,
      placeholder: 'None',
    })
    expect(select.attributes('data-testid')).toBe('field-categoryId')
  })
})
