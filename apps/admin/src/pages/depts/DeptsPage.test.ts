import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ElMessageBox } from 'element-plus'
import type { admin } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'
import { shallowRef, type App } from 'vue'
import { http, testI18n } from '../../test-support'
import DeptsPage from './DeptsPage.vue'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.restoreAllMocks()
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

const id = '7d4b1f0e-2c3a-4b5d-8e9f-0a1b2c3d4e5f'
const sales: admin.DeptNode = {
  id,
  version: 2,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
  name: 'Sales East',
  parentId: null,
  leaderUserId: null,
  sort: 10,
  children: [],
}
const snapshot = (version: number, name: string) => ({ id, version, name, parentId: null, sort: 10 })

function serve() {
  http.get.mockImplementation(async (url: string) => {
    if (url === '/api/admin/depts/tree') return [sales]
    if (url === `/api/admin/depts/${id}/audit`)
      return [
        {
          id: 'a1',
          at: '2026-01-02T00:00:00Z',
          actorId: 'u1',
          actorName: 'Admin',
          action: 'update',
          entityType: 'dept',
          entityId: id,
          entityTitle: null,
          diff: { name: { before: 'Sales', after: 'Sales East' } },
          note: null,
          requestId: null,
        },
      ]
    if (url === `/api/admin/depts/${id}/versions`)
      return [2, 1].map((v) => ({
        version: v,
        at: '2026-01-02T00:00:00Z',
        actorId: 'u1',
        actorName: 'Admin',
        action: v === 1 ? 'create' : 'update',
        snapshot: snapshot(v, v === 1 ? 'Sales' : 'Sales East'),
      }))
    if (url === `/api/admin/depts/${id}`) return snapshot(2, 'Sales East')
    throw new Error(`unexpected GET ${url}`)
  })
}
const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)

describe('DeptsPage history', () => {
  it('opens a department history with labelled diffs and reloads the tree after a restore', async () => {
    serve()
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    http.post.mockResolvedValue(snapshot(3, 'Sales'))
    mount(DeptsPage, { global: { plugins: [testI18n()] }, attachTo: document.body })
    await flushPromises()

    $('dept-history-Sales East')!.click()
    await flushPromises()
    expect(http.get).toHaveBeenCalledWith(`/api/admin/depts/${id}/audit`)
    expect(document.querySelector('tr[data-field="name"] .mosaic-diff__field')?.textContent).toBe('部门名称')

    $('history-tab-versions')!.click()
    await flushPromises()
    $('version-restore-1')!.click()
    await flushPromises()
    expect(http.post).toHaveBeenCalledWith(`/api/admin/depts/${id}/versions/1/restore`, undefined, {
      ifMatch: 2,
    })
    const treeLoads = http.get.mock.calls.filter(([url]) => url === '/api/admin/depts/tree')
    expect(treeLoads).toHaveLength(2)
  })
})

describe('DeptsPage add child', () => {
  it('“添加下级” opens “新增下级部门” with the parent preselected; the toolbar button stays “新增顶级部门”', async () => {
    serve()
    const principal: Principal = {
      userId: 'u1',
      username: 'admin',
      deptId: null,
      roles: [],
      permissions: ['admin.dept.read', 'admin.dept.create'],
      dataScope: 'all',
      kind: 'staff',
    }
    const permissions = { install: (app: App) => installPermissions(app, shallowRef(principal)) }
    const page = mount(DeptsPage, {
      global: { plugins: [testI18n(), permissions] },
      attachTo: document.body,
    })
    await flushPromises()
    $('dept-add-Sales East')!.click()
    await flushPromises()
    const titles = () =>
      [...document.querySelectorAll('.el-drawer__header')].map((e) => e.textContent?.trim())
    expect(titles()).toContain('新增下级部门')
    expect(titles()).not.toContain('新增顶级部门')
    const drawer = page.findComponent({ name: 'DeptFormDrawer' })
    expect(drawer.props('parentId')).toBe(id)
    const parentSelect = document.querySelector('.el-drawer .el-tree-select, .el-drawer .el-select')
    expect(parentSelect?.textContent).toContain('Sales East')
  })
})
