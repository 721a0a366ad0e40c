import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { click, resetAfterEach, settle, type } from '@mosaic/ui/test-utils'
import { ElInputNumber, ElOption, ElSelect } from 'element-plus'
import type { sales } from '@mosaic/schemas'
import { UserPicker } from '@mosaic/ui'
import { http, testI18n, useDefaultDictionaries } from '../../test-support'
import ProductPicker from '../../components/ProductPicker.vue'
import OpportunityFormDrawer from './OpportunityFormDrawer.vue'
import { opportunity as opportunityOf } from './test-fixtures'
import StageSelect from './StageSelect.vue'

resetAfterEach()
beforeEach(() => useDefaultDictionaries())

const ACME = '11111111-1111-4111-8111-111111111111'
const contact = (id: string, name: string, primary: boolean) => ({ id, name, primary }) as sales.Contact

const PRODUCT = {
  id: 'bbbbbbbb-0000-4000-8000-000000000001',
  code: 'HW-001',
  name: '工控机',
  referencePrice: '12800.50',
  taxRate: '13.00',
  unit: 'set',
  onSale: true,
}

async function open(opportunity: sales.Opportunity | null = null) {
  http.get.mockImplementation(async (path: string) =>
    path === `/api/sales/customers/${ACME}/contacts`
      ? [contact('k1', 'Han Meimei', false), contact('k2', 'Li Lei', true)]
      : path === `/api/orders/products/${PRODUCT.id}`
        ? PRODUCT
        : path === '/api/orders/products'
          ? { items: [PRODUCT], nextCursor: null, total: 1, totalCapped: false }
          : { items: [], nextCursor: null, total: 0, totalCapped: false },
  )
  const wrapper = mount(OpportunityFormDrawer, {
    props: { opportunity, modelValue: false },
    global: { plugins: [testI18n('en')] },
    attachTo: document.body,
  })
  await flushPromises()
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}
const stageSelect = (w: ReturnType<typeof mount>) => w.findComponent(StageSelect).findComponent(ElSelect)
function pickStage(w: ReturnType<typeof mount>, stage: string) {
  stageSelect(w).vm.$emit('update:modelValue', stage)
  stageSelect(w).vm.$emit('change', stage)
}
async function submitted() {
  click('drawer-submit')
  await flushPromises()
  await settle()
  return http.post.mock.calls[0]?.[1] as Record<string, unknown> | undefined
}

describe('OpportunityFormDrawer stages', () => {
  it('offers only open stages, in dictionary order: won and lost are reached by closing', async () => {
    const w = await open()
    const values = w
      .findComponent(StageSelect)
      .findAllComponents(ElOption)
      .map((o) => o.props('value'))
    expect(values).toEqual(['initial', 'needs', 'proposal', 'negotiation'])
  })

  it("starts at the first stage's probability and moves to each picked stage's default", async () => {
    http.post.mockResolvedValue({ id: 'o1' })
    const w = await open()
    expect(w.findComponent(ElInputNumber).props('modelValue')).toBe(10)
    pickStage(w, 'proposal')
    await flushPromises()
    expect(w.findComponent(ElInputNumber).props('modelValue')).toBe(60)

    type('field-name', 'ERP rollout')
    w.findComponent(UserPicker).vm.$emit('update:modelValue', ACME)
    await flushPromises()
    const body = await submitted()
    expect(body).toMatchObject({ name: 'ERP rollout', customerId: ACME, stage: 'proposal', probability: 60 })
    // Choosing the customer filled in its primary contact.
    expect(body?.contactId).toBe('k2')
  })

  it('keeps a probability the user typed after picking the stage', async () => {
    http.post.mockResolvedValue({ id: 'o1' })
    const w = await open()
    pickStage(w, 'negotiation')
    await flushPromises()
    w.findComponent(ElInputNumber).vm.$emit('update:modelValue', 65)
    type('field-name', 'Renewal 2026')
    w.findComponent(UserPicker).vm.$emit('update:modelValue', ACME)
    await flushPromises()
    expect(await submitted()).toMatchObject({ stage: 'negotiation', probability: 65 })
  })

  it('still labels an outcome stage a record is in, as a disabled option', async () => {
    const w = mount(StageSelect, { props: { modelValue: 'won' }, attachTo: document.body })
    await flushPromises()
    const won = w.findAllComponents(ElOption).find((o) => o.props('value') === 'won')
    expect(won?.props('label')).toBe('赢单')
    expect(won?.props('disabled')).toBe(true)
    expect(
      w
        .findAllComponents(ElOption)
        .filter((o) => !o.props('disabled'))
        .map((o) => o.props('value')),
    ).not.toContain('lost')
  })
})

describe('OpportunityFormDrawer product lines', () => {
  it("picks an on-sale product from orders, fills its reference price and sends the product's id", async () => {
    http.post.mockResolvedValue({ id: 'o1' })
    const w = await open()
    type('field-name', 'Hardware')
    w.findComponent(UserPicker).vm.$emit('update:modelValue', ACME)
    click('line-add')
    await flushPromises()
    const picker = w.findComponent(ProductPicker).findComponent(UserPicker)
    // The picker searches orders' on-sale products and labels them "name (code)".
    await picker.vm.search('工控')
    await flushPromises()
    const listed = http.get.mock.calls.find((c) => c[0] === '/api/orders/products')
    expect(listed?.[1]).toMatchObject({ query: { onSale: 'true', q: '工控', limit: 20 } })
    const options = picker.findAllComponents(ElOption).map((o) => o.props('label'))
    expect(options).toEqual(['工控机 (HW-001)'])
    picker.vm.$emit('update:modelValue', PRODUCT.id)
    picker.vm.$emit('picked', { id: PRODUCT.id, displayName: PRODUCT.name, username: PRODUCT.code })
    await flushPromises()
    type('line-quantity-0', '2')
    await flushPromises()
    expect(document.querySelector('[data-testid="line-amount-0"]')!.textContent).toBe('¥25,601.00')
    const body = await submitted()
    // The price was never typed: the product's reference price filled it.
    expect(body?.products).toEqual([{ productId: PRODUCT.id, quantity: '2', unitPrice: '12800.50' }])
  })

  it('asks for a product on a new line before sending', async () => {
    const w = await open()
    type('field-name', 'No product')
    w.findComponent(UserPicker).vm.$emit('update:modelValue', ACME)
    click('line-add')
    await flushPromises()
    expect(await submitted()).toBeUndefined()
    expect(document.body.textContent).toContain('Choose a product')
  })

  it('shows a free-text line of old by its name and leaves it alone when the lines are not edited', async () => {
    const legacy = opportunityOf({
      products: [
        {
          productId: null,
          productCode: null,
          productName: '手写产品',
          unit: null,
          quantity: '2',
          unitPrice: '3.50',
          amount: '7.00',
        },
      ],
    })
    http.patch.mockResolvedValue(legacy)
    const w = await open(legacy)
    const picker = w.findComponent(ProductPicker).findComponent(UserPicker)
    expect(picker.props('placeholder')).toBe('Written as “手写产品”: choose the product')
    type('field-name', 'Renamed')
    click('drawer-submit')
    await flushPromises()
    await settle()
    const body = http.patch.mock.calls[0]?.[1] as Record<string, unknown>
    expect(body).toMatchObject({ name: 'Renamed' })
    expect(body).not.toHaveProperty('products')
  })
})
