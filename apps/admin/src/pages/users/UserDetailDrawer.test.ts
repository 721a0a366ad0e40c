import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountOpen, resetAfterEach } from '@mosaic/ui/test-utils'
import type { admin } from '@mosaic/schemas'
import { http, testI18n } from '../../test-support'
import UserDetailDrawer from './UserDetailDrawer.vue'
import { alice as stored } from './test-fixtures'

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
