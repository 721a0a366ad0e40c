import { afterEach, describe, expect, it, vi } from 'vitest'
import { shallowRef } from 'vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Page, RecycleBinItem } from '@mosaic/schemas'
import { installPermissions } from '@mosaic/permissions/vue'
import RecycleBinTable from './RecycleBinTable.vue'
import { problemError, testPrincipal } from '../test-utils'

const item = (entityType: string, title: string): RecycleBinItem => ({
  entityType,
  id: `00000000-0000-4000-8000-00000000000${title.length}`,
  title,
  deletedAt: '2026-01-02T03:04:05Z',
  deletedBy: null,
  deletedByName: 'Ann',
})
const rows = [item('user', 'bob'), item('customer', 'Acme')]
const page = (items: RecycleBinItem[]): Page<RecycleBinItem> => ({
  items,
  nextCursor: null,
  total: items.length,
  totalCapped: false,
})

function mountBin(permissions: string[], props: Record<string, unknown> = {}) {
  const principal = testPrincipal(...permissions)
  const fetch = vi.fn().mockResolvedValue(page(rows))
  const restore = vi.fn().mockResolvedValue({})
  const purge = vi.fn().mockResolvedValue(undefined)
  const wrapper = mount(RecycleBinTable, {
    props: {
      listKey: 'test-bin',
      api: { recycleBin: fetch, restore, purge },
      restorePaths: { user: 'users' },
      typeLabel: (type: string) => (type === 'user' ? 'User' : type),
      ...props,
    },
    global: { plugins: [{ install: (app) => installPermissions(app, shallowRef(principal)) }] },
    attachTo: document.body,
  })
  return { wrapper, fetch, restore, purge }
}
const testIds = (w: ReturnType<typeof mount>) =>
  w
    .findAll('[data-testid^="recycle-"]')
    .map((e) => e.attributes('data-testid'))
    .sort()

afterEach(() => {
  localStorage.clear()
  document.body.innerHTML = ''
})
enableAutoUnmount(afterEach)

describe('RecycleBinTable', () => {
  it('lists deleted records with their type label, offering restore only where a path restores it', async () => {
    const { wrapper } = mountBin(['admin.recycle.restore', 'admin.recycle.purge'])
    await flushPromises()
    expect(wrapper.text()).toContain('User')
    expect(wrapper.text()).toContain('Ann')
    expect(testIds(wrapper)).toEqual([
      'recycle-purge-Acme',
      'recycle-purge-bob',
      'recycle-restore-bob',
      'recycle-row-Acme',
      'recycle-row-bob',
    ])
  })

  it('asks the caller which permissions offer restore, and keeps purge for admin.recycle.purge', async () => {
    const { wrapper } = mountBin(['sales.user.restore'], {
      restorePermission: (i: RecycleBinItem) => [`sales.${i.entityType}.restore`],
    })
    await flushPromises()
    expect(testIds(wrapper)).toEqual(['recycle-restore-bob', 'recycle-row-Acme', 'recycle-row-bob'])
  })

  it('restores through the record path and reloads the list', async () => {
    const { wrapper, fetch, restore } = mountBin(['admin.recycle.restore'])
    await flushPromises()
    await wrapper.get('[data-testid="recycle-restore-bob"]').trigger('click')
    await flushPromises()
    expect(restore).toHaveBeenCalledWith('users', rows[0].id)
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it("shows the server's reason when a restore fails", async () => {
    const { wrapper, fetch, restore } = mountBin(['admin.recycle.restore'])
    restore.mockRejectedValueOnce(problemError({ status: 409, detail: 'The username is taken' }))
    await flushPromises()
    await wrapper.get('[data-testid="recycle-restore-bob"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('The username is taken')
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('purges only after the confirmation', async () => {
    const { wrapper, purge } = mountBin(['admin.recycle.purge'])
    await flushPromises()
    await wrapper.get('[data-testid="recycle-purge-Acme"]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    const confirm = document.querySelector<HTMLElement>('.mosaic-confirm-delete .el-button--danger')
    expect(confirm).not.toBeNull()
    confirm!.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    expect(purge).toHaveBeenCalledWith(rows[1])
  })
})
