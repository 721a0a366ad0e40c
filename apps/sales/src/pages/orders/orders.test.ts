import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { click, mountOpen, problemError, settle, type } from '@mosaic/ui/test-utils'
import { DictSelect } from '@mosaic/dictionary/vue'
import type { orders } from '@mosaic/schemas'
import {
  ACME,
  OWNER,
  APPROVAL_HISTORY,
  approvalQueries,
  approvalSubmission,
  http,
  mountRoute,
  openTab,
  pageOf,
  pickers,
  shownInPage,
  stamps,
  testI18n,
  usePageTests,
  withPermissions,
} from '../../test-support'
import { ORDERS_RESTORE_PATHS, ordersApi } from '../../ordersApi'
import CloseDocumentDialog from '../../components/CloseDocumentDialog.vue'
import { orderCloseUnmet } from './orderActions'
import OrderCreateDialog from './OrderCreateDialog.vue'
import ShipmentDialog from './ShipmentDialog.vue'

usePageTests()

const CONTRACT = 'aaaaaaaa-0000-4000-8000-000000000001'
const CABLE = 'bbbbbbbb-0000-4000-8000-000000000001'
const BOLT = 'bbbbbbbb-0000-4000-8000-000000000002'
const line = (over: Partial<orders.SalesOrderLine> = {}): orders.SalesOrderLine => ({
  productId: CABLE,
  productCode: 'CABLE',
  productName: '电缆',
  unit: 'set',
  quantity: '4.0000',
  unitPrice: '1130.00',
  discountPercent: '0.00',
  taxRate: '13.00',
  net: '4000.00',
  tax: '520.00',
  total: '4520.00',
  shippedQuantity: '1.0000',
  ...over,
})
const order = (over: Partial<orders.SalesOrder> = {}): orders.SalesOrder => ({
  ...stamps,
  id: 'eeeeeeee-0000-4000-8000-000000000001',
  version: 3,
  number: 'DD202601010001',
  status: 'partially_shipped',
  contractId: CONTRACT,
  contractNumber: 'HT202601010001',
  contractName: '二期设备采购',
  customerId: ACME,
  customerName: 'Acme 公司',
  ownerId: OWNER,
  ownerName: 'Ann',
  deptId: null,
  deliveryDate: '2026-02-01',
  consignee: '李四',
  consigneePhone: '13900000000',
  deliveryAddress: '上海',
  remark: null,
  lines: [line()],
  subtotal: '4000.00',
  taxTotal: '520.00',
  total: '4520.00',
  shippedPercent: 25,
  cancelReason: null,
  closedAt: null,
  closedBy: null,
  closeNote: null,
  closeDate: null,
  locked: false,
  ...over,
})
const pending = order({
  id: 'eeeeeeee-0000-4000-8000-000000000002',
  number: 'DD202601010002',
  status: 'pending',
  shippedPercent: 0,
  lines: [line({ shippedQuantity: '0.0000' })],
})
const shipment: orders.Shipment = {
  id: 'ffffffff-0000-4000-8000-000000000001',
  orderId: order().id,
  status: 'in_transit',
  courier: 'sf',
  trackingNumber: 'SF1001',
  shippedDate: '2026-01-05',
  items: [{ productId: CABLE, productName: '电缆', unit: 'set', quantity: '1.0000' }],
  remark: null,
  createdAt: '2026-01-05T08:00:00Z',
  createdByName: 'Ann',
  deliveredAt: null,
  cancelledAt: null,
}

function answer(path: string): unknown {
  if (path === '/api/orders/sales-orders') return pageOf([order(), pending])
  if (path === `/api/orders/sales-orders/${order().id}`) return order()
  if (path === `/api/orders/sales-orders/${order().id}/shipments`) return [shipment]
  if (path === `/api/orders/sales-orders/contracts/${CONTRACT}/remaining`)
    return {
      contractId: CONTRACT,
      lines: [
        {
          productId: CABLE,
          productName: '电缆',
          unit: 'set',
          contracted: '10.0000',
          ordered: '4.0000',
          remaining: '6.0000',
        },
        {
          productId: BOLT,
          productName: '螺栓',
          unit: 'pcs',
          contracted: '5.0000',
          ordered: '5.0000',
          remaining: '0.0000',
        },
      ],
    }
  if (path === '/api/orders/contracts')
    return pageOf([
      { id: CONTRACT, number: 'HT202601010001', name: '二期设备采购', customerName: 'Acme 公司' },
    ])
  return pageOf([])
}
const visit = (path: string, ...permissions: string[]) => {
  http.get.mockImplementation(async (p: string) => answer(p))
  return mountRoute(path, ...permissions)
}

describe('sales orders page', () => {
  it('lists orders with contract, customer, money, translated status and progress, never ids', async () => {
    const { wrapper, warnings } = await visit('/sales/orders', 'orders.order.read')
    const text = wrapper.text()
    for (const shown of [
      'Sales orders',
      'DD202601010001',
      '二期设备采购',
      'Acme 公司',
      '¥4,520.00',
      'Partially shipped',
      'Pending',
      '25%',
      'Ann',
    ])
      expect(text, shown).toContain(shown)
    expect(text).not.toContain(ACME)
    expect(text).not.toContain(CONTRACT)
    expect(warnings).toEqual([])
    for (const id of ['orders-create', 'order-confirm-DD202601010002', 'order-ship-DD202601010001'])
      expect(shownInPage(id), id).toBe(false)
  })

  it('offers each action by status and permission', async () => {
    await visit(
      '/sales/orders',
      'orders.order.read',
      'orders.order.create',
      'orders.order.update',
      'orders.order.cancel',
      'orders.shipment.create',
    )
    expect(shownInPage('orders-create')).toBe(true)
    expect(shownInPage('order-confirm-DD202601010002')).toBe(true)
    expect(shownInPage('order-confirm-DD202601010001')).toBe(false)
    expect(shownInPage('order-ship-DD202601010001')).toBe(true)
    expect(shownInPage('order-ship-DD202601010002')).toBe(false)
  })

  it('opens ?open=<id> with its fields, lines ordered/shipped and shipments', async () => {
    const { wrapper, warnings } = await visit(
      `/sales/orders?open=${order().id}`,
      'orders.order.read',
      'orders.shipment.read',
      'orders.shipment.update',
    )
    await settle()
    await flushPromises()
    const drawer = document.body.textContent!
    expect(drawer).toContain('Sales order: DD202601010001')
    expect(drawer).toContain('HT202601010001 二期设备采购')
    expect(drawer).toContain('李四')
    const lines = document.querySelector('[data-testid="order-detail-lines"]')!.textContent!
    expect(lines).toContain('电缆')
    expect(lines).toContain('4')
    expect(lines).toContain('¥1,130.00')
    const shipmentsPath = `/api/orders/sales-orders/${order().id}/shipments`
    expect(http.get.mock.calls.some((c) => c[0] === shipmentsPath)).toBe(true)
    expect(document.querySelector('[data-testid="order-shipments"]')!.textContent).toContain('SF1001')
    expect(warnings).toEqual([])
    wrapper.unmount()
  })

  it('an order whose close waits for approval shows it, with the closure approvals, and offers no shipment change', async () => {
    const closing = order({ status: 'closing', shippedPercent: 100 })
    http.get.mockImplementation(async (p: string) => {
      if (p === `/api/orders/sales-orders/${closing.id}`) return closing
      if (p === APPROVAL_HISTORY)
        return [approvalSubmission({ docType: 'closure', docId: closing.id, docNumber: closing.number })]
      return answer(p)
    })
    const { warnings } = await mountRoute(
      `/sales/orders?open=${closing.id}`,
      'orders.order.read',
      'orders.order.close',
      'orders.shipment.read',
      'orders.shipment.update',
    )
    await settle()
    await flushPromises()
    expect(document.body.textContent).toContain('Awaiting approval')
    expect(document.querySelector('[data-testid="shipment-cancel-SF1001"]')).toBeNull()
    expect(shownInPage(`order-close-${closing.number}`)).toBe(false)
    await openTab('approvals')
    // The regular close's flow and the forced close's (强制结单), both about the order.
    expect(approvalQueries()).toEqual([
      { docType: 'closure', docId: closing.id },
      { docType: 'closure-override', docId: closing.id },
    ])
    expect(document.querySelector('[data-testid="approval-history"]')!.textContent).toContain('部门经理审批')
    expect(warnings).toEqual([])
  })

  it('starts an order from ?contract=<id> (the contract page’s action) with the contract preset', async () => {
    const { wrapper, warnings } = await visit(
      `/sales/orders?contract=${CONTRACT}&contractLabel=HT202601010001`,
      'orders.order.read',
      'orders.order.create',
    )
    await settle()
    await flushPromises()
    expect(document.querySelector('[data-testid="form-dialog"]')!.textContent).toContain('HT202601010001')
    expect((document.querySelector('[data-testid="order-line-quantity-0"]') as HTMLInputElement).value).toBe(
      '6',
    )
    expect(warnings).toEqual([])
    wrapper.unmount()
  })

  it('restores a deleted order from the orders recycle bin through its own route', async () => {
    http.post.mockResolvedValue(order())
    expect(ORDERS_RESTORE_PATHS.sales_order).toBe('sales-orders')
    await ordersApi.restore('sales-orders', order().id)
    expect(http.post).toHaveBeenCalledWith(`/api/orders/sales-orders/${order().id}/restore`)
  })
})

describe('create order dialog', () => {
  it('prefills what is left of each product and sends only the lines with a quantity', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    http.post.mockResolvedValue(pending)
    const w = await mountOpen(OrderCreateDialog, { contract: null }, [
      testI18n('en'),
      withPermissions('orders.order.create'),
    ])
    pickers(w)[0]!.vm.$emit('update:modelValue', CONTRACT)
    await flushPromises()
    const table = document.querySelector('[data-testid="order-lines"]')!.textContent!
    expect(table).toContain('电缆')
    expect(table).toContain('6')
    expect((document.querySelector('[data-testid="order-line-quantity-0"]') as HTMLInputElement).value).toBe(
      '6',
    )
    expect((document.querySelector('[data-testid="order-line-quantity-1"]') as HTMLInputElement).value).toBe(
      '',
    )
    type('order-line-quantity-0', '2.5')
    await flushPromises()
    click('dialog-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledWith(
      '/api/orders/sales-orders',
      expect.objectContaining({ contractId: CONTRACT, lines: [{ productId: CABLE, quantity: '2.5' }] }),
    )
  })

  it('shows the service’s cap error on its line', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    http.post.mockRejectedValue(
      problemError({
        status: 400,
        errors: [
          {
            field: 'lines.0.quantity',
            message: 'More 电缆 than the contract has left: at most 6 more can be ordered.',
          },
        ],
      }),
    )
    await mountOpen(OrderCreateDialog, { contract: { id: CONTRACT, label: 'HT202601010001 二期设备采购' } }, [
      testI18n('en'),
    ])
    await flushPromises()
    type('order-line-quantity-0', '7')
    await flushPromises()
    click('dialog-submit')
    await flushPromises()
    await settle()
    expect(document.querySelector('[data-testid="order-lines"]')!.textContent).toContain('at most 6 more')
  })
})

describe('shipment dialog', () => {
  it('records courier, tracking number, date and the items left to ship', async () => {
    http.post.mockResolvedValue(shipment)
    const w = await mountOpen(ShipmentDialog, { order: order() }, [testI18n('en')])
    expect((document.querySelector('[data-testid="shipment-quantity-0"]') as HTMLInputElement).value).toBe(
      '3',
    )
    w.findComponent(DictSelect).vm.$emit('update:modelValue', 'sf')
    type('field-trackingNumber', 'SF2002')
    type('shipment-quantity-0', '2')
    await flushPromises()
    click('dialog-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledWith(
      `/api/orders/sales-orders/${order().id}/shipments`,
      expect.objectContaining({
        courier: 'sf',
        trackingNumber: 'SF2002',
        items: [{ productId: CABLE, quantity: '2' }],
      }),
    )
  })
})

describe('close dialog', () => {
  /** The close dialog opened on `o` as OrderDialogs opens it: what the screen knows is unmet, in `locale`. */
  function openClose(o: orders.SalesOrder, locale: 'en' | 'zh-CN') {
    const i18n = testI18n(locale)
    const unmet = orderCloseUnmet(o, (key, params) => i18n.global.t(key, params))
    return mountOpen(CloseDocumentDialog, { scope: 'order', document: o, unmet }, [i18n])
  }

  it('says in words what is not met yet and sends the note and date with If-Match', async () => {
    http.post.mockResolvedValue(order({ status: 'completed' }))
    await openClose(order(), 'zh-CN')
    expect(document.querySelector('[data-testid="order-close-unmet"]')!.textContent).toContain(
      '订单尚未全部发货（已发货 25%）',
    )
    type('field-closeNote', '全部交付')
    await flushPromises()
    click('dialog-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledWith(
      `/api/orders/sales-orders/${order().id}/close`,
      expect.objectContaining({
        closeNote: '全部交付',
        closeDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
      { ifMatch: 3 },
    )
  })

  it('lists every unmet precondition the service answers, in words, and then offers the forced close', async () => {
    http.post.mockRejectedValueOnce(
      problemError({
        status: 400,
        code: 'http.validation_failed',
        errors: [
          { field: '(body)', code: 'orders.order.not_fully_shipped', params: { percent: 25 }, message: 'x' },
          {
            field: '(body)',
            code: 'orders.order.not_fully_paid',
            params: { paid: '500.00', total: '4520.00' },
            message: 'y',
          },
        ],
      }),
    )
    await openClose(order(), 'zh-CN')
    click('dialog-submit')
    await flushPromises()
    await settle()
    const refused = document.querySelector('[data-testid="dialog-error"]')!.textContent!
    expect(refused).toContain('订单尚未全部发货（已发货 25%）')
    expect(refused).toContain('订单尚未全部回款（已回款 ¥500.00，订单金额 ¥4520.00）')
    http.post.mockResolvedValue(order({ status: 'closing' }))
    type('field-overrideReason', '客户自提')
    await flushPromises()
    expect(document.querySelector('[data-testid="dialog-submit"]')!.textContent).toContain('申请强制结单')
    click('dialog-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenLastCalledWith(
      `/api/orders/sales-orders/${order().id}/close`,
      expect.objectContaining({ overrideReason: '客户自提' }),
      { ifMatch: 3 },
    )
  })

  it('offers the forced close for a shipped order once the service says it is not paid', async () => {
    http.post.mockRejectedValueOnce(
      problemError({
        status: 400,
        errors: [
          {
            field: '(body)',
            code: 'orders.order.not_fully_paid',
            params: { paid: '0.00', total: '4520.00' },
            message: 'y',
          },
        ],
      }),
    )
    await openClose(order({ status: 'shipped', shippedPercent: 100 }), 'en')
    expect(document.querySelector('[data-testid="field-overrideReason"]')).toBeNull()
    click('dialog-submit')
    await flushPromises()
    await settle()
    expect(document.querySelector('[data-testid="dialog-error"]')!.textContent).toContain(
      'The order is not fully paid (¥0.00 paid of ¥4520.00).',
    )
    expect(document.querySelector('[data-testid="field-overrideReason"]')).not.toBeNull()
  })

  it('shows nothing unmet for a shipped order', async () => {
    await openClose(order({ status: 'shipped', shippedPercent: 100 }), 'en')
    expect(document.querySelector('[data-testid="order-close-unmet"]')).toBeNull()
    expect(document.querySelector('[data-testid="order-close-approval"]')).toBeNull()
  })

  it('says before sending that the close goes to approval when the order rule asks for it', async () => {
    http.get.mockImplementation(async (path: string) =>
      path === '/api/orders/sales-orders/closing'
        ? { approvalRequired: true, requiredFields: [] }
        : undefined,
    )
    await openClose(order({ status: 'shipped', shippedPercent: 100 }), 'en')
    await flushPromises()
    expect(document.querySelector('[data-testid="order-close-approval"]')!.textContent).toContain(
      'Closing needs approval',
    )
    expect(document.querySelector('[data-testid="dialog-submit"]')!.textContent).toContain(
      'Submit for approval',
    )
  })
})
