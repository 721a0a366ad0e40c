import { afterEach, describe, expect, it, vi } from 'vitest'
import { shallowRef } from 'vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ElMessageBox } from 'element-plus'
import type { AuditEntry, VersionEntry } from '@mosaic/schemas'
import { installPermissions } from '@mosaic/permissions/vue'

const get = vi.fn()
const post = vi.fn()
vi.mock('@mosaic/web-kit', () => ({ api: { get, post } }))
const { default: RecordHistoryDrawer } = await import('./RecordHistoryDrawer.vue')

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

const path = '/api/admin/depts/d1'
const current = { id: 'd1', version: 2, name: 'Sales East', sort: 10 }
const audit: AuditEntry[] = [
  {
    id: 'a1',
    at: '2026-01-02T03:04:05Z',
    actorId: 'u1',
    actorName: 'Admin',
    action: 'update',
    entityType: 'dept',
    entityId: 'd1',
    entityTitle: null,
    diff: { name: { before: 'Sales', after: 'Sales East' } },
    note: null,
    requestId: null,
  },
]
const version = (v: number, name: string): VersionEntry => ({
  version: v,
  at: '2026-01-02T03:04:05Z',
  actorId: 'u1',
  actorName: 'Admin',
  action: v === 1 ? 'create' : 'update',
  snapshot: { id: 'd1', version: v, name, sort: 10 },
})

get.mockImplementation(async (url: string) => {
  if (url === `${path}/audit`) return audit
  if (url === `${path}/versions`) return [version(2, 'Sales East'), version(1, 'Sales')]
  throw new Error(`unexpected GET ${url}`)
})

function mountDrawer() {
  const principal = shallowRef({
    userId: 'u1',
    username: 'admin',
    deptId: null,
    roles: [],
    dataScope: 'all' as const,
    kind: 'staff' as const,
    permissions: ['admin.dept.update'],
  })
  return mount(RecordHistoryDrawer, {
    props: {
      modelValue: false,
      title: 'History',
      path,
      current,
      fieldLabels: { name: '名称' },
      restorePermission: 'admin.dept.update',
    },
    global: { plugins: [{ install: (app) => installPermissions(app, principal) }] },
    attachTo: document.body,
  })
}
const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)

describe('RecordHistoryDrawer', () => {
  it('loads nothing until opened, then shows the audit diff with field labels', async () => {
    const wrapper = mountDrawer()
    await flushPromises()
    expect(get).not.toHaveBeenCalled()
    expect($('audit-timeline')).toBeNull()

    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    expect($('history-drawer')).not.toBeNull()
    expect(get).toHaveBeenCalledWith(`${path}/audit`)
    // The versions tab is lazy: no request until it is chosen.
    expect(get).not.toHaveBeenCalledWith(`${path}/versions`)
    const row = document.querySelector('[data-testid="audit-timeline"] tr[data-field="name"]')!
    expect(row.querySelector('.mosaic-diff__field')?.textContent).toBe('名称')
    expect(row.querySelector('.mosaic-diff__before')?.textContent).toBe('Sales')
    expect(row.querySelector('.mosaic-diff__after')?.textContent).toBe('Sales East')
    expect($('history-tab-audit')?.textContent).toBe('操作记录')

    await wrapper.setProps({ modelValue: false })
    await flushPromises()
    expect($('audit-timeline')).toBeNull()
  })

  it('switches to the versions tab and diffs an earlier version against the current record', async () => {
    const wrapper = mountDrawer()
    await wrapper.setProps({ modelValue: true })
    await flushPromises()

    $('history-tab-versions')!.click()
    await flushPromises()
    expect(get).toHaveBeenCalledWith(`${path}/versions`)
    const diff = $('version-diff')!
    expect(diff.textContent).toContain('版本 1 与当前版本（版本 2）的差异')
    expect(diff.querySelector('tr[data-field="name"] .mosaic-diff__field')?.textContent).toBe('名称')
    expect(diff.querySelector('tr[data-field="name"] .mosaic-diff__before')?.textContent).toBe('Sales')
    // The current version cannot be restored onto itself.
    expect($('version-restore-2')).toBeNull()
  })

  it('restores a version with If-Match and re-emits restored', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    post.mockResolvedValue({ ...current, version: 3, name: 'Sales' })
    const wrapper = mountDrawer()
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    $('history-tab-versions')!.click()
    await flushPromises()

    $('version-restore-1')!.click()
    await flushPromises()
    expect(post).toHaveBeenCalledWith(`${path}/versions/1/restore`, undefined, { ifMatch: 2 })
    expect(wrapper.emitted('restored')?.[0]).toEqual([{ ...current, version: 3, name: 'Sales' }])
  })
})
