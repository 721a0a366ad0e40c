import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import type { admin } from '@mosaic/schemas'
import { setLocale } from '@mosaic/web-kit'
import { mountInShell, page } from '../test/harness'
import { fakeApprovals, instance, task } from '../test/approvals'
import ApprovalBadge from './ApprovalBadge.vue'

enableAutoUnmount(afterEach)

const COUNTS = '/api/admin/approvals/counts'

async function mountBadge(signedIn = true) {
  const mounted = await mountInShell(
    ApprovalBadge,
    [
      { path: '/', component: page('home') },
      { path: '/approvals', name: 'approvals', component: page('approval centre') },
    ],
    { signedIn },
  )
  await flushPromises()
  return mounted
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
