import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { resetAfterEach } from '@mosaic/ui/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ElOption } from 'element-plus'
import type { AuditEntry } from '@mosaic/schemas'
import { addMessages } from '@mosaic/web-kit'
import { messages as salesMessages } from '../../../../sales/src/messages'
import { http, testI18n } from '../../test-support'
import AuditPage from './AuditPage.vue'
// As the shell does: every remote's route module registers its record types and messages.
import '../../../../sales/src/records'

resetAfterEach()

const ALICE = '11111111-1111-4111-8111-111111111111'
const BOB = '22222222-2222-4222-8222-222222222222'
const CUSTOMER = '33333333-3333-4333-8333-333333333333'
const ROLE = '44444444-4444-4444-8444-444444444444'
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: crypto.randomUUID(),
  at: '2026-01-02T03:04:05Z',
  actorId: ALICE,
  actorName: 'alice',
  action: 'update',
  entityType: 'user',
  entityId: BOB,
  entityTitle: 'Bob (bob)',
  diff: {},
  note: null,
  requestId: null,
  names: { [ALICE]: 'Alice Wang' },
  ...over,
})
const page = (items: AuditEntry[]) => ({ items, nextCursor: null, total: items.length, totalCapped: false })

describe('AuditPage', () => {
  it("searches admin's and sales' trails as one readable list, with every record type to filter by", async () => {
    http.get.mockImplementation(async (url: string) => {
      if (url === '/api/admin/audit')
        return page([
          entry({
            at: '2026-01-02T03:04:05Z',
            diff: { roleIds: { before: [], after: [ROLE] } },
            names: { [ALICE]: 'Alice Wang', [ROLE]: '销售经理' },
          }),
        ])
      if (url === '/api/sales/audit')
        return page([
          entry({
            at: '2026-01-03T03:04:05Z',
            action: 'transfer',
            entityType: 'customer',
            entityId: CUSTOMER,
            entityTitle: 'Acme (KH001)',
            diff: { ownerId: { before: ALICE, after: BOB } },
            names: { [ALICE]: 'Alice Wang', [BOB]: 'Bob Li' },
          }),
        ])
      return []
    })
    const i18n = testI18n()
    addMessages(salesMessages)
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:p(.*)*', component: {} }],
    })
    const w = mount(AuditPage, { global: { plugins: [i18n, router] }, attachTo: document.body })
    await flushPromises()

    expect(http.get).toHaveBeenCalledWith('/api/admin/audit', expect.anything())
    expect(http.get).toHaveBeenCalledWith('/api/sales/audit', expect.anything())
    const rows = [...document.querySelectorAll('.el-table__body tr.el-table__row')].map((r) => r.textContent)
    // Newest first across services; actions, types and actors translated and named.
    expect(rows[0]).toContain('转移')
    expect(rows[0]).toContain('客户')
    expect(rows[0]).toContain('Acme (KH001)')
    expect(rows[1]).toContain('修改')
    expect(rows[1]).toContain('用户')
    expect(rows.join()).toContain('Alice Wang')
    expect(rows.join()).not.toMatch(UUID)
    // The customer opens in the sales app.
    expect(document.querySelector(`[data-testid="audit-link-${CUSTOMER}"]`)).not.toBeNull()

    const types = w.findAllComponents(ElOption).map((o) => o.props('label'))
    for (const label of ['用户', '部门', '角色', '客户', '线索', '商机', '联系人', '跟进记录'])
      expect(types).toContain(label)
  })
})
