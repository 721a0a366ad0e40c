import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { admin, orders, sales } from '@mosaic/schemas'
import { field, launchBrowser, login, newPage } from './support/browser.js'
import {
  apiLogin,
  createCustomer,
  createSalesTeam,
  until,
  type ApiSession,
  type SalesTeam,
} from './support/api.js'
import {
  chooseOption,
  clickForResponse,
  moreAction,
  pickUser,
  tableRow,
  waitForClosed,
} from './support/ui.js'

/**
 * Journey: from a quote to a shipment. A rep quotes an opportunity of their customer and submits
 * the quote; their manager (the default quote flow's sales_manager, here reading in English)
 * approves it in the approval centre and the header's count drops. The rep makes a contract from
 * the approved quote and submits it; the department's leader (the default contract flow's
 * department head: the test makes the manager the leader) approves it. The rep orders from the
 * contract and confirms the order. The built-in roles let only the administrator record shipments
 * and end or delete contracts (a rep reads shipments, cannot delete, void or terminate), so the
 * administrator ships part of the order (courier from the dictionary) and the rep sees the
 * progress; the contract, now performed, can be neither deleted nor voided: the screen names the
 * order and offers termination instead, which takes a reason.
 */
let browser: Browser
let rep: Page
let manager: Page
let boss: Page
let errors: string[][]
let team: SalesTeam
let repApi: ApiSession
let managerApi: ApiSession
let customer: sales.Customer
let opportunity: sales.Opportunity
let product: orders.Product
let quote: orders.Quote
let contract: orders.Contract
let order: orders.SalesOrder
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

const names = () => ({
  customer: `杭州云帆科技 ${team.tag}`,
  contact: `钱经理${team.tag}`,
  opportunity: `云帆仓储改造 ${team.tag}`,
  product: `智能分拣机 ${team.tag}`,
  code: `QS-${team.tag.toUpperCase()}`,
  contract: `云帆仓储设备采购合同 ${team.tag}`,
  tracking: `SF${team.tag.toUpperCase()}`,
})

/** The open Element Plus drawer (list actions under it carry the same test ids). */
const drawer = (page: Page): Locator => page.locator('.el-drawer:visible')

/**
 * A record picker (UserPicker over records): searches `query`; its options carry the hint shown
 * beside the name (a quote's or contract's customer) in their test id.
 */
async function pickRecord(page: Page, pickerTestId: string, query: string, optionKey: string) {
  await page.getByTestId(pickerTestId).click()
  await field(page, pickerTestId).fill(query)
  await page.locator(`[data-testid="user-option-${optionKey}"]:visible`).click()
}

/** The confirm button of the open ElMessageBox. */
const confirmButton = (page: Page) =>
  page.locator('.el-message-box:visible .el-message-box__btns .el-button--primary')

/** Confirms (or cancels) the open ElMessageBox and returns its text. */
async function messageBox(page: Page, answer: 'confirm' | 'cancel'): Promise<string> {
  const box = page.locator('.el-message-box:visible')
  await box.waitFor()
  const text = (await box.textContent()) ?? ''
  await box
    .locator(answer === 'confirm' ? '.el-button--primary' : '.el-button:not(.el-button--primary)')
    .click()
  await box.waitFor({ state: 'hidden' })
  return text
}

/** The tasks waiting for the session's user, as the header's badge counts them. */
const todoCount = async (session: ApiSession) =>
  (await session.json<{ todo: number }>('GET', '/api/admin/approvals/counts')).todo

/** The number the header's approval badge shows (0 when it is hidden). */
async function badgeCount(page: Page): Promise<number> {
  const content = page.getByTestId('approval-badge-count').locator('.el-badge__content')
  if (!(await content.isVisible())) return 0
  return Number((await content.textContent())?.trim() ?? '0')
}

/** On the approval centre, the approver approves the document numbered `number` in 待办 / To do, with a comment. */
async function approveInCentre(page: Page, number: string, comment: string) {
  const row = tableRow(page, `approval-row-${number}`)
  await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1)
  await row.getByTestId(`approval-row-${number}`).click()
  await page.getByTestId('approval-decision').waitFor()
  await field(page, 'approval-comment').fill(comment)
  return clickForResponse<admin.ApprovalTask>(
    page,
    page.getByTestId('approval-approve'),
    'POST',
    /^\/api\/admin\/approvals\/tasks\/[^/]+\/approve$/,
  )
}

beforeAll(async () => {
  team = await createSalesTeam()
  // The default contract flow goes to the head of the submitter's department: the team's manager.
  const dept = await team.admin.json<admin.Dept>('GET', `/api/admin/depts/${team.deptId}`)
  await team.admin.json<admin.Dept>(
    'PATCH',
    `/api/admin/depts/${team.deptId}`,
    { leaderUserId: team.manager.id },
    dept.version,
  )
  product = await team.admin.json<orders.Product>('POST', '/api/orders/products', {
    code: names().code,
    name: names().product,
    unit: 'set',
    referencePrice: '1000.00',
    taxRate: '13',
  })
  repApi = await apiLogin(team.rep1.username, team.rep1.password)
  managerApi = await apiLogin(team.manager.username, team.manager.password)
  const made = await createCustomer(repApi, names().customer, {
    contacts: [names().contact],
    opportunities: [{ name: names().opportunity, expectedAmount: '2260.00' }],
  })
  customer = made.customer
  opportunity = made.opportunities[0]!
  browser = await launchBrowser()
  // One browser context per user: each keeps its own session.
  const r = await newPage(browser)
  const m = await newPage(browser)
  const b = await newPage(browser)
  rep = r.page
  manager = m.page
  boss = b.page
  errors = [r.errors, m.errors, b.errors]
})
afterAll(async () => {
  await browser?.close()
})

describe('a quote becomes a contract, an order and a shipment', () => {
  test('the rep opens the customer’s opportunity', async () => {
    await login(rep, team.rep1.username, team.rep1.password)
    await rep.getByTestId('menu-sales').click()
    await rep.getByTestId('menu-item-sales-opportunities').click()
    const link = rep.getByTestId(`opportunity-row-${names().opportunity}`)
    await link.click()
    await expect.poll(() => drawer(rep).textContent(), { timeout: 15_000 }).toContain(names().customer)
    await rep.keyboard.press('Escape')
    await drawer(rep).waitFor({ state: 'hidden' })
  })

  test('quotes it with a product line and submits the quote for approval', async () => {
    await rep.goto('/sales/quotes')
    await rep.getByTestId('quotes-create').click()
    await pickUser(rep, 'field-customerId', customer.number)
    await chooseOption(rep, 'field-opportunityId', names().opportunity)
    // Submitting needs a validity date ahead.
    // (Element Plus hands a date picker's attributes to its popper: the drawer's one date input it is.)
    const validUntil = drawer(rep).locator('.el-date-editor input')
    await validUntil.fill(inDays(30))
    await validUntil.press('Enter')
    await rep.getByTestId('line-add').click()
    await pickUser(rep, 'line-product-0', names().code)
    // The product's reference price and tax rate fill the line.
    await expect.poll(() => field(rep, 'line-price-0').inputValue()).toBe('1000.00')
    await field(rep, 'line-quantity-0').fill('2')
    await expect.poll(() => rep.getByTestId('quote-totals').textContent()).toContain('¥2,260.00')
    quote = await clickForResponse<orders.Quote>(
      rep,
      rep.getByTestId('drawer-submit'),
      'POST',
      /^\/api\/orders\/quotes$/,
    )
    expect(quote).toMatchObject({
      customerId: customer.id,
      validUntil: inDays(30),
      opportunityId: opportunity.id,
      status: 'draft',
      total: '2260.00',
    })
    expect(quote.lines.map((l) => l.productId)).toEqual([product.id])
    await waitForClosed(rep, 'drawer-submit')

    await rep.getByTestId(`quote-row-${quote.number}`).click()
    const actions = rep.getByTestId('quote-detail-actions')
    await actions.getByTestId(`quote-submit-${quote.number}`).click()
    const submitted = await clickForResponse<orders.Quote>(
      rep,
      confirmButton(rep),
      'POST',
      new RegExp(`^/api/orders/quotes/${quote.id}/submit$`),
    )
    expect(submitted.status).toBe('pending')
    await expect.poll(() => rep.getByTestId('quote-detail-status').textContent()).toContain('审批中')
  })

  test('the manager (in English) sees it in To do, as money with no ids, approves it; the badge drops', async () => {
    await until('the quote to reach the manager', async () => (await todoCount(managerApi)) === 1)
    await login(manager, team.manager.username, team.manager.password)
    await manager.evaluate(() => localStorage.setItem('mosaic.locale', 'en'))
    await manager.goto('/approvals')
    await expect
      .poll(() => manager.getByTestId('approval-tab-todo').textContent(), { timeout: 15_000 })
      .toContain('To do')
    await expect.poll(() => badgeCount(manager), { timeout: 15_000 }).toBe(1)
    const row = tableRow(manager, `approval-row-${quote.number}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('¥2,260.00')
    const text = (await row.textContent()) ?? ''
    expect(text).toContain('Quote')
    expect(text).toContain(names().customer)
    expect(text).toContain(team.rep1.displayName)
    expect(text).not.toMatch(UUID)

    const task = await approveInCentre(manager, quote.number, 'Price agreed, go ahead')
    expect(task.status).toBe('approved')
    await waitForClosedDrawer(manager)
    await expect
      // The centre refreshes the badge after a decision; a refresh lost under load is made good by the
      // next 30-second poll.
      .poll(async () => ({ api: await todoCount(managerApi), badge: await badgeCount(manager) }), {
        timeout: 40_000,
      })
      .toEqual({ api: 0, badge: 0 })
    await expect.poll(() => tableRow(manager, `approval-row-${quote.number}`).count()).toBe(0)
  })

  test('the rep sees the quote approved', async () => {
    await until('the decision to reach the quote', async () => {
      const q = await repApi.json<orders.Quote>('GET', `/api/orders/quotes/${quote.id}`)
      return q.status === 'approved'
    })
    await rep.goto('/sales/quotes')
    const row = tableRow(rep, `quote-row-${quote.number}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已通过')
  })

  test('makes a contract from the quote, saves and submits it', async () => {
    await rep.goto('/sales/contracts')
    await rep.getByTestId('contracts-create').click()
    await pickRecord(rep, 'field-quoteId', quote.number, names().customer)
    // The quote fills the customer and the lines (its prices with the tax added).
    await expect.poll(() => field(rep, 'line-price-0').inputValue(), { timeout: 15_000 }).toBe('1130.00')
    await field(rep, 'field-name').fill(names().contract)
    await field(rep, 'field-consignee').fill(names().contact)
    await field(rep, 'field-consigneePhone').fill('13800000000')
    await field(rep, 'field-deliveryAddress').fill('杭州市余杭区仓前街道 1 号')
    contract = await clickForResponse<orders.Contract>(
      rep,
      rep.getByTestId('drawer-submit'),
      'POST',
      /^\/api\/orders\/contracts$/,
    )
    expect(contract).toMatchObject({
      name: names().contract,
      customerId: customer.id,
      quoteId: quote.id,
      status: 'draft',
      total: '2260.00',
    })
    await waitForClosed(rep, 'drawer-submit')

    const row = tableRow(rep, `contract-row-${contract.number}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('¥2,260.00')
    await rep.getByTestId(`contract-submit-${contract.number}`).click()
    const submitted = await clickForResponse<orders.Contract>(
      rep,
      confirmButton(rep),
      'POST',
      new RegExp(`^/api/orders/contracts/${contract.id}/submit$`),
    )
    expect(submitted.status).toBe('pending')
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('审批中')
  })

  test('the department head approves the contract in the approval centre', async () => {
    await until('the contract to reach the department head', async () => (await todoCount(managerApi)) === 1)
    const row = tableRow(manager, `approval-row-${contract.number}`)
    await manager.goto('/approvals')
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('¥2,260.00')
    expect(await row.textContent()).toContain('Contract')
    const task = await approveInCentre(manager, contract.number, 'Terms checked')
    expect(task.status).toBe('approved')
    await waitForClosedDrawer(manager)
    await expect
      // The centre refreshes the badge after a decision; a refresh lost under load is made good by the
      // next 30-second poll.
      .poll(async () => ({ api: await todoCount(managerApi), badge: await badgeCount(manager) }), {
        timeout: 40_000,
      })
      .toEqual({ api: 0, badge: 0 })
    await until('the contract to come into force', async () => {
      const c = await repApi.json<orders.Contract>('GET', `/api/orders/contracts/${contract.id}`)
      return c.status === 'approved'
    })
  })

  test('the rep orders from the contract in force and confirms the order', async () => {
    await rep.goto('/sales/orders')
    await rep.getByTestId('orders-create').click()
    await pickRecord(rep, 'field-contractId', contract.number, names().customer)
    // What is left of the contract prefills the quantity.
    await expect.poll(() => field(rep, 'order-line-quantity-0').inputValue(), { timeout: 15_000 }).toBe('2')
    order = await clickForResponse<orders.SalesOrder>(
      rep,
      rep.getByTestId('dialog-submit'),
      'POST',
      /^\/api\/orders\/sales-orders$/,
    )
    expect(order).toMatchObject({ contractId: contract.id, status: 'pending', total: '2260.00' })
    await waitForClosed(rep, 'dialog-submit')

    // The new order opens in its drawer: confirm it there.
    const confirmed = await clickForResponse<orders.SalesOrder>(
      rep,
      drawer(rep).getByTestId(`order-confirm-${order.number}`),
      'POST',
      new RegExp(`^/api/orders/sales-orders/${order.id}/confirm$`),
    )
    expect(confirmed.status).toBe('confirmed')
    await expect.poll(() => drawer(rep).textContent(), { timeout: 15_000 }).toContain('已确认')
  })

  test('the rep records a shipment: courier from the dictionary, tracking number, part of the quantity', async () => {
    await drawer(rep).getByTestId(`order-ship-${order.number}`).click()
    await chooseOption(rep, 'field-courier', '顺丰速运')
    await field(rep, 'field-trackingNumber').fill(names().tracking)
    await field(rep, 'shipment-quantity-0').fill('1')
    const shipment = await clickForResponse<orders.Shipment>(
      rep,
      rep.getByTestId('dialog-submit'),
      'POST',
      new RegExp(`^/api/orders/sales-orders/${order.id}/shipments$`),
    )
    expect(shipment).toMatchObject({ courier: 'sf', trackingNumber: names().tracking, status: 'in_transit' })
    await waitForClosed(rep, 'dialog-submit')
    await expect
      .poll(() => rep.getByTestId('order-progress').textContent(), { timeout: 15_000 })
      .toContain('50%')
    expect(await drawer(rep).textContent()).toContain('部分发货')
  })

  test('the rep’s order list shows the shipping progress; the shipment reads by name', async () => {
    await rep.goto('/sales/orders')
    const row = tableRow(rep, `order-row-${order.number}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('部分发货')
    expect(await rep.getByTestId(`order-progress-${order.number}`).textContent()).toContain('50%')
    const text = (await row.textContent()) ?? ''
    expect(text).toContain(names().contract)
    expect(text).toContain('¥2,260.00')
    expect(text).not.toMatch(UUID)

    await rep.getByTestId(`order-row-${order.number}`).click()
    await drawer(rep).getByRole('tab', { name: '物流单' }).click()
    const shipments = rep.getByTestId('order-shipments')
    await expect.poll(() => shipments.textContent(), { timeout: 15_000 }).toContain(names().tracking)
    const shipped = (await shipments.textContent()) ?? ''
    expect(shipped).toContain('顺丰速运')
    expect(shipped).toContain(`${names().product} × 1`)
    expect(shipped).toContain('运输中')
  })

  test('the contract can be neither deleted nor voided now: the screen names the order and offers termination', async () => {
    // The rep may delete their drafts, not this one: the screen says why, naming the order. Ending a
    // contract in force early is the manager's (or an administrator's) call: not offered to the rep.
    await rep.goto('/sales/contracts')
    const repRow = tableRow(rep, `contract-row-${contract.number}`)
    await expect.poll(() => repRow.textContent(), { timeout: 15_000 }).toContain('已生效')
    for (const action of ['void', 'terminate'])
      expect(await rep.getByTestId(`contract-${action}-${contract.number}`).count()).toBe(0)
    // Three actions (order, change, delete) fit the row: no More menu.
    await rep.getByTestId(`contract-delete-${contract.number}`).click()
    const refusal = rep.locator('.el-message--warning')
    await expect.poll(() => refusal.textContent(), { timeout: 15_000 }).toContain('不能删除')
    expect(await refusal.textContent()).toContain(order.number)

    await login(boss, 'admin', 'admin123')
    await boss.goto('/sales/contracts')
    const row = tableRow(boss, `contract-row-${contract.number}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已生效')

    // Void: refused (performed), the order named, terminate offered — declined here.
    await moreAction(boss, `contract-more-${contract.number}`, `contract-void-${contract.number}`)
    const voidText = await messageBox(boss, 'cancel')
    expect(voidText).toContain(order.number)
    expect(voidText).toContain('销售订单')
    expect(voidText).toContain('改为终止')

    // Delete: refused with the reason naming the order; termination offered and taken, with a reason.
    await moreAction(boss, `contract-more-${contract.number}`, `contract-delete-${contract.number}`)
    const deleteText = await messageBox(boss, 'confirm')
    expect(deleteText).toContain('不能删除')
    expect(deleteText).toContain(order.number)
    await expect
      .poll(() => boss.locator('.el-dialog:visible').textContent(), { timeout: 15_000 })
      .toContain(`终止合同 ${contract.number}`)
    await field(boss, 'field-reason').fill('客户项目暂停，余量不再执行')
    const ended = await clickForResponse<orders.Contract>(
      boss,
      boss.getByTestId('dialog-submit'),
      'POST',
      new RegExp(`^/api/orders/contracts/${contract.id}/terminate$`),
    )
    expect(ended).toMatchObject({ status: 'terminated', endReason: '客户项目暂停，余量不再执行' })
    await waitForClosed(boss, 'dialog-submit')
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已终止')
  })

  test('no page errors along the way', () => {
    expect(errors).toEqual([[], [], []])
  })
})

/** The approval drawer closes after a decision (it stays in the page, hidden). */
async function waitForClosedDrawer(page: Page) {
  await page.getByTestId('approval-drawer').waitFor({ state: 'hidden' })
}
