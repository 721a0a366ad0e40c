import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import { ElMessageBox, ElSelect } from 'element-plus'
import { flushPromises, mount } from '@vue/test-utils'
import { click, mountOpen, problemError, settle, type } from '@mosaic/ui/test-utils'
import { documentTotals } from '@mosaic/money'
import type { orders } from '@mosaic/schemas'
import {
  ACME,
  CONTACT,
  OWNER,
  http,
  mountRoute,
  APPROVAL_HISTORY,
  approvalQueries,
  approvalSubmission,
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
import salesModule from '../../routes'
import QuoteFormDrawer from './QuoteFormDrawer.vue'
import OpportunitySelect from '../../components/OpportunitySelect.vue'
import { ORDERS_RESTORE_PATHS, ordersApi } from '../../ordersApi'

usePageTests()

const product = productFixture()
const line: orders.QuoteLine = {
  productId: product.id,
  productCode: product.code,
  productName: product.name,
  unit: 'set',
  quantity: '2',
  unitPrice: '12800.50',
  discountPercent: '0',
  taxRate: '13',
  net: '25601.00',
  tax: '3328.13',
  total: '28929.13',
}
const quote = (over: Partial<orders.Quote> = {}): orders.Quote => ({
  ...stamps,
  attachments: [],
  id: 'eeeeeeee-0000-4000-8000-000000000001',
  version: 2,
  number: 'BJ202601010001',
  status: 'draft',
  customerId: ACME,
  customerName: 'Acme 公司',
  contactId: CONTACT,
  contactName: '张三',
  contactPhone: null,
  opportunityId: null,
  opportunityName: null,
  validUntil: '2026-02-01',
  remark: null,
  ownerId: OWNER,
  ownerName: 'Ann',
  deptId: null,
  lines: [line],
  subtotal: '25601.00',
  taxTotal: '3328.13',
  total: '28929.13',
  ...over,
})
const contact = { id: CONTACT, name: '张三', primary: true }
const DEAL = 'ffffffff-0000-4000-8000-000000000001'
const deal = { id: DEAL, name: '二期扩容', status: 'open' }

function answer(path: string): unknown {
  if (path === '/api/orders/quotes')
    return pageOf([
      quote(),
      quote({ id: 'eeeeeeee-0000-4000-8000-000000000002', number: 'BJ2', status: 'approved' }),
    ])
  if (path === '/api/orders/products') return pageOf([product])
  if (path === `/api/orders/products/${product.id}`) return product
  if (path === `/api/sales/customers/${ACME}/contacts`) return [contact]
  if (path === '/api/sales/opportunities') return pageOf([deal])
  return pageOf([])
}

/** A sales page at `path` under the module's routes(the quotes page reads `?open=` and links to the print view). */
async function visit(path: string, ...permissions: string[]) {
  const mounted = await mountRoute(path, ...permissions)
  await settle()
  return mounted
}
const mountPage = (...permissions: string[]) => {
  http.get.mockImplementation(async (path: string) => answer(path))
  return visit('/sales/quotes', ...permissions)
}
/** Answers the confirmation box with OK. */
const confirmYes = () => vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)

describe('quotes page', () => {
  it('lists quotes with names, money and the translated status, never ids', async () => {
    const { wrapper, warnings } = await mountPage('orders.quote.read')
    const text = wrapper.text()
    expect(text).toContain('Quotes')
    expect(text).toContain('BJ202601010001')
    expect(text).toContain('Acme 公司')
    expect(text).toContain('张三')
    expect(text).toContain('¥28,929.13')
    expect(text).toContain('Draft')
    expect(text).toContain('Approved')
    expect(text).toContain('Ann')
    expect(text).not.toContain(ACME)
    expect(text).not.toContain(CONTACT)
    expect(warnings).toEqual([])
    for (const id of ['quotes-create', 'quote-edit-BJ202601010001', 'quote-delete-BJ202601010001'])
      expect(shownInPage(id), id).toBe(false)
  })

  it('offers edit and delete on drafts only, to who may do them; every number opens the details', async () => {
    await mountPage('orders.quote.read', 'orders.quote.create', 'orders.quote.update', 'orders.quote.delete')
    expect(shownInPage('quotes-create')).toBe(true)
    expect(shownInPage('quote-edit-BJ202601010001')).toBe(true)
    expect(shownInPage('quote-row-BJ202601010001')).toBe(true)
    expect(shownInPage('quote-delete-BJ202601010001')).toBe(true)
    expect(shownInPage('quote-edit-BJ2')).toBe(false)
    expect(shownInPage('quote-row-BJ2')).toBe(true)
    expect(shownInPage('quote-delete-BJ2')).toBe(false)
  })

  it('searches by the keyword through the list query', async () => {
    await mountPage('orders.quote.read')
    http.get.mockClear()
    type('filter-q', 'BJ2026')
    click('list-search')
    await flushPromises()
    const calls = http.get.mock.calls.filter((c) => c[0] === '/api/orders/quotes')
    expect(calls.at(-1)?.[1]).toEqual(
      expect.objectContaining({ query: expect.objectContaining({ q: 'BJ2026' }) }),
    )
  })
})

describe('quote form', () => {
  it('creates a quote with the customer, its contact and a priced line, previewing documentTotals', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    http.post.mockResolvedValue(quote())
    const w = await mountOpen(QuoteFormDrawer, { quote: null }, [
      testI18n('en'),
      withPermissions('orders.quote.create'),
    ])
    pickers(w)[0]!.vm.$emit('update:modelValue', ACME)
    pickers(w)[0]!.vm.$emit('picked', { id: ACME, displayName: 'Acme 公司' })
    await flushPromises()
    click('line-add')
    await flushPromises()
    const productPicker = pickers(w)[1]!
    productPicker.vm.$emit('update:modelValue', product.id)
    productPicker.vm.$emit('picked', { id: product.id, displayName: product.name, username: product.code })
    await flushPromises()
    type('line-quantity-0', '3')
    type('line-discount-0', '10')
    await flushPromises()

    const expected = documentTotals([
      { quantity: '3', unitPrice: '12800.50', discountPercent: '10', taxRate: '13.00' },
    ])
    const fmt = (v: string) => `¥${v.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`
    expect(document.querySelector('[data-testid="line-total-0"]')!.textContent).toBe(fmt(expected.total))
    const totals = document.querySelector('[data-testid="quote-totals"]')!.textContent!
    expect(totals).toContain(fmt(expected.subtotal))
    expect(totals).toContain(fmt(expected.tax))
    expect(totals).toContain(fmt(expected.total))

    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledWith('/api/orders/quotes', {
      customerId: ACME,
      contactId: CONTACT,
      opportunityId: null,
      validUntil: null,
      remark: null,
      attachments: [],
      lines: [
        {
          productId: product.id,
          quantity: '3',
          unitPrice: '12800.50',
          discountPercent: '10',
          taxRate: '13.00',
        },
      ],
    })
  })

  it('asks for a line before sending', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    const w = await mountOpen(QuoteFormDrawer, { quote: null }, [testI18n('en')])
    pickers(w)[0]!.vm.$emit('update:modelValue', ACME)
    await flushPromises()
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('Add at least one product line')
  })

  it('edits a draft with If-Match and shows the server error on its line', async () => {
    http.get.mockImplementation(async (p: string) =>
      p === `/api/orders/quotes/${quote().id}` ? quote() : answer(p),
    )
    http.patch.mockRejectedValue(
      problemError({
        status: 400,
        errors: [{ field: 'lines.0.productId', message: 'The product is not on sale' }],
      }),
    )
    const w = await mountOpen(QuoteFormDrawer, { quote: quote() }, [testI18n('en')])
    expect(pickers(w)[0]!.text()).toContain('Acme 公司')
    expect(pickers(w)[1]!.text()).toContain('工控机')
    expect(document.querySelector('[data-testid="quote-totals"]')!.textContent).toContain('¥28,929.13')
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.patch).toHaveBeenCalledWith(
      `/api/orders/quotes/${quote().id}`,
      expect.objectContaining({
        customerId: ACME,
        lines: [expect.objectContaining({ productId: product.id, quantity: '2' })],
      }),
      { ifMatch: 2 },
    )
    const item = document.querySelector('[data-testid="quote-line-0"]')!
    expect(item.textContent).toContain('The product is not on sale')
  })
})

describe('quotes in the orders recycle bin', () => {
  it('restores a deleted quote through its own route', async () => {
    http.post.mockResolvedValue(quote())
    expect(ORDERS_RESTORE_PATHS.quote).toBe('quotes')
    await ordersApi.restore('quotes', quote().id)
    expect(http.post).toHaveBeenCalledWith(`/api/orders/quotes/${quote().id}/restore`)
  })
})

describe('a quote through approval: actions by status, details, print', () => {
  const ALL = ['orders.quote.read', 'orders.quote.update', 'orders.quote.submit', 'orders.quote.delete']
  const byStatus = [
    quote({ id: 'eeeeeeee-0000-4000-8000-00000000000a', number: 'Q-DRAFT', status: 'draft' }),
    quote({
      id: 'eeeeeeee-0000-4000-8000-00000000000b',
      number: 'Q-PENDING',
      status: 'pending',
      attachments: [
        {
          id: 'ffffffff-0000-4000-8000-000000000001',
          name: '询价单.pdf',
          size: 120,
          contentType: 'application/pdf',
        },
      ],
    }),
    quote({ id: 'eeeeeeee-0000-4000-8000-00000000000c', number: 'Q-APPROVED', status: 'approved' }),
    quote({ id: 'eeeeeeee-0000-4000-8000-00000000000d', number: 'Q-REJECTED', status: 'rejected' }),
    quote({ id: 'eeeeeeee-0000-4000-8000-00000000000e', number: 'Q-SENT', status: 'sent' }),
    quote({ id: 'eeeeeeee-0000-4000-8000-00000000000f', number: 'Q-EXPIRED', status: 'expired' }),
  ]
  const find = (number: string) => byStatus.find((q) => q.number === number)!
  const answerAll = (path: string) => {
    if (path === '/api/orders/quotes') return pageOf(byStatus)
    const one = byStatus.find((q) => path === `/api/orders/quotes/${q.id}`)
    return one ?? answer(path)
  }
  /** The actions a row offers (inline, or in its "more" menu). */
  const offered = (number: string) =>
    ['edit', 'submit', 'send', 'accept', 'print', 'delete'].filter((a) => shownInPage(`quote-${a}-${number}`))
  const visitAll = (path: string, ...permissions: string[]) => {
    http.get.mockImplementation(async (p: string) => answerAll(p))
    return visit(path, ...permissions)
  }

  it('offers each status its actions: submit a draft or rejected one, send approved, accept sent', async () => {
    const { wrapper, warnings } = await visitAll('/sales/quotes', ...ALL)
    const text = wrapper.text()
    for (const label of ['Pending approval', 'Approved', 'Rejected', 'Sent', 'Expired'])
      expect(text).toContain(label)
    expect(offered('Q-DRAFT')).toEqual(['edit', 'submit', 'print', 'delete'])
    expect(offered('Q-PENDING')).toEqual(['print'])
    expect(offered('Q-APPROVED')).toEqual(['send', 'print'])
    expect(offered('Q-REJECTED')).toEqual(['edit', 'submit', 'print'])
    expect(offered('Q-SENT')).toEqual(['accept', 'print'])
    expect(offered('Q-EXPIRED')).toEqual(['print'])
    expect(warnings).toEqual([])
  })

  it('hides submit from who may not submit, and send/accept from who may not update', async () => {
    const first = await visitAll('/sales/quotes', 'orders.quote.read', 'orders.quote.update')
    expect(offered('Q-DRAFT')).toEqual(['edit', 'print'])
    first.wrapper.unmount()
    await visitAll('/sales/quotes', 'orders.quote.read', 'orders.quote.submit')
    expect(offered('Q-DRAFT')).toEqual(['submit', 'print'])
    expect(offered('Q-APPROVED')).toEqual(['print'])
    expect(offered('Q-SENT')).toEqual(['print'])
  })

  it('submits for approval with If-Match after confirming, and shows the answer', async () => {
    confirmYes()
    http.post.mockResolvedValue({ ...find('Q-DRAFT'), status: 'pending', version: 3 })
    await visitAll('/sales/quotes', ...ALL)
    click('quote-submit-Q-DRAFT')
    await flushPromises()
    await settle()
    expect(ElMessageBox.confirm).toHaveBeenCalledWith(
      expect.stringContaining('Q-DRAFT'),
      'Submit for approval',
      expect.anything(),
    )
    expect(http.post).toHaveBeenCalledWith(`/api/orders/quotes/${find('Q-DRAFT').id}/submit`, undefined, {
      ifMatch: 2,
    })
    expect(document.body.textContent).toContain('Submitted for approval')
  })

  it('sends an approved quote and marks a sent one accepted', async () => {
    confirmYes()
    http.post.mockResolvedValue(find('Q-SENT'))
    await visitAll('/sales/quotes', ...ALL)
    click('quote-send-Q-APPROVED')
    await flushPromises()
    await settle()
    click('quote-accept-Q-SENT')
    await flushPromises()
    await settle()
    expect(http.post.mock.calls.map((c) => c[0])).toEqual([
      `/api/orders/quotes/${find('Q-APPROVED').id}/send`,
      `/api/orders/quotes/${find('Q-SENT').id}/accept`,
    ])
  })

  it('opens the quote named by ?open= (the approval center’s link) with its details and actions', async () => {
    const pending = find('Q-PENDING')
    const { warnings } = await visitAll(`/sales/quotes?open=${pending.id}`, ...ALL)
    const drawer = document.querySelector('[data-testid="history-drawer"]')!
    expect(drawer.textContent).toContain('Quote Q-PENDING')
    expect(document.querySelector('[data-testid="quote-detail-status"]')!.textContent).toContain(
      'Pending approval',
    )
    expect(document.querySelector('[data-testid="quote-pending"]')!.textContent).toContain(
      'Waiting for approval',
    )
    const text = drawer.textContent!
    for (const shown of ['Acme 公司', '张三', '2026-02-01', 'Ann', '工控机', 'HW-001', '¥12,800.50', '13%'])
      expect(text).toContain(shown)
    const totals = document.querySelector('[data-testid="quote-detail-totals"]')!.textContent!
    for (const money of ['¥25,601.00', '¥3,328.13', '¥28,929.13']) expect(totals).toContain(money)
    expect(document.querySelector('[data-testid="quote-detail-attachments"]')!.textContent).toContain(
      '询价单.pdf',
    )
    expect(text).not.toContain(ACME)
    const actions = document.querySelector('[data-testid="quote-detail-actions"]')!.textContent!
    expect(actions).toContain('Print')
    expect(actions).not.toContain('Submit for approval')
    expect(actions).not.toContain('Edit')
    expect(warnings).toEqual([])
  })

  it('shows the quote’s approvals; withdrawing one re-reads the quote, back to draft', async () => {
    const pending = find('Q-PENDING')
    const submission = approvalSubmission({ docId: pending.id, docNumber: 'Q-PENDING' })
    let status: orders.QuoteStatus = 'pending'
    http.get.mockImplementation(async (p: string) => {
      if (p === APPROVAL_HISTORY)
        return [{ ...submission, status: status === 'pending' ? 'pending' : 'withdrawn' }]
      if (p === `/api/orders/quotes/${pending.id}`) return { ...pending, status }
      return answerAll(p)
    })
    await visit(`/sales/quotes?open=${pending.id}`, ...ALL)
    await openTab('approvals')
    expect(approvalQueries()).toEqual([{ docType: 'quote', docId: pending.id }])
    const panel = document.querySelector('[data-testid="approval-history"]')!
    expect(panel.textContent).toContain('部门经理审批')
    expect(panel.textContent).toContain('李经理')

    confirmYes()
    http.post.mockImplementation(async () => {
      status = 'draft'
      return { ...submission, status: 'withdrawn' }
    })
    http.get.mockClear()
    click('approval-withdraw')
    await flushPromises()
    expect(http.post.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      [`/api/admin/approvals/instances/${submission.id}/withdraw`, {}],
    ])
    expect(http.get.mock.calls.map((c) => c[0])).toContain(`/api/orders/quotes/${pending.id}`)
    expect(document.querySelector('[data-testid="quote-detail-status"]')!.textContent).toContain('Draft')
  })

  it('prints a clean document: title, number, parties, lines, totals, remark; Print calls window.print', async () => {
    const print = vi.fn()
    Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true })
    const q = find('Q-APPROVED')
    q.remark = '含安装调试'
    q.contactPhone = '13800000000'
    const { warnings } = await visitAll(`/sales/quotes/${q.id}/print`, 'orders.quote.read')
    const doc = document.querySelector('[data-testid="quote-document"]')!.textContent!
    for (const shown of [
      'Quotation',
      'Q-APPROVED',
      '2026-01-01',
      '2026-02-01',
      'Acme 公司',
      '张三',
      '13800000000',
    ])
      expect(doc).toContain(shown)
    expect(document.querySelector('[data-testid="quote-doc-lines"]')!.textContent).toContain('工控机')
    expect(document.querySelector('[data-testid="quote-doc-totals"]')!.textContent).toContain('¥28,929.13')
    expect(doc).toContain('含安装调试')
    expect(doc).not.toContain(ACME)
    click('quote-print')
    expect(print).toHaveBeenCalledTimes(1)
    expect(warnings).toEqual([])
  })

  it('prints in Chinese as 报价单', async () => {
    http.get.mockImplementation(async (p: string) => answerAll(p))
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/sales', children: salesModule.routes }],
    })
    await router.push(`/sales/quotes/${find('Q-SENT').id}/print`)
    mount(defineComponent({ setup: () => () => h(RouterView) }), {
      global: { plugins: [testI18n('zh-CN'), router, withPermissions('orders.quote.read')] },
      attachTo: document.body,
    })
    await flushPromises()
    expect(document.querySelector('[data-testid="quote-document"]')!.textContent).toContain('报价单')
  })

  it('the draft drawer offers the chosen customer’s opportunities and sends the one picked', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    http.patch.mockResolvedValue(quote({ opportunityId: DEAL, opportunityName: deal.name }))
    const first = await mountOpen(QuoteFormDrawer, { quote: quote() }, [testI18n('en')])
    await flushPromises()
    first.unmount()
    const listed = http.get.mock.calls.filter((c) => c[0] === '/api/sales/opportunities')
    expect(listed.at(-1)?.[1]).toEqual({ query: expect.objectContaining({ customerId: ACME }) })
    const w = await mountOpen(QuoteFormDrawer, { quote: quote() }, [testI18n('en')])
    await flushPromises()
    w.findComponent(OpportunitySelect).findComponent(ElSelect).vm.$emit('update:modelValue', DEAL)
    await flushPromises()
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.patch).toHaveBeenCalledWith(
      `/api/orders/quotes/${quote().id}`,
      expect.objectContaining({ customerId: ACME, contactId: CONTACT, opportunityId: DEAL }),
      { ifMatch: 2 },
    )
  })

  it('clears an opportunity that is not the newly chosen customer’s', async () => {
    http.get.mockImplementation(async (p: string, o?: { query?: { customerId?: string } }) =>
      p === '/api/sales/opportunities' && o?.query?.customerId !== ACME
        ? pageOf([])
        : p.endsWith('/contacts') && !p.includes(ACME)
          ? []
          : answer(p),
    )
    const w = await mountOpen(
      QuoteFormDrawer,
      { quote: quote({ opportunityId: DEAL, opportunityName: deal.name }) },
      [testI18n('en')],
    )
    await flushPromises()
    const select = () => w.findComponent(OpportunitySelect)
    expect(select().props('modelValue')).toBe(DEAL)
    pickers(w)[0]!.vm.$emit('update:modelValue', 'cccccccc-0000-4000-8000-000000000002')
    await flushPromises()
    expect(select().props('modelValue')).toBeNull()
  })
})
