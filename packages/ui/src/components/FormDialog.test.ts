import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, reactive } from 'vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ElFormItem, ElInput } from 'element-plus'
import FormDialog from './FormDialog.vue'
import { problemError } from '../test-utils'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

function mountDialog(submit: () => Promise<unknown>, props: Record<string, unknown> = {}) {
  const model = reactive({ reason: '' })
  const Host = defineComponent({
    setup: () => () =>
      h(
        FormDialog,
        {
          title: 'Close',
          model,
          submit,
          modelValue: true,
          rules: { reason: [{ required: true, message: 'Give a reason', trigger: 'change' }] },
          ...props,
        },
        {
          default: () =>
            h(ElFormItem, { label: 'Reason', prop: 'reason' }, () =>
              h(ElInput, {
                modelValue: model.reason,
                'onUpdate:modelValue': (v: string) => (model.reason = v),
                'data-testid': 'field-reason',
              }),
            ),
        },
      ),
  })
  return { wrapper: mount(Host, { attachTo: document.body }), model }
}

async function clickSubmit() {
  document.querySelector<HTMLElement>('[data-testid="dialog-submit"]')!.click()
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}
const errorOf = () => document.querySelector('.el-form-item__error')?.textContent?.trim()

describe('FormDialog', () => {
  it('puts labels on top of their fields, so long labels never overlap the next row', async () => {
    mountDialog(vi.fn())
    await flushPromises()
    expect(document.querySelector('.el-form')?.classList.contains('el-form--label-top')).toBe(true)
  })

  it('runs the client rules before submitting', async () => {
    const submit = vi.fn().mockResolvedValue({})
    mountDialog(submit)
    await flushPromises()
    await clickSubmit()
    expect(submit).not.toHaveBeenCalled()
    expect(errorOf()).toBe('Give a reason')
  })

  it('shows a server field error next to its item and stays open', async () => {
    const submit = vi
      .fn()
      .mockRejectedValue(
        problemError({ status: 400, detail: 'Invalid', errors: [{ field: 'reason', message: 'Too short' }] }),
      )
    const { wrapper, model } = mountDialog(submit)
    model.reason = 'x'
    await flushPromises()
    await clickSubmit()
    expect(submit).toHaveBeenCalledOnce()
    expect(errorOf()).toBe('Too short')
    expect(document.querySelector('[data-testid="dialog-error"]')).toBeNull()
    expect(wrapper.findComponent(FormDialog).emitted('update:modelValue')).toBeUndefined()
  })

  it('offers a reload on 412 and can stay open after success', async () => {
    const submit = vi
      .fn()
      .mockRejectedValueOnce(problemError({ status: 412, detail: 'Stale' }))
      .mockResolvedValueOnce({ ok: true })
    const { wrapper, model } = mountDialog(submit, { keepOpen: true, successText: false })
    model.reason = 'because'
    await flushPromises()
    await clickSubmit()
    expect(document.querySelector('[data-testid="dialog-conflict"]')).not.toBeNull()
    document.querySelector<HTMLElement>('[data-testid="dialog-reload"]')!.click()
    await flushPromises()
    const dialog = wrapper.findComponent(FormDialog)
    expect(dialog.emitted('reload')).toHaveLength(1)

    await clickSubmit()
    expect(dialog.emitted('saved')?.[0]).toEqual([{ ok: true }])
    expect(dialog.emitted('update:modelValue')).toBeUndefined()
  })
})
