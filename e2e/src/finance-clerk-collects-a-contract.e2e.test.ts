import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { finance, orders } from '@mosaic/schemas'
import { field, launchBrowser, login, newPage } from './support/browser.js'
import { apiLogin, createSalesTeam, until, type ApiSession, type SalesTeam } from './support/api.js'
import {
  contractInForce,
  createMember,
  leadDepartment,
  shippedOrder,
  type ContractInForce,
} from './support/documents.js'
import { chooseOption, clickForResponse, waitForClosed } from './support/ui.js'

/**
 * Journey: a finance clerk collects a contract, and the contract and its order can then close.
 * A rep's contract of 10,000.00 (30% prepayment) is approved by the department head and its order
 * shipped in full (set up through the API). The clerk finds the receivable that finance made from
 * the approval, with a plan of 3,000.00 prepayment and 7,000.00 balance; records the prepayment
 * (one Idempotency-Key per submission), which the approval engine confirms at once (below the
 * payment flow's threshold), and writes it off against the prepayment; then the balance; then
 * requests the invoice for the whole amount and issues it. The sales manager, who could not close
 * the order before (not paid), now closes the order and the contract (结单) without an override.
 */
let browser: Browser
let clerk: Page
let manager: Page
let errors: string[][]
let team: SalesTeam
let repApi: ApiSession
let managerApi: ApiSession
let clerkApi: ApiSession
let clerkName: { username: string; password: string }
let deal: ContractInForce
let order: orders.SalesOrder
let receivable: finance.Receivable

const names = () => ({
  customer: `宁波海联贸易 ${team.tag}`,
  product: `冷链监控终端 ${team.tag}`,
  code: `FC-${team.tag.toUpperCase()}`,
  contract: `海联冷链设备合同 ${team.tag}`,
  invoice: `FP${team.tag.toUpperCase()}`,
})

const drawer = (page: Page): Locator => page.locator('.el-drawer:visible')
const dialog = (page: Page): Locator => page.locator('.el-dialog:visible')

/** The receivable as the clerk's API reads it. */
const receivableNow = () =>
  clerkApi.json<finance.Receivable>('GET', `/api/finance/receivables/${receivable.id}`)

/** Opens the receivable's drill-down on one of its tabs (a fresh read of every figure). */
async function openReceivable(tab: 'info' | 'plan' | 'payments' | 'invoices') {
  await clerk.goto(`/finance/receivables?open=${receivable.id}`)
  await clerk.getByTestId('receivable-drawer').waitFor()
  await drawer(clerk).locator(`#tab-${tab}`).click()
}

/** Records a payment of `amount` by transfer from the open receivable's payments tab. */
async function recordPayment(amount: string): Promise<finance.Payment> {
  await clerk.getByTestId('receivable-record-payment').click()
  await field(clerk, 'payment-amount').fill(amount)
  await chooseOption(clerk, 'field-method', '转账')
  const sent = clerk.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/finance/payments'))
  const payment = await clickForResponse<finance.Payment>(
    clerk,
    clerk.getByTestId('payment-submit'),
    'POST',
    /^\/api\/finance\/payments$/,
  )
  // Recorded once, under the key the dialog made when it opened.
  expect((await sent).headers()['idempotency-key']).toMatch(/^[\x21-\x7e]{8,128}$/)
  expect(payment).toMatchObject({ amount, status: 'pending', receivableId: receivable.id })
  await waitForClosed(clerk, 'payment-submit')
  // Below the payment flow's threshold the engine approves at once; the answer comes by event.
  await until(`payment ${payment.number} confirmed`, async () => {
    const p = await clerkApi.json<finance.Payment>('GET', `/api/finance/payments/${payment.id}`)
    return p.status === 'confirmed'
  })
  return payment
}

/** Writes the payment off against the plan as the dialog proposes (oldest instalment first). */
async function writeOff(payment: finance.Payment, instalmentSeq: number) {
  await openReceivable('payments')
  await clerk.getByTestId(`payment-writeoff-${payment.number}`).click()
  await expect.poll(() => field(clerk, `writeoff-amount-${instalmentSeq}`).inputValue()).toBe(payment.amount)
  const written = await clickForResponse<finance.Writeoff[]>(
    clerk,
    clerk.getByTestId('writeoff-submit'),
    'POST',
    new RegExp(`^/api/finance/payments/${payment.id}/writeoffs$`),
  )
  expect(written.map((w) => [w.instalmentSeq, w.amount])).toEqual([[instalmentSeq, payment.amount]])
}

beforeAll(async () => {
  team = await createSalesTeam()
  await leadDepartment(team, team.manager)
  repApi = await apiLogin(team.rep1.username, team.rep1.password)
  managerApi = await apiLogin(team.manager.username, team.manager.password)
  const made = await createMember(team, 'clerk', `财务专员 ${team.tag}`, 'finance_clerk')
  clerkApi = made.api
  clerkName = made.member
  deal = await contractInForce(team, repApi, managerApi, {
    customer: names().customer,
    product: names().product,
    code: names().code,
    contract: names().contract,
    quantity: '2',
    price: '5000.00',
    prepayRatio: '30',
    retentionRatio: '0',
  })
  order = await shippedOrder(repApi, repApi, deal, '2')
  browser = await launchBrowser()
  const c = await newPage(browser)
  const m = await newPage(browser)
  clerk = c.page
  manager = m.page
  errors = [c.errors, m.errors]
})
afterAll(async () => {
  await browser?.close()
})

describe('a finance clerk collects a contract; the order and the contract then close', () => {
  test('the clerk finds the receivable finance made from the approved contract', async () => {
    expect(deal.contract.total).toBe('10000.00')
    // Finance learns of the contract by event: wait until it has arrived, then look for it.
    await until(
      'finance to make the receivable',
      async () => {
        const found = await clerkApi.json<{ items: finance.Receivable[] }>(
          'GET',
          `/api/finance/receivables?contractId=${deal.contract.id}`,
        )
        receivable = found.items[0]!
        return found.items.length === 1
      },
      60_000,
    )
    await login(clerk, clerkName.username, clerkName.password)
    await clerk.getByTestId('menu-finance').click()
    await clerk.getByTestId('menu-item-finance-receivables').click()
    const link = clerk.getByTestId(`receivable-row-${deal.contract.number}`)
    await link.waitFor({ timeout: 15_000 })
    await link.click()
    const summary = drawer(clerk)
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toContain(names().customer)
    expect(await summary.textContent()).toContain('10,000.00')
    expect(receivable).toMatchObject({
      total: '10000.00',
      received: '0.00',
      prepayAmount: '3000.00',
      prepayStatus: 'pending',
      instalmentCount: 2,
      status: 'open',
    })
    await drawer(clerk).locator('#tab-plan').click()
    const plan = clerk.getByTestId('plan-table')
    await expect.poll(() => plan.textContent()).toContain('3,000.00')
    expect(await plan.textContent()).toContain('7,000.00')
  })

  test('the order cannot close before it is paid: the dialog says why in words', async () => {
    await login(manager, team.manager.username, team.manager.password)
    await manager.goto(`/sales/orders?open=${order.id}`)
    await drawer(manager).getByTestId(`order-close-${order.number}`).click()
    const refused = manager.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/sales-orders/${order.id}/close`),
    )
    await manager.getByTestId('dialog-submit').click()
    expect((await refused).status()).toBe(400)
    await expect.poll(() => dialog(manager).textContent()).toContain('回款')
    await manager.keyboard.press('Escape')
  })

  test('records the prepayment and writes it off against the plan', async () => {
    await openReceivable('payments')
    const prepayment = await recordPayment('3000.00')
    await writeOff(prepayment, 1)
    await expect.poll(async () => (await receivableNow()).prepayStatus).toBe('paid')
    expect(await receivableNow()).toMatchObject({
      received: '3000.00',
      outstanding: '7000.00',
      instalmentsPaid: 1,
    })
  })

  test('records the balance and writes it off: collected in full', async () => {
    await openReceivable('payments')
    const balance = await recordPayment('7000.00')
    await writeOff(balance, 2)
    await expect.poll(async () => (await receivableNow()).status).toBe('collected')
    expect(await receivableNow()).toMatchObject({
      received: '10000.00',
      outstanding: '0.00',
      collectedPercent: '100.00',
      instalmentsPaid: 2,
    })
  })

  test('requests the invoice for the whole amount and issues it', async () => {
    await openReceivable('invoices')
    await clerk.getByTestId('receivable-request-invoice').click()
    await expect.poll(() => clerk.getByTestId('invoice-max').textContent()).toContain('10,000.00')
    // Type, title and tax number come from the contract's invoice details.
    expect(await field(clerk, 'field-title').inputValue()).toBe(names().customer)
    await field(clerk, 'field-amount').fill('10000.00')
    const invoice = await clickForResponse<finance.Invoice>(
      clerk,
      clerk.getByTestId('invoice-submit'),
      'POST',
      /^\/api\/finance\/invoices$/,
    )
    expect(invoice).toMatchObject({ amount: '10000.00', status: 'requested', type: 'vat_special' })
    await clerk.getByTestId(`invoice-issue-${invoice.id}`).click()
    await field(clerk, 'field-invoiceNumber').fill(names().invoice)
    const issued = await clickForResponse<finance.Invoice>(
      clerk,
      clerk.getByTestId('invoice-issue-submit'),
      'POST',
      new RegExp(`^/api/finance/invoices/${invoice.id}/issue$`),
    )
    expect(issued).toMatchObject({ status: 'issued', invoiceNumber: names().invoice })
    await expect.poll(async () => (await receivableNow()).invoiced).toBe('10000.00')
  })

  test('the sales side sees the contract collected in full', async () => {
    await until('orders to learn the contract is paid and invoiced', async () => {
      const c = await managerApi.json<orders.Contract>('GET', `/api/orders/contracts/${deal.contract.id}`)
      return c.receivable?.collectedPercent === '100.00' && c.receivable.invoiced === '10000.00'
    })
    await manager.goto('/sales/contracts')
    await expect
      .poll(() => manager.getByTestId(`contract-row-${deal.contract.number}`).count(), { timeout: 15_000 })
      .toBe(1)
    const row = manager.locator('tr', { has: manager.getByTestId(`contract-row-${deal.contract.number}`) })
    await expect.poll(() => row.first().textContent()).toContain('100')
  })

  test('the manager closes the order, then the contract (结单)', async () => {
    await manager.goto(`/sales/orders?open=${order.id}`)
    await drawer(manager).getByTestId(`order-close-${order.number}`).click()
    const closedOrder = await clickForResponse<orders.SalesOrder>(
      manager,
      manager.getByTestId('dialog-submit'),
      'POST',
      new RegExp(`^/api/orders/sales-orders/${order.id}/close$`),
    )
    expect(closedOrder.status).toBe('completed')
    await waitForClosed(manager, 'dialog-submit')

    await manager.goto(`/sales/contracts?open=${deal.contract.id}`)
    await manager.getByTestId('contract-detail-close').click()
    const closedContract = await clickForResponse<orders.Contract>(
      manager,
      manager.getByTestId('dialog-submit'),
      'POST',
      new RegExp(`^/api/orders/contracts/${deal.contract.id}/close$`),
    )
    expect(closedContract.status).toBe('closed')
  })

  test('no page logged an error', () => {
    expect(errors.flat()).toEqual([])
  })
})
