import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ElMessageBox } from 'element-plus'
import type { admin } from '@mosaic/schemas'
import { http, testI18n } from '../../test-support'
import DictEntryTable from './DictEntryTable.vue'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.restoreAllMocks()
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

const fair: admin.DictEntry = {
  id: '5b0c1c1e-8a44-4a1e-9d4e-0c6f5c2f1a02',
  version: 2,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  typeCode: 'lead_source',
  value: 'fair',
  label: { zh: '展会', en: 'Trade fair' },
  color: null,
  sort: 10,
  enabled: true,
  extra: null,
  builtIn: false,
}

const base = `/api/admin/dictionaries/lead_source/entries/${fair.id}`
const version = (v: number) => ({
  version: v,
  at: '2026-01-02T00:00:00Z',
  actorId: 'u1',
  actorName: 'Admin',
  action: 'update',
  snapshot: { ...fair, version: v },
})

describe('DictEntryTable history', () => {
  it('opens an entry history at the entry URL with labelled diffs', async () => {
    http.get.mockResolvedValueOnce([
      {
        id: 'a1',
        at: '2026-01-02T00:00:00Z',
        actorId: 'u1',
        actorName: 'Admin',
        action: 'update',
        entityType: 'dict_entry',
        entityId: fair.id,
        entityTitle: null,
        diff: { label: { before: { zh: '会展', en: 'Fair' }, after: fair.label } },
        note: null,
        requestId: null,
      },
    ])
    mount(DictEntryTable, {
      props: { entries: [fair] },
      global: { plugins: [testI18n()] },
      attachTo: document.body,
    })
    await flushPromises()
    expect(document.querySelector('[data-testid="history-tab-audit"]')).toBeNull()

    document.querySelector<HTMLElement>('[data-testid="dict-entry-history-fair"]')!.click()
    await flushPromises()
    expect(http.get).toHaveBeenCalledWith(`${base}/audit`)
    expect(document.querySelector('tr[data-field="label"] .mosaic-diff__field')?.textContent).toBe('名称')
  })

  it('tells the page after a version restore so it can reload and notify other screens', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    http.get.mockImplementation(async (url: string) =>
      url === base ? fair : url === `${base}/versions` ? [version(2), version(1)] : [],
    )
    http.post.mockResolvedValue({ ...fair, version: 3 })
    const wrapper = mount(DictEntryTable, {
      props: { entries: [fair] },
      global: { plugins: [testI18n()] },
      attachTo: document.body,
    })
    await flushPromises()
    document.querySelector<HTMLElement>('[data-testid="dict-entry-history-fair"]')!.click()
    await flushPromises()
    document.querySelector<HTMLElement>('[data-testid="history-tab-versions"]')!.click()
    await flushPromises()
    document.querySelector<HTMLElement>('[data-testid="version-restore-1"]')!.click()
    await flushPromises()

    expect(http.post).toHaveBeenCalledWith(`${base}/versions/1/restore`, undefined, { ifMatch: 2 })
    expect(wrapper.emitted('restored')).toHaveLength(1)
  })
})
