import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountOpen, resetAfterEach } from '@mosaic/ui/test-utils'
import type { admin } from '@mosaic/schemas'
import { testI18n } from '../../test-support'
import { alice as stored } from './test-fixtures'

const http = await vi.hoisted(async () => (await import('@mosaic/web-kit/test-utils')).fakeApi())
vi.mock('@mosaic/web-kit', async (original) => ({ ...(await original<object>()), api: http }))
const { default: UserDetailDrawer } = await import('./UserDetailDrawer.vue')

resetAfterEach()

const alice: admin.User = { ...stored, email: 'alice@example.com' }

describe('UserDetailDrawer', () => {
  it('opens on the info tab and loads the activity only when asked', async () => {
    http.get.mockResolvedValue([])
    await mountOpen(UserDetailDrawer, { user: alice }, [testI18n()])
    expect(document.querySelector('[data-testid="history-drawer"]')?.textContent).toContain(
      'alice@example.com',
    )
    expect(http.get).not.toHaveBeenCalled()

    document.querySelector<HTMLElement>('[data-testid="history-tab-audit"]')!.click()
    await flushPromises()
    expect(http.get).toHaveBeenCalledWith(`/api/admin/users/${alice.id}/audit`)
  })
})
