import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { flushPromises, mount } from '@vue/test-utils'
import { ElMessage } from 'element-plus'

vi.mock('./useText', () => ({ useText: () => ({ errorText: (err: Error) => `failed: ${err.message}` }) }))
const { useOpenFromQuery } = await import('./openFromQuery')

afterEach(() => vi.restoreAllMocks())

/** A page at `path` that hands `?open=` to `open`. */
async function visit(path: string | null, open: (id: string) => unknown) {
  const Page = defineComponent({
    setup() {
      useOpenFromQuery(open)
      return () => h('div')
    },
  })
  if (path === null) return mount(Page)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)', component: Page }],
  })
  await router.push(path)
  const wrapper = mount(Page, { global: { plugins: [router] } })
  await flushPromises()
  return wrapper
}

describe('useOpenFromQuery', () => {
  it('opens the record named by ?open=<id> once mounted', async () => {
    const opened: string[] = []
    await visit('/sales/quotes?open=q-1', (id) => opened.push(id))
    expect(opened).toEqual(['q-1'])
  })

  it('does nothing without the parameter, with an empty one, or without a router', async () => {
    const open = vi.fn()
    await visit('/sales/quotes', open)
    await visit('/sales/quotes?open=', open)
    await visit(null, open)
    expect(open).not.toHaveBeenCalled()
  })

  it('shows why the record could not be opened', async () => {
    const error = vi.spyOn(ElMessage, 'error').mockImplementation((() => {}) as never)
    await visit('/sales/quotes?open=gone', () => Promise.reject(new Error('404')))
    expect(error).toHaveBeenCalledWith('failed: 404')
  })
})
