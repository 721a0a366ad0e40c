import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ElMessageBox } from 'element-plus'
import { click, mountOpen, settle, type } from '@mosaic/ui/test-utils'
import { documentTotalsTaxIncluded } from '@mosaic/money'
import type { orders } from '@mosaic/schemas'
import {
  ACME,
  CONTACT,
  OWNER,
  APPROVAL_HISTORY,
  approvalQueries,
  approvalSubmission,
  http,
  openTab,
  pageOf,
  pickers,
  productFixture,
  shownInPage,
  stamps,
  testI18n,
  usePageTests,
  withPermissions,
} from '../../test-support'
import { ORDERS_RESTORE_PATHS, ordersApi } from '../../ordersApi'
import ContractsPage from './ContractsPage.vue'
import { contractCloseUnmet } from './contractActions'
import { contracts as zhContracts } from '../../messages/zh-CN.contracts'
import ContractFormDrawer from './ContractFormDrawer.vue'
import ContractRevisions from './ContractRevisions.vue'

usePageTests()

const product = productFixture({ referencePrice: '1000.00', safetyStock: 0 })
const line: orders.ContractLine = {
  productId: product.id,
  productCode: product.code,
  productName: product.name,
  unit: 'set',
  quantity: '2.0000',
  unitPrice: '1130.00',
  discountPercent: '0.00',
  taxRate: '13.00',
  net: '2000.00',
  tax: '260.00',
  total: '2260.00',
}
const values: orders.ContractValues = {
  name: '二期设备采购',
  customerId: ACME,
  customerName: 'Acme 公司',
  contactId: CONTACT,
  contactName: '张三',
  contactPhone: '13800000000',
  quoteId: null,
  quoteNumber: null,
  paymentMethod: 'transfer',
  prepayRatio: '30.00',
  retentionRatio: '5.00',
  warrantyMonths: 12,
  invoiceType: 'vat_special',
  invoiceTitle: 'Acme 公司',
  invoiceTaxNumber: '91310000MA1FL0000X',
  invoiceAddressPhone: null,
  invoiceBank: '招商银行',
  invoiceAccount: '6214830000000000',
  deliveryDate: '2027-01-15',
  consignee: '李四',
  consigneePhone: '13900000000',
  deliveryAddress: '上海市张江路 1 号',
  signDate: '2026-12-05',
  startDate: '2026-12-05',
  endDate: '2027-12-04',
  remark: null,
  attachments: [],
  lines: [line],
  subtotal: '2000.00',
  taxTotal: '260.00',
  total: '2260.00',
}
const contract = (over: Partial<orders.Contract> = {}): orders.Contract => ({
  ...stamps,
  ...values,
  id: 'eeeeeeee-0000-4000-8000-000000000001',
  version: 3,
  number: 'HT202612050001',
  status: 'draft',
  revision: 0,
  ownerId: OWNER,
  ownerName: 'Ann',
  deptId: null,
  pendingChange: null,
  endReason: null,
  receivable: null,
  openTickets: [],
  closedAt: null,
  closedBy: null,
  closeNote: null,
  closeDate: null,
  locked: false,
  ...over,
})
const DRAFT = contract()
const LIVE = contract({
  id: 'eeeeeeee-0000-4000-8000-000000000002',
  number: 'HT202612050002',
  status: 'approved',
  revision: 1,
  pendingChange: {
    id: 'ffffffff-0000-4000-8000-000000000001',
    reason: '追加',
    total: '3390.00',
    createdAt: stamps.createdAt,
    createdByName: 'Ann',
  },
})
const WAITING = contract({ id: 'eeeeeeee-0000-4000-8000-000000000003', number: 'HT3', status: 'pending' })
/** In force, partly collected and fully invoiced by finance's last report. */
const PART = contract({
  id: 'eeeeeeee-0000-4000-8000-000000000004',
  number: 'HT4',
  status: 'approved',
  revision: 1,
  receivable: { received: '1000.00', invoiced: '2260.00', outstanding: '1260.00', collectedPercent: '44.24' },
  openTickets: ['GD202612050001', 'GD202612050002'],
})
const quote: orders.Quote = {
  ...stamps,
  attachments: [],
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  version: 1,
  number: 'BJ202612010001',
  status: 'approved',
  customerId: ACME,
  customerName: 'Acme 公司',
  contactId: CONTACT,
  contactName: '张三',
  contactPhone: null,
  opportunityId: null,
  opportunityName: null,
  validUntil: null,
  remark: null,
  ownerId: OWNER,
  ownerName: 'Ann',
  deptId: null,
  lines: [{ ...line, unitPrice: '1000.00', quantity: '2.0000' }],
  subtotal: '2000.00',
  taxTotal: '260.00',
  total: '2260.00',
}
const ORDERS_DEPENDANT: orders.ContractDependants = {
  dependants: [
    { kind: 'order', count: 2, examples: ['XS0001', 'XS0002'] },
    { kind: 'receivable', count: 3, examples: [] },
  ],
  canDelete: false,
  canVoid: false,
  canTerminate: true,
}

function answer(path: string): unknown {
  if (path === '/api/orders/contracts') return pageOf([DRAFT, LIVE, WAITING, PART])
  if (path === '/api/orders/contracts/closing') return { approvalRequired: false, requiredFields: [] }
  for (const c of [DRAFT, LIVE, WAITING, PART]) {
    if (path === `/api/orders/contracts/${c.id}`) return c
    if (path === `/api/orders/contracts/${c.id}/changes`) return []
    if (path === `/api/orders/contracts/${c.id}/revisions`) return []
  }
  if (path === `/api/orders/contracts/${LIVE.id}/dependants`) return ORDERS_DEPENDANT
  if (path === `/api/orders/contracts/${DRAFT.id}/dependants`)
    return { dependants: [], canDelete: true, canVoid: false, canTerminate: false }
  if (path === '/api/orders/quotes')
    return pageOf([quote, { ...quote, id: 'x', number: 'BJ-DRAFT', status: 'draft' }])
  if (path === `/api/orders/quotes/${quote.id}`) return quote
  if (path === '/api/orders/products') return pageOf([product])
  if (path === `/api/orders/products/${product.id}`) return product
  if (path === `/api/sales/customers/${ACME}/contacts`) return [{ id: CONTACT, name: '张三', primary: true }]
  return pageOf([])
}

const ALL = [
  'orders.contract.read',
  'orders.contract.create',
  'orders.contract.update',
  'orders.contract.submit',
  'orders.contract.void',
  'orders.contract.terminate',
  'orders.contract.delete',
]

/** The page under a router at `/sales/contracts<query>`, as the shell mounts it. */
async function mountPage(query = '', ...permissions: string[]) {
  http.get.mockImplementation(async (p: string) => answer(p))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sales/contracts', component: ContractsPage },
      { path: '/sales/orders', component: { render: () => null } },
    ],
  })
  await router.push(`/sales/contracts${query}`)
  const warnings: string[] = []
  const wrapper = mount(ContractsPage, {
    global: {
      plugins: [testI18n('en'), router, withPermissions(...permissions)],
      config: { warnHandler: (msg) => void warnings.push(msg) },
    },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, warnings, router }
}

async function clickBox(selector: string) {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 20))
  const button = document.querySelector<HTMLElement>(`.el-message-box__btns ${selector}`)
  if (!button) throw new Error(`no ${selector} in the message box`)
  button.click()
  await flushPromises()
}

describe('contracts page', () => {
  it('lists contracts with names, money, status and change state — never ids, no actions without permission', async () => {
    const { wrapper, warnings } = await mountPage('', 'orders.contract.read')
    const text = wrapper.text()
    for (const shown of [
      'Contracts',
      'HT202612050001',
      '二期设备采购',
      'Acme 公司',
      '¥2,260.00',
      'Draft',
      'In force',
    ])
      expect(text).toContain(shown)
    expect(text).toContain('In approval')
    expect(text).toContain('Change in approval')
    expect(text).toContain('2026-12-05')
    expect(text).toContain('Ann')
    expect(text).not.toContain(ACME)
    expect(text).not.toContain(OWNER)
    expect(warnings).toEqual([])
    for (const id of ['contracts-create', 'contract-edit-HT202612050001', 'contract-delete-HT202612050001'])
      expect(shownInPage(id), id).toBe(false)
  })

  it('offers actions by state: draft edit/submit/delete, in force void/terminate (change waits), pending none', async () => {
    await mountPage('', ...ALL)
    expect(shownInPage('contracts-create')).toBe(true)
    expect(shownInPage('contract-edit-HT202612050001')).toBe(true)
    expect(shownInPage('contract-submit-HT202612050001')).toBe(true)
    // A change already waits on LIVE: no second one.
    expect(shownInPage('contract-change-HT202612050002')).toBe(false)
    expect(shownInPage('contract-edit-HT202612050002')).toBe(false)
    expect(shownInPage('contract-void-HT202612050002')).toBe(true)
    expect(document.querySelector('[data-testid="contract-more-HT3"]')).toBeNull()
    expect(shownInPage('contract-edit-HT3')).toBe(false)
  })

  it('filters through the list query (keyword, status)', async () => {
    await mountPage('', 'orders.contract.read')
    http.get.mockClear()
    type('filter-q', 'HT2026')
    click('list-search')
    await flushPromises()
    const calls = http.get.mock.calls.filter((c) => c[0] === '/api/orders/contracts')
    expect(calls.at(-1)?.[1]).toEqual(
      expect.objectContaining({ query: expect.objectContaining({ q: 'HT2026' }) }),
    )
  })

  it('opens the contract named by ?open=<id> with its groups, lines, totals and actions', async () => {
    await mountPage(`?open=${LIVE.id}`, ...ALL)
    await settle()
    const detail = document.querySelector('[data-testid="contract-detail"]')!
    expect(detail.textContent).toContain('HT202612050002 二期设备采购')
    // Dictionary values by their labels (the dictionary's own locale), never their codes.
    for (const shown of ['Payment terms', 'Invoice details', 'Delivery', '30.00%', '转账', '专票', '李四'])
      expect(detail.textContent).toContain(shown)
    expect(detail.textContent).not.toContain('vat_special')
    expect(detail.textContent).toContain('Change in approval')
    expect(detail.textContent).not.toContain(ACME)
    expect(shownInPage('contract-detail-void')).toBe(true)
    expect(shownInPage('contract-detail-terminate')).toBe(true)
    expect(shownInPage('contract-detail-change')).toBe(false)
    expect(document.querySelector('[data-testid="contract-totals"]')!.textContent).toContain('¥2,260.00')
  })

  it('an approved contract offers "create order" to who may create orders; it opens the orders page with the contract', async () => {
    const without = await mountPage('', ...ALL)
    expect(document.querySelector('[data-testid="contract-order-HT202612050002"]')).toBeNull()
    without.wrapper.unmount()
    const { router } = await mountPage(`?open=${LIVE.id}`, ...ALL, 'orders.order.create')
    await settle()
    expect(shownInPage('contract-order-HT202612050001')).toBe(false)
    expect(shownInPage('contract-order-HT3')).toBe(false)
    const button = document.querySelector<HTMLElement>('[data-testid="contract-detail-order"]')!
    expect(button.textContent).toContain('Create order')
    button.click()
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/sales/orders')
    expect(router.currentRoute.value.query).toEqual({ contract: LIVE.id, contractLabel: LIVE.number })
  })

  it('shows the approvals of the contract and of each change; a withdrawn one re-reads the contract', async () => {
    const change = {
      id: LIVE.pendingChange!.id,
      contractId: LIVE.id,
      status: 'pending',
      reason: '追加',
    } as unknown as orders.ContractChange
    let status: orders.ContractStatus = 'pending'
    const pendingOne = { ...WAITING }
    http.get.mockImplementation(async (p: string, opts?: { query?: { docType?: string } }) => {
      if (p === APPROVAL_HISTORY)
        return opts?.query?.docType === 'contract'
          ? [
              approvalSubmission({
                docType: 'contract',
                docId: WAITING.id,
                status: status === 'pending' ? 'pending' : 'withdrawn',
              }),
            ]
          : [
              approvalSubmission({
                id: 'abababab-0000-4000-8000-000000000002',
                docType: 'contract-change',
                docId: change.id,
                status: 'rejected',
                decidedAt: '2026-03-03T00:00:00Z',
              }),
            ]
      if (p === `/api/orders/contracts/${WAITING.id}`) return { ...pendingOne, status }
      if (p === `/api/orders/contracts/${WAITING.id}/changes`) return [change]
      return answer(p)
    })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/sales/contracts', component: ContractsPage }],
    })
    await router.push(`/sales/contracts?open=${WAITING.id}`)
    mount(ContractsPage, {
      global: { plugins: [testI18n('en'), router, withPermissions(...ALL)] },
      attachTo: document.body,
    })
    await flushPromises()
    await openTab('approvals')
    expect(approvalQueries()).toEqual([
      { docType: 'contract', docId: WAITING.id },
      { docType: 'contract-change', docId: change.id },
    ])
    const panel = document.querySelector('[data-testid="contract-approvals"]')!
    expect(panel.querySelectorAll('[data-testid="approval-history"]')).toHaveLength(2)
    expect(panel.textContent).toContain('Change: 追加')

    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    http.post.mockImplementation(async () => {
      status = 'draft'
      return approvalSubmission({ docType: 'contract', docId: WAITING.id, status: 'withdrawn' })
    })
    http.get.mockClear()
    panel.querySelector<HTMLElement>('[data-testid="approval-withdraw"]')!.click()
    await flushPromises()
    const read = http.get.mock.calls.map((c) => c[0])
    expect(read).toContain(`/api/orders/contracts/${WAITING.id}`)
    expect(read).toContain('/api/orders/contracts')
    expect(document.querySelector('[data-testid="contract-detail"]')!.textContent).toContain('Draft')
    confirm.mockRestore()
  })

  it('a refused delete says why, naming the dependants, and offers terminate instead (reason required)', async () => {
    await mountPage('', ...ALL)
    click('contract-delete-HT202612050002')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    const box = document.querySelector('.el-message-box')!
    expect(box.textContent).toContain('Sales orders: 2 (XS0001, XS0002)')
    // Finance's kinds come as a count.
    expect(box.textContent).toContain('Payments: 3')
    expect(box.textContent).toContain('Terminate instead')
    await clickBox('.el-button--primary')
    await settle()
    expect(http.delete).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('Terminate contract HT202612050002')
    expect(document.body.textContent).toContain(
      'Depending on this contract: Sales orders: 2 (XS0001, XS0002)',
    )
    // No reason, no call.
    const submit = [...document.querySelectorAll<HTMLElement>('.el-dialog .el-button--primary')].at(-1)!
    submit.click()
    await flushPromises()
    await settle()
    expect(http.post).not.toHaveBeenCalled()
    http.post.mockResolvedValue(contract({ ...LIVE, status: 'terminated' }))
    type('field-reason', '对方违约')
    await flushPromises()
    submit.click()
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledWith(
      `/api/orders/contracts/${LIVE.id}/terminate`,
      { reason: '对方违约' },
      expect.objectContaining({ ifMatch: LIVE.version }),
    )
  })

  it('shows finance’s collected % in the list (a dash before finance reports) and the money on the contract', async () => {
    const { wrapper } = await mountPage(`?open=${PART.id}`, 'orders.contract.read')
    await settle()
    expect(wrapper.text()).toContain('44.24%')
    expect(wrapper.text()).toContain('—')
    const detail = document.querySelector('[data-testid="contract-detail"]')!.textContent!
    for (const shown of ['Received', '¥1,000.00', 'Invoiced', 'Outstanding', '¥1,260.00', 'Collected %'])
      expect(detail).toContain(shown)
    // Closing is a permission of its own.
    expect(shownInPage('contract-detail-close')).toBe(false)
  })

  it('closes (结单) a contract in force: unmet preconditions in words first, then a forced close with a reason', async () => {
    http.post.mockResolvedValue({ ...PART, status: 'closing' })
    await mountPage(`?open=${PART.id}`, ...ALL, 'orders.contract.close')
    await settle()
    click('contract-detail-close')
    await settle()
    const unmet = document.querySelector('[data-testid="contract-close-unmet"]')!.textContent!
    expect(unmet).toContain('The contract is not fully collected (¥1,000.00 received of ¥2,260.00).')
    expect(unmet).not.toContain('invoiced')
    expect(unmet).toContain('Open tickets about the contract: 2 (GD202612050001, GD202612050002).')
    type('field-overrideReason', '客户破产，尾款核销')
    await flushPromises()
    expect(document.querySelector('[data-testid="dialog-submit"]')!.textContent).toContain(
      'Request forced close',
    )
    click('dialog-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledWith(
      `/api/orders/contracts/${PART.id}/close`,
      expect.objectContaining({
        overrideReason: '客户破产，尾款核销',
        closeDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
      { ifMatch: 3 },
    )
  })

  it('voiding a contract already performed names what depends on it and offers terminate', async () => {
    await mountPage('', ...ALL)
    click('contract-void-HT202612050002')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    const box = document.querySelector('.el-message-box')!
    expect(box.textContent).toContain('Sales orders: 2 (XS0001, XS0002)')
    await clickBox('.el-button--primary')
    await settle()
    expect(document.body.textContent).toContain('Terminate contract HT202612050002')
    expect(http.post).not.toHaveBeenCalled()
  })

  it('deletes a draft nothing depends on after the confirmation', async () => {
    http.delete.mockResolvedValue(undefined)
    await mountPage('', ...ALL)
    click('contract-delete-HT202612050001')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    ;(document.querySelector('.mosaic-confirm-delete .el-button--danger') as HTMLElement).click()
    await flushPromises()
    expect(http.delete).toHaveBeenCalledWith(
      `/api/orders/contracts/${DRAFT.id}`,
      expect.objectContaining({ ifMatch: DRAFT.version }),
    )
  })

  it('restores a deleted contract through its own route', async () => {
    http.post.mockResolvedValue(DRAFT)
    expect(ORDERS_RESTORE_PATHS.contract).toBe('contracts')
    await ordersApi.restore('contracts', DRAFT.id)
    expect(http.post).toHaveBeenCalledWith(`/api/orders/contracts/${DRAFT.id}/restore`)
  })
})

const plugins = () => [testI18n('en'), withPermissions(...ALL)]

describe('contract drawer', () => {
  it('creates from a quote: customer, contact and lines copied with the tax added, previewed tax-included', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    http.post.mockResolvedValue(DRAFT)
    const w = await mountOpen(ContractFormDrawer, { contract: null }, plugins())
    for (const group of ['Basics', 'Payment terms', 'Invoice details', 'Delivery', 'Lines', 'Signed scans'])
      expect(document.body.textContent).toContain(group)
    const quotePicker = pickers(w)[0]!
    quotePicker.vm.$emit('update:modelValue', quote.id)
    quotePicker.vm.$emit('picked', { id: quote.id, displayName: quote.number })
    await flushPromises()
    type('field-name', '二期设备采购')
    await flushPromises()
    // 1000.00 excl. 13 % tax → 1130.00 incl.; 2 × 1130 = 2260.00, of which tax 260.00.
    const expected = documentTotalsTaxIncluded([
      { quantity: '2.0000', unitPrice: '1130.00', discountPercent: '0.00', taxRate: '13.00' },
    ])
    const totals = document.querySelector('[data-testid="quote-totals"]')!.textContent!
    expect(totals).toContain('¥2,260.00')
    expect(totals).toContain('¥260.00')
    expect(expected.tax).toBe('260.00')
    expect(document.body.textContent).toContain('Unit price incl. tax')
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledWith(
      '/api/orders/contracts',
      expect.objectContaining({
        name: '二期设备采购',
        quoteId: quote.id,
        customerId: ACME,
        contactId: CONTACT,
        lines: [
          {
            productId: product.id,
            quantity: '2.0000',
            unitPrice: '1130.00',
            discountPercent: '0.00',
            taxRate: '13.00',
          },
        ],
      }),
    )
  })

  it('refuses an end date before the start date before sending', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    await mountOpen(
      ContractFormDrawer,
      { contract: { ...DRAFT, startDate: '2027-01-02', endDate: '2027-01-01' } },
      plugins(),
    )
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.patch).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('The end date cannot be before the start date')
  })

  it('proposes a change of a contract in force with the reason (required)', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    const live = { ...LIVE, pendingChange: null }
    http.post.mockResolvedValue({})
    await mountOpen(ContractFormDrawer, { contract: live, mode: 'change' }, plugins())
    expect(document.body.textContent).toContain('Change contract')
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('Say why the contract changes')
    type('field-reason', '客户追加数量')
    type('line-quantity-0', '3')
    await flushPromises()
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledWith(
      `/api/orders/contracts/${live.id}/changes`,
      expect.objectContaining({
        reason: '客户追加数量',
        lines: [expect.objectContaining({ quantity: '3' })],
      }),
    )
    expect(http.post.mock.calls[0]![1]).not.toHaveProperty('customerId')
  })
})

describe('contract revisions', () => {
  it('shows two revisions side by side with the changed fields highlighted', async () => {
    const rev = (n: number, v: Partial<orders.ContractValues>): orders.ContractRevision => ({
      id: `aaaaaaaa-0000-4000-8000-00000000000${n}`,
      contractId: LIVE.id,
      revision: n,
      values: { ...values, ...v },
      changeId: null,
      reason: n > 1 ? '追加' : null,
      createdAt: stamps.createdAt,
      createdByName: '审批人',
    })
    http.get.mockImplementation(async () => [
      rev(1, {}),
      rev(2, {
        total: '3390.00',
        prepayRatio: '20.00',
        lines: [{ ...line, quantity: '3.0000', total: '3390.00' }],
      }),
    ])
    const w = mount(ContractRevisions, {
      props: { contractId: LIVE.id },
      global: { plugins: plugins() },
      attachTo: document.body,
    })
    await flushPromises()
    const cell = (side: string, field: string) => w.find(`[data-testid="revision-${side}-${field}"]`)
    expect(cell('left', 'total').text()).toBe('¥2,260.00')
    expect(cell('right', 'total').text()).toBe('¥3,390.00')
    expect(cell('right', 'total').attributes('data-changed')).toBe('true')
    expect(cell('right', 'prepayRatio').attributes('data-changed')).toBe('true')
    expect(cell('right', 'name').attributes('data-changed')).toBe('false')
    expect(cell('right', 'paymentMethod').text()).toBe('转账')
    expect(w.findAll('tr.revision-changed').length).toBe(3)
    expect(w.text()).not.toContain(ACME)
  })
})

describe('contractCloseUnmet', () => {
  const zh = (key: string, params: Record<string, unknown>) =>
    key === 'sales.contract.ticketsOpen'
      ? zhContracts.contract.ticketsOpen.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]))
      : key
  const paid = { received: '2260.00', invoiced: '2260.00', outstanding: '0.00', collectedPercent: '100.00' }

  it('says nothing of tickets when none is open, and names at most ten with the count of all', () => {
    expect(contractCloseUnmet(contract({ ...PART, receivable: paid, openTickets: [] }), zh)).toEqual([])
    const many = Array.from({ length: 12 }, (_, i) => `GD2026120500${String(i + 1).padStart(2, '0')}`)
    const [words] = contractCloseUnmet(contract({ ...PART, receivable: paid, openTickets: many }), zh)
    expect(words).toBe(`合同尚有 12 张未关闭的工单（${many.slice(0, 10).join(', ')}, …）`)
  })
})
