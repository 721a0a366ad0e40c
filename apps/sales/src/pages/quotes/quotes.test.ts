import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { click, mountOpen, problemError, resetAfterEach, settle, type } from '@mosaic/ui/test-utils'
import { UserPicker } from '@mosaic/ui'
import { documentTotals } from '@mosaic/money'
import type { orders } from '@mosaic/schemas'
import {
  http,
  mountPage as mountPageWith,
  pageOf,
  shownInPage,
  testI18n,
  useDefaultDictionaries,
  withPermissions,
} from '../../test-support'
import QuotesPage from './QuotesPage.vue'
import QuoteFormDrawer from './QuoteFormDrawer.vue'
import { ORDERS_RESTORE_PATHS, ordersApi } from '../../ordersApi'

resetAfterEach()
beforeEach(() => useDefaultDictionaries())

const ACME = 'cccccccc-0000-4000-8000-000000000001'
const CONTACT = 'dddddddd-0000-4000-8000-000000000001'
const meta = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }
const product: orders.Product = {
  ...meta,
  version: 1,
  id: 'bbbbbbbb-0000-4000-8000-000000000001',
  code: 'HW-001',
  name: '工控机',
  categoryId: null,
  categoryName: null,
  spec: null,
  unit: 'set',
  referencePrice: '12800.50',
  taxRate: '13.00',
  safetyStock: 5,
  ownerId: null,
  ownerName: null,
  deptId: null,
  image: null,
  remark: null,
  onSale: true,
}
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
  ...meta,
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
  ownerId: '00000000-0000-4000-8000-000000000001',
  ownerName: 'Ann',
  deptId: null,
  lines: [line],
  subtotal: '25601.00',
  taxTotal: '3328.13',
  total: '28929.13',
  ...over,
})
const contact = { id: CONTACT, name: '张三', primary: true }

function answer(path: string): unknown {
  if (path === '/api/orders/quotes')
    return pageOf([
      quote(),
      quote({ id: 'eeeeeeee-0000-4000-8000-000000000002', number: 'BJ2', status: 'approved' }),
    ])
  if (path === '/api/orders/products') return pageOf([product])
  if (path === `/api/orders/products/${product.id}`) return product
  if (path === `/api/sales/customers/${ACME}/contacts`) return [contact]
  return pageOf([])
}

const mountPage = (...permissions: string[]) => mountPageWith(QuotesPage, answer, ...permissions)

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

  it('offers edit on drafts only, and delete to who may delete', async () => {
    await mountPage('orders.quote.read', 'orders.quote.create', 'orders.quote.update', 'orders.quote.delete')
    expect(shownInPage('quotes-create')).toBe(true)
    expect(shownInPage('quote-edit-BJ202601010001')).toBe(true)
    expect(shownInPage('quote-row-BJ202601010001')).toBe(true)
    expect(shownInPage('quote-edit-BJ2')).toBe(false)
    expect(shownInPage('quote-row-BJ2')).toBe(false)
    expect(shownInPage('quote-delete-BJ2')).toBe(true)
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

const pickers = (w: VueWrapper) => w.findAllComponents(UserPicker)

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
      validUntil: null,
      remark: null,
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
