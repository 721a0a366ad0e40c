import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, reactive, ref } from 'vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ElForm, ElFormItem, ElInput } from 'element-plus'
import { useFormSubmit, type FormSubmitOptions } from './formSubmit'
import { problemError } from '../test-utils'

enableAutoUnmount(afterEach)

function mountForm(submit: () => Promise<unknown>, open = false) {
  const visible = ref(open)
  const onSaved = vi.fn<FormSubmitOptions['onSaved']>()
  const onReload = vi.fn()
  const model = reactive({ name: 'Acme' })
  let form!: ReturnType<typeof useFormSubmit>
  const Host = defineComponent({
    setup() {
      form = useFormSubmit(visible, { submit, onSaved, onReload })
      return () =>
        h(ElForm, { ref: form.formRef, model }, () =>
          h(ElFormItem, { label: 'Name', prop: 'name' }, () => h(ElInput, { modelValue: model.name })),
        )
    },
  })
  mount(Host, { attachTo: document.body })
  return { form, visible, onSaved, onReload }
}

describe('useFormSubmit', () => {
  it('submits once at a time and hands the result on', async () => {
    let finish!: (v: unknown) => void
    const submit = vi.fn(() => new Promise((resolve) => (finish = resolve)))
    const { form, onSaved } = mountForm(submit, true)
    const first = form.submit()
    await flushPromises()
    expect(form.saving.value).toBe(true)
    await form.submit()
    expect(submit).toHaveBeenCalledOnce()
    finish({ id: 'c1' })
    await first
    expect(form.saving.value).toBe(false)
    expect(onSaved).toHaveBeenCalledWith({ id: 'c1' })
  })

  it('renders its footer only once opened, and a reopened form starts without the last errors', async () => {
    const submit = vi.fn().mockRejectedValue(problemError({ status: 412, title: 'Precondition Failed' }))
    const { form, visible, onSaved } = mountForm(submit)
    expect(form.shown.value).toBe(false)
    visible.value = true
    await flushPromises()
    expect(form.shown.value).toBe(true)

    await form.submit()
    expect(form.alerts.conflict).toBe(true)
    expect(onSaved).not.toHaveBeenCalled()
    visible.value = false
    await flushPromises()
    visible.value = true
    await flushPromises()
    expect(form.alerts.conflict).toBe(false)
  })

  it('clears the conflict before asking the caller to reload', async () => {
    const submit = vi.fn().mockRejectedValue(problemError({ status: 412, title: 'Precondition Failed' }))
    const { form, onReload } = mountForm(submit, true)
    await form.submit()
    expect(form.alerts.conflict).toBe(true)
    form.reload()
    expect(form.alerts.conflict).toBe(false)
    expect(onReload).toHaveBeenCalledOnce()
  })
})
