import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { click, mountOpen, settle, type } from '@mosaic/ui/test-utils'
import type { orders } from '@mosaic/schemas'
import {
  OWNER,
  http,
  mountPage as mountPageWith,
  pageOf,
  productFixture,
  shownInPage,
  stamps,
  testI18n,
  usePageTests,
  withPermissions,
} from '../../test-support'
import ProductsPage from './ProductsPage.vue'
import ProductFormDrawer from './ProductFormDrawer.vue'
import { formatMoney, formatPercent } from './productFormat'

usePageTests()

const HARDWARE = 'aaaaaaaa-0000-4000-8000-000000000001'
const SERVERS = 'aaaaaaaa-0000-4000-8000-000000000002'
const meta = { ...stamps, version: 1 }
const tree: orders.ProductCategoryNode[] = [
  {
    ...meta,
    id: HARDWARE,
    name: '硬件',
    parentId: null,
    sort: 0,
    children: [{ ...meta, id: SERVERS, name: '服务器', parentId: HARDWARE, sort: 0, children: [] }],
  },
]
const product = productFixture({
  version: 3,
  categoryId: SERVERS,
  categoryName: '服务器',
  spec: 'IPC-610',
  ownerId: OWNER,
  ownerName: 'Ann',
})

function answer(path: string): unknown {
  if (path === '/api/orders/categories') return tree
  if (path === '/api/orders/products') return pageOf([product])
  return pageOf([])
}

const mountPage = (...permissions: string[]) => mountPageWith(ProductsPage, answer, ...permissions)

describe('products page', () => {
  it('lists products with names, formatted money and percent, the sale state and the category tree', async () => {
    const { wrapper, warnings } = await mountPage('orders.product.read')
    const text = wrapper.text()
    expect(text).toContain('Products')
    expect(text).toContain('工控机')
    expect(text).toContain('服务器')
    expect(text).toContain('¥12,800.50')
    expect(text).toContain('13%')
    expect(text).toContain('On sale')
    expect(text).toContain('硬件')
    expect(text).not.toContain(SERVERS)
    expect(warnings).toEqual([])
    // A reader sees no way to change anything (v-can hides, RowActions leaves out).
    for (const id of ['products-create', 'product-off-sale-HW-001', 'category-create', 'category-edit-硬件'])
      expect(shownInPage(id), id).toBe(false)
  })

  it('offers the changes to who may make them', async () => {
    await mountPage('orders.product.read', 'orders.product.create', 'orders.product.update')
    for (const id of ['products-create', 'product-off-sale-HW-001', 'category-create', 'category-edit-硬件'])
      expect(shownInPage(id), id).toBe(true)
    expect(shownInPage('product-on-sale-HW-001')).toBe(false)
  })

  it('filters by the category picked in the tree (the service includes the ones below it)', async () => {
    const { wrapper } = await mountPage('orders.product.read')
    http.get.mockClear()
    await wrapper.get('[data-testid="category-硬件"]').trigger('click')
    await flushPromises()
    expect(http.get).toHaveBeenCalledWith(
      '/api/orders/products',
      expect.objectContaining({ query: expect.objectContaining({ categoryId: HARDWARE }) }),
    )
    http.get.mockClear()
    click('category-all')
    await flushPromises()
    const query = (http.get.mock.calls.find((c) => c[0] === '/api/orders/products')![1] as { query: object })
      .query
    expect(query).not.toHaveProperty('categoryId')
  })

  it('takes a product off sale with the version it shows', async () => {
    http.post.mockResolvedValue({ ...product, onSale: false, version: 4 })
    await mountPage('orders.product.read', 'orders.product.update')
    click('product-off-sale-HW-001')
    await flushPromises()
    expect(http.post).toHaveBeenCalledWith(`/api/orders/products/${product.id}/off-sale`, undefined, {
      ifMatch: 3,
    })
  })
})

describe('product form', () => {
  it('creates a product with the category from the tree and money as text', async () => {
    http.post.mockResolvedValue(product)
    http.get.mockResolvedValue([])
    const w = await mountOpen(ProductFormDrawer, { product: null, categories: tree }, [
      testI18n('en'),
      withPermissions('orders.product.create'),
    ])
    type('field-code', 'HW-002')
    type('field-name', 'Panel PC')
    type('field-referencePrice', '999.9')
    w.findComponent({ name: 'ElTreeSelect' }).vm.$emit('update:modelValue', SERVERS)
    await flushPromises()
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledWith(
      '/api/orders/products',
      expect.objectContaining({
        code: 'HW-002',
        name: 'Panel PC',
        categoryId: SERVERS,
        referencePrice: '999.9',
        taxRate: '13',
        safetyStock: 0,
        image: null,
      }),
    )
  })

  it('checks formats before sending: a bad code, a negative price and a tax rate over 100', async () => {
    await mountOpen(ProductFormDrawer, { product: null, categories: tree }, [testI18n('en')])
    type('field-code', 'bad code')
    type('field-name', 'x')
    type('field-referencePrice', '-5')
    type('field-taxRate', '101')
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).not.toHaveBeenCalled()
    const text = document.body.textContent ?? ''
    expect(text).toContain('Letters, digits and dashes')
    expect(text).toContain('An amount of 0 or more')
    expect(text).toContain('From 0 to 100')
  })

  it('edits with If-Match and shows the owner by name', async () => {
    http.patch.mockResolvedValue(product)
    http.get.mockResolvedValue([])
    const w = await mountOpen(ProductFormDrawer, { product, categories: tree }, [testI18n('en')])
    expect(w.findComponent({ name: 'UserPicker' }).text()).toContain('Ann')
    type('field-name', '工控机 Pro')
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.patch).toHaveBeenCalledWith(
      `/api/orders/products/${product.id}`,
      expect.objectContaining({ name: '工控机 Pro', categoryId: SERVERS, referencePrice: '12800.50' }),
      { ifMatch: 3 },
    )
  })
})

describe('product formats', () => {
  it('groups money and trims a percent without floats', () => {
    expect(formatMoney('1234567.5')).toBe('¥1,234,567.50')
    expect(formatMoney('0')).toBe('¥0.00')
    expect(formatPercent('100.00')).toBe('100%')
    expect(formatPercent('6.50')).toBe('6.5%')
    expect(formatPercent('0.00')).toBe('0%')
  })
})
