import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import EditableLines from './EditableLines.vue'

function mountLines(lines: Array<{ name: string }>) {
  const wrapper = mount(EditableLines, {
    props: {
      modelValue: lines,
      'onUpdate:modelValue': (v: unknown) => void wrapper.setProps({ modelValue: v as typeof lines }),
      blank: () => ({ name: 'new' }),
      addLabel: 'Add',
      removeLabel: 'Remove',
      testId: 'lines',
      rowTestId: 'line',
    },
    slots: {
      head: () => h('span', { class: 'head-cell' }, 'Name'),
      row: ({ line, index }: { line: unknown; index: number }) =>
        h('span', { 'data-testid': `cell-${index}` }, (line as { name: string }).name),
    },
  })
  return wrapper
}

describe('EditableLines', () => {
  it('adds a blank line, removes the one asked for, and shows the head only while there are lines', async () => {
    const wrapper = mountLines([])
    expect(wrapper.find('.head-cell').exists()).toBe(false)
    await wrapper.find('[data-testid="line-add"]').trigger('click')
    await wrapper.find('[data-testid="line-add"]').trigger('click')
    expect(wrapper.props('modelValue')).toEqual([{ name: 'new' }, { name: 'new' }])
    expect(wrapper.find('.head-cell').exists()).toBe(true)
    await wrapper.setProps({ modelValue: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] })
    await wrapper.find('[data-testid="line-remove-1"]').trigger('click')
    expect(wrapper.props('modelValue')).toEqual([{ name: 'a' }, { name: 'c' }])
    expect(wrapper.find('[data-testid="line-1"] [data-testid="cell-1"]').text()).toBe('c')
    expect(wrapper.find('[data-testid="line-remove-0"]').attributes('aria-label')).toBe('Remove')
  })
})
