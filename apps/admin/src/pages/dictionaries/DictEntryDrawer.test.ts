import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { problemError as problem, resetAfterEach, settle } from '@mosaic/ui/test-utils'
import type { admin } from '@mosaic/schemas'
import { http, testI18n } from '../../test-support'
import DictEntryDrawer from './DictEntryDrawer.vue'

resetAfterEach()

const stage: admin.DictEntry = {
  id: '5b0c1c1e-8a44-4a1e-9d4e-0c6f5c2f1a01',
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  typeCode: 'opportunity_stage',
  value: 'proposal',
  label: { zh: '方案报价', en: 'Proposal' },
  color: 'warning',
  sort: 30,
  enabled: true,
  extra: { probability: 60 },
  builtIn: true,
}

function open(entry: admin.DictEntry | null) {
  return mount(DictEntryDrawer, {
    props: { typeCode: 'opportunity_stage', entry, modelValue: false },
    global: { plugins: [testI18n()] },
    attachTo: document.body,
  })
}

const input = (testid: string) => document.querySelector(`input[data-testid="${testid}"]`) as HTMLInputElement
function type(testid: string, value: string) {
  const el = input(testid)
  el.value = value
  el.dispatchEvent(new Event('input'))
}
const errorOf = (testid: string) =>
  input(testid).closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim()

async function submit() {
  ;(document.querySelector('[data-testid="drawer-submit"]') as HTMLElement).click()
  await flushPromises()
  await settle()
}

describe('DictEntryDrawer', () => {
  it('shows server field errors next to the fields they name, nested paths included', async () => {
    http.post.mockRejectedValue(
      problem({
        status: 409,
        detail: 'Duplicate value',
        errors: [
          { field: 'value', message: 'This value already exists' },
          { field: 'label.zh', message: '名称重复' },
          { field: 'extra.probability', message: 'Must be 0–100' },
        ],
      }),
    )
    const wrapper = open(null)
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    type('field-value', 'won')
    type('field-label.zh', '赢单')
    type('field-label.en', 'Won')
    await submit()

    expect(http.post).toHaveBeenCalledOnce()
    expect(errorOf('field-value')).toBe('This value already exists')
    expect(errorOf('field-label.zh')).toBe('名称重复')
    expect(errorOf('field-label.en')).toBeUndefined()
    // A path deeper than any form item lands on the nearest enclosing one.
    const extraItem = document.querySelector('[data-testid="field-extra"]')?.closest('.el-form-item')
    expect(extraItem?.querySelector('.el-form-item__error')?.textContent).toContain('Must be 0–100')
  })

  it('stops invalid input on the client before calling the server', async () => {
    const wrapper = open(null)
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    type('field-value', 'has space')
    await submit()
    expect(http.post).not.toHaveBeenCalled()
    expect(errorOf('field-value')).toContain('1–40')
    expect(errorOf('field-label.zh')).toBeTruthy()
  })

  it('edits with If-Match, never sends the value, and keeps extras typed', async () => {
    http.patch.mockResolvedValue({ ...stage, version: 4 })
    const wrapper = open(stage)
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    expect(input('field-value').disabled).toBe(true)
    type('extra-value-0', '65')
    await submit()

    expect(http.patch).toHaveBeenCalledWith(
      `/api/admin/dictionaries/opportunity_stage/entries/${stage.id}`,
      {
        label: { zh: '方案报价', en: 'Proposal' },
        color: 'warning',
        sort: 30,
        enabled: true,
        extra: { probability: 65 },
      },
      { ifMatch: 3 },
    )
    expect(wrapper.emitted('saved')?.[0]).toEqual([{ ...stage, version: 4 }])
  })
})
