import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountOpen, resetAfterEach, settle } from '@mosaic/ui/test-utils'
import type { admin } from '@mosaic/schemas'
import { http, testI18n } from '../../test-support'
import UserFormDrawer from './UserFormDrawer.vue'
import { alice } from './test-fixtures'

resetAfterEach()

async function open(user: admin.User | null) {
  http.get.mockResolvedValue({ items: [], nextCursor: null, total: 0, totalCapped: false })
  return mountOpen(UserFormDrawer, { user, deptTree: [] }, [testI18n()])
}
const input = (testid: string) =>
  document.querySelector(`input[data-testid="${testid}"]`) as HTMLInputElement | null
function type(testid: string, value: string) {
  const el = input(testid)!
  el.value = value
  el.dispatchEvent(new Event('input'))
}
async function submit() {
  ;(document.querySelector('[data-testid="drawer-submit"]') as HTMLElement).click()
  await flushPromises()
  await settle()
}

describe('UserFormDrawer', () => {
  it('creates with username and password, sending blanks as null', async () => {
    http.post.mockResolvedValue({ ...alice, username: 'bob' })
    await open(null)
    type('field-username', 'bob')
    type('field-displayName', 'Bob')
    type('field-password', 'secret123')
    await submit()
    expect(http.post).toHaveBeenCalledWith('/api/admin/users', {
      username: 'bob',
      password: 'secret123',
      displayName: 'Bob',
      email: null,
      phone: null,
      deptId: null,
      roleIds: [],
      enabled: true,
    })
  })

  it('edits with If-Match of the version shown, without username or password', async () => {
    http.patch.mockResolvedValue({ ...alice, version: 8, displayName: 'Alicia' })
    await open(alice)
    expect(input('field-username')?.disabled).toBe(true)
    expect(input('field-password')).toBeNull()
    type('field-displayName', 'Alicia')
    await submit()
    expect(http.patch).toHaveBeenCalledWith(
      `/api/admin/users/${alice.id}`,
      { displayName: 'Alicia', email: null, phone: null, deptId: null, roleIds: [], enabled: true },
      { ifMatch: 7 },
    )
  })
})
