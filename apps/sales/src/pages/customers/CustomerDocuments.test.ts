import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { click, resetAfterEach } from '@mosaic/ui/test-utils'
import type { orders, sales } from '@mosaic/schemas'
import { http, pageOf, testI18n, useDefaultDictionaries, withPermissions } from '../../test-support'
import CustomerDocuments from './CustomerDocuments.vue'
import { CUSTOMER_DOCUMENT_TABS } from './customerDocuments'

resetAfterEach()
beforeEach(() => useDefaultDictionaries())

const ACME = 'cccccccc-0000-4000-8000-000000000001'
const customer = { id: ACME, name: 'Acme 公司', access: 'scope' } as sales.Customer
const quote = (over: Partial<orders.Quote>): orders.Quote => ({
  attachments: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  id: 'eeeeeeee-0000-4000-8000-000000000001',
  version: 2,
  number: 'BJ202601010001',
  status: 'approved',
  customerId: ACME,
  customerName: 'Acme 公司',
  contactId: null,
  contactName: '张三',
  contactPhone: null,
  opportunityId: null,
  opportunityName: '二期扩容',
  validUntil: '2026-02-01',
  remark: null,
  ownerId: '00000000-0000-4000-8000-000000000001',
  ownerName: 'Ann',
  deptId: null,
  lines: [
    {
      productId: 'bbbbbbbb-0000-4000-8000-000000000001',
      productCode: 'HW-001',
      productName: '工控机',
      unit: 'set',
      quantity: '2',
      unitPrice: '12800.50',
      discountPercent: '0',
      taxRate: '13',
      net: '25601.00',
      tax: '3328.13',
      total: '28929.13',
    },
  ],
  subtotal: '25601.00',
  taxTotal: '3328.13',
  total: '28929.13',
  ...over,
})
const first = quote({})
const second = quote({
  id: 'eeeeeeee-0000-4000-8000-000000000002',
  number: 'BJ202601010002',
  status: 'draft',
  total: '1000.00',
  ownerName: 'Bob',
  validUntil: null,
})

function memoryRouter() {
  const page = { template: '<div />' }
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: page },
      { path: '/sales/quotes', component: page },
    ],
  })
}

async function mountTab(router = memoryRouter()) {
  http.get.mockImplementation(async (path: string) =>
    path === '/api/orders/quotes'
      ? { ...pageOf([first, second]), total: 3 }
      : path === `/api/orders/quotes/${first.id}`
        ? first
        : pageOf([]),
  )
  const wrapper = mount(CustomerDocuments, {
    props: { customer, tab: CUSTOMER_DOCUMENT_TABS.find((d) => d.name === 'quotes')! },
    global: { plugins: [testI18n('en'), withPermissions('orders.quote.read'), router] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

describe("a customer's quotes", () => {
  it("lists the customer's quotes from orders: number, translated status, money, valid until, owner", async () => {
    const w = await mountTab()
    // The orders list call, by customer (orders applies the caller's scope).
    const call = http.get.mock.calls.find((c) => c[0] === '/api/orders/quotes')
    expect(call?.[1]).toMatchObject({ query: { customerId: ACME, limit: 100 } })
    const text = w.text()
    for (const shown of ['BJ202601010001', 'Approved', '¥28,929.13', '2026-02-01', 'Ann'])
      expect(text).toContain(shown)
    for (const shown of ['BJ202601010002', 'Draft', '¥1,000.00', 'Bob']) expect(text).toContain(shown)
    expect(text).not.toContain(first.id)
    // Three in all, two shown.
    expect(text).toContain('1 more: see the list page')
  })

  it("opens a quote's own detail from its number (where its actions are)", async () => {
    const router = memoryRouter()
    await mountTab(router)
    click('quotes-open-BJ202601010001')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/sales/quotes')
    expect(router.currentRoute.value.query).toEqual({ open: first.id })
  })
})

describe("a customer's contracts", () => {
  const contract = {
    id: 'ffffffff-0000-4000-8000-000000000001',
    number: 'HT202612050001',
    name: '二期设备采购',
    status: 'approved',
    total: '2260.00',
    signDate: '2026-12-05',
    ownerName: 'Ann',
    customerId: ACME,
  }
  async function mountContracts(router = memoryRouter()) {
    router.addRoute({ path: '/sales/contracts', component: { template: '<div />' } })
    http.get.mockImplementation(async (path: string) =>
      path === '/api/orders/contracts' ? pageOf([contract]) : pageOf([]),
    )
    const wrapper = mount(CustomerDocuments, {
      props: { customer, tab: CUSTOMER_DOCUMENT_TABS.find((d) => d.name === 'contracts')! },
      global: { plugins: [testI18n('en'), withPermissions('orders.contract.read'), router] },
      attachTo: document.body,
    })
    await flushPromises()
    return wrapper
  }

  it('is declared for who may read contracts', () => {
    const tab = CUSTOMER_DOCUMENT_TABS.find((d) => d.name === 'contracts')!
    expect(tab.permission).toBe('orders.contract.read')
  })

  it("lists the customer's contracts: number, name, translated status, money, sign date, owner", async () => {
    const w = await mountContracts()
    const call = http.get.mock.calls.find((c) => c[0] === '/api/orders/contracts')
    expect(call?.[1]).toMatchObject({ query: { customerId: ACME, limit: 100 } })
    const text = w.text()
    for (const shown of ['HT202612050001', '二期设备采购', 'In force', '¥2,260.00', '2026-12-05', 'Ann'])
      expect(text).toContain(shown)
    expect(text).not.toContain(contract.id)
  })

  it("opens the contract's own detail from its number", async () => {
    const router = memoryRouter()
    await mountContracts(router)
    click('contracts-open-HT202612050001')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/sales/contracts')
    expect(router.currentRoute.value.query).toEqual({ open: contract.id })
  })
})
