import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import {
  click,
  mountOpen,
  problemError as problem,
  resetAfterEach,
  settle,
  type,
} from '@mosaic/ui/test-utils'
import { ElRadioGroup, ElSelect } from 'element-plus'
import { DictSelect } from '@mosaic/dictionary/vue'
import { http, testI18n, useDefaultDictionaries } from '../../test-support'
import CloseDialog from './CloseDialog.vue'
import { opportunity } from './test-fixtures'

resetAfterEach()
beforeEach(() => useDefaultDictionaries())

const opp = opportunity()

async function open() {
  return mountOpen(CloseDialog, { opportunity: opp }, [testI18n('en')])
}
async function submit() {
  click('dialog-submit')
  await flushPromises()
  await settle()
}
const errorNear = (testid: string) =>
  document
    .querySelector(`[data-testid="${testid}"]`)
    ?.closest('.el-form-item')
    ?.querySelector('.el-form-item__error')?.textContent

describe('CloseDialog', () => {
  it('requires a lost reason for a lost opportunity, then closes with If-Match', async () => {
    http.post.mockResolvedValue({ ...opp, status: 'lost' })
    const w = await open()
    w.findComponent(ElRadioGroup).vm.$emit('update:modelValue', 'lost')
    await flushPromises()
    await submit()
    expect(http.post).not.toHaveBeenCalled()
    expect(errorNear('field-lostReason')).toContain('A lost opportunity needs a lost reason')

    w.findComponent(DictSelect).findComponent(ElSelect).vm.$emit('update:modelValue', 'price')
    type('field-closeNote', ' too expensive ')
    await flushPromises()
    await submit()
    expect(http.post).toHaveBeenCalledWith(
      `/api/sales/opportunities/${opp.id}/close`,
      {
        outcome: 'lost',
        lostReason: 'price',
        closeNote: 'too expensive',
        closeDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      },
      { ifMatch: 4 },
    )
    expect(w.emitted('saved')).toHaveLength(1)
  })

  it('says when closing goes to approval (not for invalid), and submits for approval', async () => {
    http.get.mockImplementation(async (p: string) =>
      p === '/api/sales/opportunities/closing' ? { approvalRequired: true, requiredFields: [] } : undefined,
    )
    http.post.mockResolvedValue({ ...opp, status: 'closing' })
    const w = await open()
    await flushPromises()
    const notice = () => document.querySelector('[data-testid="close-approval-notice"]')
    const submitText = () => document.querySelector('[data-testid="dialog-submit"]')!.textContent
    expect(notice()!.textContent).toContain('Closing needs approval')
    expect(submitText()).toContain('Submit for approval')
    w.findComponent(ElRadioGroup).vm.$emit('update:modelValue', 'invalid')
    await flushPromises()
    expect(notice()).toBeNull()
    expect(submitText()).toContain('Close')
    w.findComponent(ElRadioGroup).vm.$emit('update:modelValue', 'won')
    await flushPromises()
    await submit()
    expect(http.post.mock.calls[0][1]).toMatchObject({ outcome: 'won' })
    expect(document.body.textContent).toContain('Submitted for approval')
  })

  it('closes as won without a lost reason', async () => {
    http.post.mockResolvedValue({ ...opp, status: 'won' })
    await open()
    expect(document.querySelector('[data-testid="field-lostReason"]')).toBeNull()
    await submit()
    expect(http.post.mock.calls[0][1]).toMatchObject({ outcome: 'won', lostReason: null })
  })

  it("shows the closure rule's field errors next to their fields", async () => {
    http.post.mockRejectedValue(
      problem({
        status: 400,
        detail: 'The closure rule requires more',
        errors: [{ field: 'closeNote', message: 'A closing note is required' }],
      }),
    )
    const w = await open()
    await submit()
    expect(errorNear('field-closeNote')).toContain('A closing note is required')
    expect(w.emitted('saved')).toBeUndefined()
  })
})
