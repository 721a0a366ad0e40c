import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElRadioGroup, ElSelect, ElTable } from 'element-plus'
import { resetAfterEach } from '@mosaic/ui/test-utils'
import { shallowRef, type App } from 'vue'
import type { admin } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'
import { http, testI18n } from '../../test-support'
import UsersPage from './UsersPage.vue'

resetAfterEach()

const roleId = '0b5f4a4e-7c1d-4e2f-9a3b-5c6d7e8f9a0b'
const customId = '1c6f4a4e-7c1d-4e2f-9a3b-5c6d7e8f9a0b'
const stamp = { version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }
const roles: admin.Role[] = [
  {
    id: roleId,
    ...stamp,
    code: 'sales_rep',
    name: '销售代表',
    description: null,
    permissions: [],
    dataScope: 'self',
    builtIn: true,
  },
  {
    id: customId,
    ...stamp,
    code: 'regional',
    name: '华东大区',
    description: null,
    permissions: [],
    dataScope: 'self',
    builtIn: false,
  },
]
const user = (username: string, lockedUntil: string | null): admin.User => ({
  id: `${username.length}a5f4a4e-7c1d-4e2f-9a3b-5c6d7e8f9a0b`.slice(0, 36),
  ...stamp,
  username,
  displayName: username,
  email: null,
  phone: null,
  deptId: null,
  deptName: null,
  roleIds: [roleId, customId],
  roleNames: ['销售代表', '华东大区'],
  enabled: true,
  lockedUntil,
  lastLoginAt: null,
})
const locked = user('locked', '2099-01-01T00:00:00Z')
const free = user('free1', null)

function mountPage(locale: 'zh-CN' | 'en', permissions: string[]) {
  http.get.mockImplementation(async (url: string) => {
    if (url === '/api/admin/users') return { items: [locked, free], nextCursor: null }
    if (url === '/api/admin/roles') return { items: roles, nextCursor: null }
    if (url === '/api/admin/depts/tree') return []
    throw new Error(`unexpected GET ${url}`)
  })
  const principal: Principal = {
    userId: 'u1',
    username: 'admin',
    deptId: null,
    roles: [],
    permissions,
    dataScope: 'all',
    kind: 'staff',
  }
  const perms = { install: (app: App) => installPermissions(app, shallowRef(principal)) }
  return mount(UsersPage, { global: { plugins: [testI18n(locale), perms] }, attachTo: document.body })
}
const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)

describe('UsersPage', () => {
  it('shows the lock and offers “unlock” for locked users only (admin.user.lock); unlocking posts and reloads', async () => {
    mountPage('zh-CN', ['admin.user.read', 'admin.user.lock'])
    await flushPromises()
    expect($('user-locked-locked')?.textContent).toContain('已锁定')
    expect($('user-locked-free1')).toBeNull()
    expect($('user-unlock-free1')).toBeNull()
    http.post.mockResolvedValue({ ...locked, lockedUntil: null })
    $('user-unlock-locked')!.click()
    await flushPromises()
    expect(http.post).toHaveBeenCalledWith(`/api/admin/users/${locked.id}/unlock`)
  })

  it('without admin.user.lock there is no unlock button', async () => {
    mountPage('zh-CN', ['admin.user.read'])
    await flushPromises()
    expect($('user-locked-locked')).not.toBeNull()
    expect($('user-unlock-locked')).toBeNull()
  })

  it('built-in roles are named in the reader’s language, custom roles as stored', async () => {
    mountPage('en', ['admin.user.read'])
    await flushPromises()
    const text = document.body.textContent ?? ''
    expect(text).toContain('Sales representative')
    expect(text).not.toContain('销售代表')
    expect(text).toContain('华东大区')
  })

  it('disables the checked users in bulk (admin.user.update) and shows the outcome by name', async () => {
    const wrapper = mountPage('en', ['admin.user.read', 'admin.user.update'])
    await flushPromises()
    wrapper.findComponent(ElTable).vm.$emit('selection-change', [locked, free])
    await flushPromises()
    expect($('bulk-count')?.textContent).toBe('2 selected')
    // No bulk delete without admin.user.delete.
    expect($('bulk-delete')?.style.display).toBe('none')
    http.post.mockResolvedValue({
      results: [
        { id: locked.id, ok: true, title: null },
        { id: free.id, ok: true, title: null },
      ],
      succeeded: 2,
      failed: 0,
    })
    $('bulk-edit')!.click()
    await flushPromises()
    wrapper
      .findAllComponents(ElSelect)
      .find((s) => s.attributes('data-testid') === 'bulk-edit-field')!
      .vm.$emit('update:modelValue', 'enabled')
    await flushPromises()
    wrapper.findComponent(ElRadioGroup).vm.$emit('update:modelValue', false)
    await flushPromises()
    $('bulk-edit-submit')!.click()
    await flushPromises()
    expect(http.post).toHaveBeenCalledWith('/api/admin/users/bulk-edit', {
      ids: [locked.id, free.id],
      changes: { enabled: false },
    })
    // The service left the titles out: the rows' names are shown, never ids.
    const result = $('bulk-result')!.textContent!
    expect(result).toContain('free1')
    expect(result).not.toContain(free.id)
  })
})
