import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import type { admin } from '@mosaic/schemas'
import { addMessages, createMosaicI18n, setLocale, useAuthStore } from '@mosaic/web-kit'
import { shellMessages } from '../locales'
import { page, user } from '../test/harness'
import { fakeApprovals, instance, task } from '../test/approvals'
import ApprovalBadge from './ApprovalBadge.vue'

enableAutoUnmount(afterEach)

const COUNTS = '/api/admin/approvals/counts'

async function mountBadge(signedIn = true) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  if (signedIn) {
    auth.accessToken = 'token-1'
    auth.user = user([])
  }
  const i18n = createMosaicI18n()
  addMessages(shellMessages)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: page('home') },
      { path: '/approvals', name: 'approvals', component: page('approval centre') },
    ],
  })
  await router.push('/')
  const wrapper = mount(ApprovalBadge, {
    attachTo: document.body,
    global: { plugins: [pinia, i18n, router, ElementPlus] },
  })
  await flushPromises()
  return { wrapper, router, auth }
}

const count = () =>
  document.querySelector('[data-testid="approval-badge-count"] sup')?.textContent?.trim() ?? null

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  setLocale('zh-CN')
  document.body.innerHTML = ''
})

describe('ApprovalBadge', () => {
  it('shows the tasks waiting for me and opens the approval centre', async () => {
    const tasks: admin.ApprovalTask[] = [task('t1', instance('i1')), task('t2', instance('i2'))]
    const api = fakeApprovals(tasks, [])
    const { wrapper, router } = await mountBadge()
    expect(api.calls[0]).toMatchObject({
      method: 'GET',
      url: COUNTS,
      headers: { Authorization: 'Bearer token-1' },
    })
    expect(count()).toBe('2')
    expect(wrapper.get('[data-testid="approval-badge"]').attributes('aria-label')).toBe(
      '审批中心（2 条待办）',
    )

    await wrapper.get('[data-testid="approval-badge"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/approvals')
  })

  it('hides the number when nothing waits', async () => {
    fakeApprovals([], [])
    await mountBadge()
    expect(count()).toBeNull()
  })

  it('polls every 30 s and on focus, and stops and forgets when the session ends', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const tasks: admin.ApprovalTask[] = [task('t1', instance('i1'))]
    const api = fakeApprovals(tasks, [])
    const { auth } = await mountBadge()
    const polls = () => api.to(COUNTS).length
    expect(polls()).toBe(1)
    expect(count()).toBe('1')

    tasks.push(task('t2', instance('i2')))
    vi.advanceTimersByTime(30_000)
    await flushPromises()
    expect(polls()).toBe(2)
    expect(count()).toBe('2')

    window.dispatchEvent(new Event('focus'))
    await flushPromises()
    expect(polls()).toBe(3)

    auth.clear()
    await flushPromises()
    expect(count()).toBeNull()
    vi.advanceTimersByTime(90_000)
    window.dispatchEvent(new Event('focus'))
    await flushPromises()
    expect(polls()).toBe(3)
  })

  it('asks nothing while signed out', async () => {
    const api = fakeApprovals([], [])
    await mountBadge(false)
    expect(api.calls).toEqual([])
  })
})
