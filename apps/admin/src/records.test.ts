import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { configureDictionaries } from '@mosaic/dictionary/vue'
import { useRecordFormat, type ChangeRow } from '@mosaic/ui'
import { testI18n } from './test-support'

/** The history rows admin's record types produce, rendered in `locale`. */
function historyRows(
  locale: 'zh-CN' | 'en',
  entityType: string,
  changes: { field: string; before: unknown; after: unknown }[],
) {
  let rows: ChangeRow[] = []
  const Probe = defineComponent({
    setup() {
      rows = useRecordFormat().rows(entityType, changes)
      return () => h('div')
    },
  })
  mount(Probe, { global: { plugins: [testI18n(locale)] } })
  return rows
}

describe('admin record types in the history', () => {
  configureDictionaries({ load: async () => [], locale: ref('zh-CN') })

  it('a closure rule’s roles read by name in the reader’s language; a custom role code as stored', () => {
    const change = [
      { field: 'reopenRoles', before: ['sales_manager'], after: ['sales_manager', 'key_accounts'] },
    ]
    expect(historyRows('zh-CN', 'closure_rule', change)).toEqual([
      {
        field: 'reopenRoles',
        label: expect.any(String),
        before: '销售经理',
        after: '销售经理、key_accounts',
      },
    ])
    const [en] = historyRows('en', 'closure_rule', change)
    expect([en.before, en.after]).toEqual(['Sales manager', 'Sales manager、key_accounts'])
  })
})
