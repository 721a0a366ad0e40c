import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { mountOpen, problemError as problem, settle } from '@mosaic/ui/test-utils'
import { ElSelect } from 'element-plus'
import type { admin } from '@mosaic/schemas'
import { http, testI18n } from '../../test-support'
import NumberRuleDrawer from './NumberRuleDrawer.vue'
import { allowedResets, numberPreview, numberRuleFormOf } from './numberRuleForm'

enableAutoUnmount(afterEach)
beforeEach(() => {
  // 16:30 UTC on 21 Nov is already 22 Nov in Beijing: the preview must show the business date.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-21T16:30:00Z'))
})
afterEach(() => {
  vi.useRealTimers()
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

const customer: admin.NumberRule = {
  id: '5b0c1c1e-8a44-4a1e-9d4e-0c6f5c2f1a01',
  version: 4,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  docType: 'customer',
  prefix: 'KH',
  datePattern: 'yyyyMMdd',
  width: 4,
  resetPeriod: 'daily',
  enabled: true,
  example: 'KH202611220001',
}

async function open(rule: admin.NumberRule | null, freeDocTypes: admin.NumberedDocType[] = []) {
  return mountOpen(NumberRuleDrawer, { rule, freeDocTypes }, [testI18n()])
}
const preview = () => document.querySelector('[data-testid="number-preview"]')?.textContent
const input = (testid: string) =>
  document.querySelector(
    `[data-testid="${testid}"] input, input[data-testid="${testid}"]`,
  ) as HTMLInputElement
async function type(testid: string, value: string) {
  const el = input(testid)
  el.value = value
  el.dispatchEvent(new Event('input'))
  el.dispatchEvent(new Event('change'))
  await flushPromises()
}
const selects = (w: Awaited<ReturnType<typeof open>>) => w.findAllComponents(ElSelect)
async function submit() {
  ;(document.querySelector('[data-testid="drawer-submit"]') as HTMLElement).click()
  await flushPromises()
  await settle()
}

describe('number rule preview', () => {
  it('is what the services would issue: prefix, business date, padded sequence', () => {
    const f = numberRuleFormOf(customer)
    expect(numberPreview(f)).toBe('KH202611220001')
    expect(numberPreview({ ...f, prefix: ' HT- ', datePattern: 'yyMMdd', width: 6 })).toBe('HT-261122000001')
    expect(numberPreview({ ...f, datePattern: 'none' })).toBe('KH0001')
  })

  it('offers only resets that cannot repeat numbers under the pattern', () => {
    expect(allowedResets('yyyyMMdd')).toEqual(['daily', 'monthly', 'yearly', 'never'])
    expect(allowedResets('yyyyMM')).toEqual(['monthly', 'yearly', 'never'])
    expect(allowedResets('none')).toEqual(['never'])
  })
})

describe('NumberRuleDrawer', () => {
  it('updates the example live as the rule is edited, and saves what it showed', async () => {
    http.patch.mockResolvedValue({ ...customer, version: 5 })
    const wrapper = await open(customer)
    expect(preview()).toBe('KH202611220001')

    await type('field-prefix', 'kh-a')
    expect(input('field-prefix').value).toBe('KH-A')
    expect(preview()).toBe('KH-A202611220001')

    await type('field-width', '6')
    expect(preview()).toBe('KH-A20261122000001')

    // A daily reset under a month pattern would repeat numbers: the reset moves to monthly.
    selects(wrapper)[1]!.vm.$emit('update:modelValue', 'yyyyMM')
    await flushPromises()
    expect(preview()).toBe('KH-A202611000001')

    await submit()
    expect(http.patch).toHaveBeenCalledWith(
      `/api/admin/rules/numbers/${customer.id}`,
      { prefix: 'KH-A', datePattern: 'yyyyMM', width: 6, resetPeriod: 'monthly', enabled: true },
      { ifMatch: 4 },
    )
  })

  it('creates for a free document type and shows the server field errors inline', async () => {
    http.post.mockRejectedValue(
      problem({
        status: 409,
        detail: 'A number rule for "lead" already exists.',
        errors: [{ field: 'docType', message: 'This document type already has a number rule' }],
      }),
    )
    await open(null, ['lead', 'payment'])
    expect(preview()).toBe('202611220001')
    await type('field-prefix', 'XS')
    await submit()
    expect(http.post).toHaveBeenCalledWith('/api/admin/rules/numbers', {
      docType: 'lead',
      prefix: 'XS',
      datePattern: 'yyyyMMdd',
      width: 4,
      resetPeriod: 'daily',
      enabled: true,
    })
    const error = document
      .querySelector('[data-testid="field-docType"]')
      ?.closest('.el-form-item')
      ?.querySelector('.el-form-item__error')
    expect(error?.textContent?.trim()).toBe('This document type already has a number rule')
  })
})
