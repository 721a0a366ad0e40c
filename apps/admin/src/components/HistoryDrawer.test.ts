import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { resetAfterEach } from '@mosaic/ui/test-utils'
import { RecordHistoryDrawer, useRecordDialog } from '@mosaic/ui'
import { http, testI18n } from '../test-support'
import HistoryDrawer from './HistoryDrawer.vue'

resetAfterEach()

const RULE = '0f0f0f0f-0000-4000-8000-000000000001'

describe('HistoryDrawer', () => {
  it('finds the record and its restore permission from the kind, and closes the page dialog', async () => {
    http.get.mockResolvedValue([])
    const dialog = useRecordDialog<{ id: string }>()
    dialog.show({ id: RULE })
    const wrapper = mount(HistoryDrawer, {
      props: { dialog, entity: 'number_rule', title: 'History' },
      global: { plugins: [testI18n()] },
      attachTo: document.body,
    })
    await flushPromises()
    const inner = wrapper.findComponent(RecordHistoryDrawer)
    expect(inner.props()).toMatchObject({
      path: `/api/admin/rules/numbers/${RULE}`,
      entityType: 'number_rule',
      restorePermission: 'admin.rule.update',
      title: 'History',
    })

    inner.vm.$emit('update:modelValue', false)
    expect(dialog.open).toBe(false)
  })
})
