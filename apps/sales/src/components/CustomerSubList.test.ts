import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ElTableColumn } from 'element-plus'
import { testI18n, withPermissions } from '../test-support'
import CustomerSubList from './CustomerSubList.vue'

enableAutoUnmount(afterEach)

function render(props: Record<string, unknown>) {
  return mount(CustomerSubList<{ id: string; name: string }>, {
    props: {
      rows: [{ id: 'r1', name: 'Li Lei' }],
      loading: false,
      error: '',
      writable: true,
      emptyText: 'None yet',
      createPermission: 'sales.contact.create',
      createLabel: 'New contact',
      createTestId: 'contact-create',
      actionsWidth: 200,
      ...props,
    },
    slots: {
      default: () => h(ElTableColumn, { prop: 'name', label: 'Name' }),
      actions: ({ row }: { row: { name: string } }) =>
        h('span', { 'data-testid': 'act' }, `edit ${row.name}`),
    },
    global: { plugins: [testI18n('en'), withPermissions('sales.contact.create')] },
    attachTo: document.body,
  })
}

describe('CustomerSubList', () => {
  it('offers "create" on a writable customer and hands each row to the actions slot', async () => {
    const w = render({})
    await flushPromises()
    await w.find('[data-testid="contact-create"]').trigger('click')
    expect(w.emitted('create')).toHaveLength(1)
    expect(w.find('[data-testid="act"]').text()).toBe('edit Li Lei')
  })

  it('hides "create" on a read-only customer and shows the load error', async () => {
    const w = render({ writable: false, error: 'Boom' })
    await flushPromises()
    expect(w.find('[data-testid="contact-create"]').exists()).toBe(false)
    expect(w.text()).toContain('Boom')
  })
})
