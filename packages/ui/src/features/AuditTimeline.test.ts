import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { AuditEntry } from '@mosaic/schemas'

const get = vi.fn()
vi.mock('@mosaic/web-kit', () => ({ api: { get } }))
const { default: AuditTimeline } = await import('./AuditTimeline.vue')

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: crypto.randomUUID(),
  at: '2026-01-02T03:04:05Z',
  actorId: 'u1',
  actorName: 'Admin',
  action: 'update',
  entityType: 'user',
  entityId: 'x',
  entityTitle: null,
  diff: {},
  note: null,
  requestId: null,
  ...over,
})

describe('AuditTimeline', () => {
  it('renders who did what with the field diff', async () => {
    get.mockResolvedValue([
      entry({
        action: 'update',
        diff: { displayName: { before: 'Alice', after: 'Alicia' }, enabled: { before: true, after: false } },
      }),
      entry({ action: 'create', actorName: null }),
    ])
    const wrapper = mount(AuditTimeline, {
      props: { path: '/api/admin/users/x', fieldLabels: { displayName: '姓名' } },
    })
    await flushPromises()

    expect(get).toHaveBeenCalledWith('/api/admin/users/x/audit')
    const row = wrapper.get('tr[data-field="displayName"]')
    expect(row.get('.mosaic-diff__field').text()).toBe('姓名')
    expect(row.get('.mosaic-diff__before').text()).toBe('Alice')
    expect(row.get('.mosaic-diff__after').text()).toBe('Alicia')
    expect(wrapper.get('tr[data-field="enabled"] .mosaic-diff__after').text()).toBe('false')
    expect(wrapper.text()).toContain('Admin')
    expect(wrapper.text()).toContain('修改')
    // No actor means the system did it (e.g. data initialisation).
    expect(wrapper.text()).toContain('系统')
  })

  it('shows an empty state', async () => {
    get.mockResolvedValue([])
    const wrapper = mount(AuditTimeline, { props: { path: '/api/admin/users/y' } })
    await flushPromises()
    expect(wrapper.text()).toContain('暂无操作记录')
  })
})
