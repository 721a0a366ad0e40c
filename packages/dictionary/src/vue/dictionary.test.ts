import { flushPromises, mount } from '@vue/test-utils'
import { ElOption, ElSelect, ElTag } from 'element-plus'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { fixtureTypes } from '../test-support/fixtures.js'
import type { DictType } from '../types.js'
import {
  DictSelect,
  DictTag,
  configureDictionaries,
  notifyDictionariesChanged,
  refreshDictionaries,
  useDict,
} from './index.js'

let types: DictType[]
const locale = ref('zh-CN')
const load = vi.fn(async () => structuredClone(types))

beforeEach(() => {
  types = fixtureTypes()
  locale.value = 'zh-CN'
  load.mockClear()
  configureDictionaries({ load, locale })
})

describe('DictTag', () => {
  it('shows the label in the current locale with the entry tag type', async () => {
    const w = mount(DictTag, { props: { type: 'lead_source', value: 'wechat_group' } })
    await flushPromises()
    expect(w.text()).toBe('微信群')
    expect(w.findComponent(ElTag).props('type')).toBe('success')
    locale.value = 'en-US'
    await nextTick()
    expect(w.text()).toBe('WeChat group')
  })

  it('tints hex colours, shows disabled entries, and falls back to the raw value', async () => {
    const w = mount({
      render: () => [
        h(DictTag, { type: 'lead_source', value: 'fax' }),
        h(DictTag, { type: 'lead_source', value: 'carrier_pigeon' }),
        h(DictTag, { type: 'lead_source', value: null }),
      ],
    })
    await flushPromises()
    const tags = w.findAllComponents(ElTag)
    expect(tags.map((t) => t.text())).toEqual(['传真', 'carrier_pigeon'])
    expect(tags[0].attributes('style')).toContain('--el-tag-text-color: #8a2be2')
    expect(tags[1].props('type')).toBe('info')
  })
})

describe('DictSelect', () => {
  const optionLabels = (w: ReturnType<typeof mount>) =>
    w.findAllComponents(ElOption).map((o) => o.props('label'))

  it('offers enabled entries in sort order and emits the chosen value', async () => {
    const w = mount(DictSelect, { props: { type: 'lead_source', modelValue: null }, attachTo: document.body })
    await flushPromises()
    expect(optionLabels(w)).toEqual(['微信群', '官网', '展会'])
    w.findComponent(ElSelect).vm.$emit('update:modelValue', 'expo')
    expect(w.emitted('update:modelValue')?.[0]).toEqual(['expo'])
    w.unmount()
  })

  it('still labels a current value whose entry was disabled', async () => {
    const w = mount(DictSelect, {
      props: { type: 'lead_source', modelValue: 'fax' },
      attachTo: document.body,
    })
    await flushPromises()
    expect(optionLabels(w)).toEqual(['微信群', '官网', '传真', '展会'])
    expect(w.findAllComponents(ElOption)[2].props('disabled')).toBe(true)
    expect(w.find('.el-select__placeholder').text()).toBe('传真')
    w.unmount()
  })
})

describe('useDict cache', () => {
  it('loads once for every component and concurrent caller', async () => {
    const Many = defineComponent({
      render: () => [
        h(DictTag, { type: 'lead_source', value: 'website' }),
        h(DictTag, { type: 'ticket_type', value: 'repair' }),
        h(DictSelect, { type: 'lead_source', modelValue: null }),
      ],
    })
    mount(Many)
    mount(Many)
    await flushPromises()
    mount(Many)
    await flushPromises()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('exposes sorted enabled entries, all entries, label and colour', async () => {
    let dict!: ReturnType<typeof useDict>
    mount(defineComponent({ setup: () => ((dict = useDict('lead_source')), () => null) }))
    await flushPromises()
    expect(dict.entries.value.map((e) => e.value)).toEqual(['wechat_group', 'website', 'expo'])
    expect(dict.all.value.map((e) => e.value)).toEqual(['wechat_group', 'website', 'fax', 'expo'])
    expect([dict.label('website'), dict.color('website'), dict.label('zzz'), dict.color('zzz')]).toEqual([
      '官网',
      'primary',
      'zzz',
      null,
    ])
    expect(dict.loading.value).toBe(false)
  })

  it('refreshDictionaries() reloads and updates every user', async () => {
    const w = mount(DictTag, { props: { type: 'lead_source', value: 'website' } })
    await flushPromises()
    types[0].entries[0].label.zh = '公司官网'
    await refreshDictionaries()
    await nextTick()
    expect(w.text()).toBe('公司官网')
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('reloads when the admin app announces a change', async () => {
    const w = mount(DictTag, { props: { type: 'lead_source', value: 'website' } })
    await flushPromises()
    types[0].entries[0].label.zh = '新官网'
    notifyDictionariesChanged()
    await flushPromises()
    expect(w.text()).toBe('新官网')
  })
})
