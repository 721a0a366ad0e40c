import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, reactive } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { ElFormItem, ElInput } from 'element-plus'
import RecordDrawer from './RecordDrawer.vue'
import { problemError } from '../test-utils'

function mountDrawer(submit: () => Promise<unknown>) {
  const model = reactive({ username: 'alice', email: 'a@example.com' })
  const Host = defineComponent({
    setup: () => () =>
      h(
        RecordDrawer,
        { title: 'User', model, submit, modelValue: true },
        {
          default: () => [
            h(ElFormItem, { label: 'Username', prop: 'username' }, () =>
              h(ElInput, { modelValue: model.username, 'data-testid': 'field-username' }),
            ),
            h(ElFormItem, { label: 'Email', prop: 'email' }, () => h(ElInput, { modelValue: model.email })),
          ],
        },
      ),
  })
  return mount(Host, { attachTo: document.body })
}

/** Element Plus debounces showing a form item's error by 100 ms. */
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}

function itemFor(label: string): Element {
  const item = [...document.querySelectorAll('.el-form-item')].find((el) => el.textContent?.includes(label))
  if (!item) throw new Error(`no form item ${label}`)
  return item
}

describe('RecordDrawer', () => {
  it('shows a server field error inline next to its field', async () => {
    const submit = vi.fn().mockRejectedValue(
      problemError({
        status: 409,
        detail: 'Duplicate',
        errors: [{ field: 'username', message: 'Username is taken' }],
      }),
    )
    const wrapper = mountDrawer(submit)
    await flushPromises()
    ;(document.querySelector('[data-testid="drawer-submit"]') as HTMLElement).click()
    await settle()

    expect(submit).toHaveBeenCalledOnce()
    expect(itemFor('Username').querySelector('.el-form-item__error')?.textContent).toContain(
      'Username is taken',
    )
    expect(itemFor('Email').querySelector('.el-form-item__error')).toBeNull()
    // Everything had a form item, so no generic alert repeats it.
    expect(document.querySelector('[data-testid="drawer-error"]')).toBeNull()
    wrapper.unmount()
  })

  it('lists field errors without a form item in the alert', async () => {
    const submit = vi.fn().mockRejectedValue(
      problemError({
        status: 400,
        detail: 'Invalid body',
        errors: [{ field: 'phone', message: 'Invalid phone number' }],
      }),
    )
    const wrapper = mountDrawer(submit)
    await flushPromises()
    ;(document.querySelector('[data-testid="drawer-submit"]') as HTMLElement).click()
    await settle()

    const alert = document.querySelector('[data-testid="drawer-error"]')
    expect(alert?.textContent).toContain('Invalid body')
    expect(alert?.textContent).toContain('phone: Invalid phone number')
    wrapper.unmount()
  })

  it('offers a reload on a 412 conflict', async () => {
    const submit = vi.fn().mockRejectedValue(problemError({ status: 412, detail: 'Stale' }))
    const wrapper = mountDrawer(submit)
    await flushPromises()
    ;(document.querySelector('[data-testid="drawer-submit"]') as HTMLElement).click()
    await settle()

    expect(document.querySelector('[data-testid="drawer-conflict"]')).not.toBeNull()
    ;(document.querySelector('[data-testid="drawer-reload"]') as HTMLElement).click()
    await flushPromises()
    expect(wrapper.findComponent(RecordDrawer).emitted('reload')).toHaveLength(1)
    wrapper.unmount()
  })

  it('emits saved and closes after a successful submit', async () => {
    const submit = vi.fn().mockResolvedValue({ id: '1' })
    const wrapper = mountDrawer(submit)
    await flushPromises()
    ;(document.querySelector('[data-testid="drawer-submit"]') as HTMLElement).click()
    await settle()
    const drawer = wrapper.findComponent(RecordDrawer)
    expect(drawer.emitted('saved')?.[0]).toEqual([{ id: '1' }])
    expect(drawer.emitted('update:modelValue')?.[0]).toEqual([false])
    wrapper.unmount()
  })
})
