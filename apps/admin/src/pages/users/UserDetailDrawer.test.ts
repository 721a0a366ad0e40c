import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { admin } from '@mosaic/schemas'
import { testI18n } from '../../test-support'

const http = await vi.hoisted(async () => (await import('@mosaic/web-kit/test-utils')).fakeApi())
vi.mock('@mosaic/web-kit', async (original) => ({ ...(await original<object>()), api: http }))
const { default: UserDetailDrawer } = await import('./UserDetailDrawer.vue')

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

const alice: admin.User = {
  id: '0c0e7f5e-1d2b-4c3a-9e8f-7a6b5c4d3e2f',
  version: 7,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  username: 'alice',
  displayName: 'Alice',
  email: 'alice@example.com',
  phone: null,
  deptId: null,
  deptName: null,
  roleIds: [],
  roleNames: [],
  enabled: true,
  lockedUntil: null,
  lastLoginAt: null,
}

describe('UserDetailDrawer', () => {
  it('opens on the info tab and loads the activity only when asked', async () => {
    http.get.mockResolvedValue([])
    const wrapper = mount(UserDetailDrawer, {
      props: { user: alice, modelValue: false },
      global: { plugins: [testI18n()] },
      attachTo: document.body,
    })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    expect(document.querySelector('[data-testid="history-drawer"]')?.textContent).toContain(
      'alice@example.com',
    )
    expect(http.get).not.toHaveBeenCalled()

    document.querySelector<HTMLElement>('[data-testid="history-tab-audit"]')!.click()
    await flushPromises()
    expect(http.get).toHaveBeenCalledWith(`/api/admin/users/${alice.id}/audit`)
  })
})
