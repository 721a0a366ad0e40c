import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { mountOpen, resetAfterEach } from '@mosaic/ui/test-utils'
import {
  APPROVAL_HISTORY,
  approvalQueries,
  approvalSubmission,
  http,
  openTab,
  pageOf,
  testI18n,
  useDefaultDictionaries,
  withPermissions,
} from '../../test-support'
import OpportunityDetailDrawer from './OpportunityDetailDrawer.vue'
import { opportunity } from './test-fixtures'

resetAfterEach()
beforeEach(() => useDefaultDictionaries())

describe('OpportunityDetailDrawer products', () => {
  it("shows each line's product code and name, and a free-text line of old without a code", async () => {
    const o = opportunity({
      products: [
        {
          productId: 'bbbbbbbb-0000-4000-8000-000000000001',
          productCode: 'HW-001',
          productName: '工控机',
          unit: null,
          quantity: '2',
          unitPrice: '12800.50',
          amount: '25601.00',
        },
        {
          productId: null,
          productCode: null,
          productName: '手写产品',
          unit: null,
          quantity: '1',
          unitPrice: '3.50',
          amount: '3.50',
        },
      ],
      productsTotal: '25604.50',
    })
    http.get.mockImplementation(async (path: string) =>
      path === `/api/sales/opportunities/${o.id}` ? o : path.endsWith('/team') ? [] : pageOf([]),
    )
    const empty = { render: () => null }
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: empty },
        { path: '/sales/customers/:id', name: 'sales-customer-detail', component: empty },
      ],
    })
    await mountOpen(OpportunityDetailDrawer, { opportunity: o }, [
      router,
      testI18n('en'),
      withPermissions('sales.opportunity.read'),
    ])
    const rows = [...document.querySelectorAll('.el-table__body tr')].map((r) => r.textContent ?? '')
    const line = rows.find((r) => r.includes('工控机'))
    expect(line).toContain('HW-001')
    expect(line).toContain('¥25,601.00')
    const legacy = rows.find((r) => r.includes('手写产品'))
    expect(legacy).toContain('—')
    expect(document.body.textContent).toContain('¥25,604.50')
  })
})

describe('OpportunityDetailDrawer closure approval', () => {
  it('shows the approval of a closing waiting for it (docType closure, the opportunity’s id)', async () => {
    const o = opportunity({ status: 'closing' })
    http.get.mockImplementation(async (path: string) => {
      if (path === APPROVAL_HISTORY)
        return [approvalSubmission({ service: 'sales', docType: 'closure', docId: o.id, docTitle: o.name })]
      if (path === `/api/sales/opportunities/${o.id}`) return o
      return path.endsWith('/team') ? [] : pageOf([])
    })
    const empty = { render: () => null }
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: empty },
        { path: '/sales/customers/:id', name: 'sales-customer-detail', component: empty },
      ],
    })
    await mountOpen(OpportunityDetailDrawer, { opportunity: o }, [
      router,
      testI18n('en'),
      withPermissions('sales.opportunity.read'),
    ])
    await openTab('approvals')
    expect(approvalQueries()).toEqual([{ docType: 'closure', docId: o.id }])
    const panel = document.querySelector('[data-testid="approval-history"]')!
    expect(panel.textContent).toContain('部门经理审批')
    expect(panel.querySelector('[data-testid="approval-withdraw"]')).not.toBeNull()
  })
})
