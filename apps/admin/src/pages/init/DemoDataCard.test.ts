import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { problemError as problem, resetAfterEach } from '@mosaic/ui/test-utils'
import { ref, type App } from 'vue'
import type { DemoStatus } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'
import { http, testI18n } from '../../test-support'
import DemoDataCard from './DemoDataCard.vue'

const steps = (done: number): DemoStatus['steps'] => [
  { key: 'departments', done: 5, total: 5 },
  { key: 'users', done: 16, total: 16 },
  { key: 'customers', done, total: 60 },
]
const idle: DemoStatus = {
  state: 'idle',
  startedAt: null,
  finishedAt: null,
  steps: [],
  errorCode: null,
  error: null,
}
const running = (done: number): DemoStatus => ({
  ...idle,
  state: 'running',
  startedAt: '2026-12-05T09:00:00Z',
  steps: steps(done),
})

resetAfterEach()
beforeEach(() => {
  http.get.mockResolvedValue(idle)
})

async function mountCard(permissions = ['admin.init.run']) {
  const principal = {
    userId: 'u',
    username: 'a',
    roles: [],
    permissions,
    dataScope: 'all',
  } as unknown as Principal
  const wrapper = mount(DemoDataCard, {
    global: { plugins: [testI18n(), { install: (app: App) => installPermissions(app, ref(principal)) }] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`)
const confirmBox = async () => {
  await vi.waitFor(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
  ;(document.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()
  await flushPromises()
}

describe('the demo data card', () => {
  it('is hidden outside demo mode (the status route refuses)', async () => {
    http.get.mockRejectedValue(problem({ status: 409, code: 'admin.demo.not_demo_mode' }))
    await mountCard()
    expect(http.get).toHaveBeenCalledWith('/api/admin/demo')
    expect(byTestId('demo-card')).toBeNull()
  })

  it('is hidden, without asking, from someone without admin.init.run', async () => {
    await mountCard(['admin.user.read'])
    expect(http.get).not.toHaveBeenCalled()
    expect(byTestId('demo-card')).toBeNull()
  })

  it('confirms, starts the load, shows each step’s progress while running, then says it is done', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    try {
      await mountCard()
      expect(byTestId('demo-load')?.textContent).toContain('加载演示数据')
      http.post.mockResolvedValue(running(10))
      http.get.mockResolvedValue(running(30))
      ;(byTestId('demo-load') as HTMLElement).click()
      await confirmBox()
      expect(http.post).toHaveBeenCalledWith('/api/admin/demo')
      expect(byTestId('demo-step-customers')?.textContent).toContain('10 / 60')
      expect(byTestId('demo-step-customers')?.textContent).toContain('客户')
      expect(byTestId('demo-load')?.textContent).toContain('正在加载')

      await vi.advanceTimersByTimeAsync(2100)
      await flushPromises()
      expect(byTestId('demo-step-customers')?.textContent).toContain('30 / 60')

      http.get.mockResolvedValue({ ...running(60), state: 'done', finishedAt: '2026-12-05T09:05:00Z' })
      await vi.advanceTimersByTimeAsync(2100)
      await flushPromises()
      expect(byTestId('demo-done')?.textContent).toContain('演示数据已加载完成')
      expect(byTestId('demo-load')?.hasAttribute('disabled')).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('shows a failure in the reader’s language from its problem code', async () => {
    http.get.mockResolvedValue({
      ...running(20),
      state: 'failed',
      errorCode: 'admin.demo.peer_unavailable',
      error: 'The sales service is unavailable',
    })
    await mountCard()
    // The code in the reader's language, not the service's English text.
    expect(byTestId('demo-failed')?.textContent).toContain(
      '加载失败：其他服务暂不可用，请稍后重新加载演示数据',
    )
    expect(byTestId('demo-failed')?.textContent).not.toContain('sales service')
    expect(byTestId('demo-load')?.textContent).toContain('加载演示数据')
  })
})
