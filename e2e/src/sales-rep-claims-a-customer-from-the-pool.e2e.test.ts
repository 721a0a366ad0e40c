import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Page as ListPage, sales } from '@mosaic/schemas'
import { field, launchBrowser, login, newPage } from './support/browser.js'
import { apiLogin, createCustomer, createSalesTeam, type SalesTeam } from './support/api.js'
import { clickForResponse, tableRow } from './support/ui.js'

/**
 * Journey: a rep gives up a customer — it moves to the public pool (公海) with the reason — and
 * another rep finds it on the pool page and claims it; it is then theirs and no longer in the pool.
 */
let browser: Browser
let rep1: Page
let rep2: Page
let errors: string[][]
let team: SalesTeam
let customer: sales.Customer

const customerName = () => `广州南风餐饮 ${team.tag}`

beforeAll(async () => {
  team = await createSalesTeam()
  const session = await apiLogin(team.rep1.username, team.rep1.password)
  ;({ customer } = await createCustomer(session, customerName(), { contacts: [`陈店长${team.tag}`] }))
  browser = await launchBrowser()
  const a = await newPage(browser)
  const b = await newPage(browser)
  rep1 = a.page
  rep2 = b.page
  errors = [a.errors, b.errors]
})
afterAll(async () => {
  await browser?.close()
})

describe('a customer goes to the public pool and another rep claims it', () => {
  test('the owner moves the customer to the pool from its page', async () => {
    await login(rep1, team.rep1.username, team.rep1.password)
    await rep1.goto(`/sales/customers/${customer.id}`)
    await rep1.getByTestId(`customer-release-${customer.number}`).click()
    await field(rep1, 'field-reason').fill('客户暂无采购计划')
    const released = await clickForResponse<sales.Customer>(
      rep1,
      rep1.getByTestId('dialog-submit'),
      'POST',
      new RegExp(`^/api/sales/customers/${customer.id}/release$`),
    )
    expect(released.ownerId).toBeNull()
    // A released customer is no longer the rep's record: the page continues on the pool.
    await rep1.waitForURL('**/sales/pool')
    const row = tableRow(rep1, `pool-row-${customer.number}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(customerName())
    expect(await row.textContent()).toContain(team.rep1.displayName)
  })

  test('it has left the owner’s customer list', async () => {
    const listed = rep1.waitForResponse(
      (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/sales/customers',
    )
    await rep1.goto('/sales/customers')
    const list = (await (await listed).json()) as ListPage<sales.Customer>
    expect(list.items.map((c) => c.id)).not.toContain(customer.id)
    await expect.poll(() => rep1.getByTestId('list-total').textContent(), { timeout: 10_000 }).toBe('共 0 条')
    expect(await rep1.getByTestId(`customer-row-${customer.number}`).count()).toBe(0)
  })

  test('another rep finds it in the pool by name and claims it', async () => {
    await login(rep2, team.rep2.username, team.rep2.password)
    await rep2.getByTestId('menu-sales').click()
    await rep2.getByTestId('menu-item-sales-pool').click()
    await field(rep2, 'filter-q').fill(customerName())
    await rep2.getByTestId('list-search').click()
    const row = tableRow(rep2, `pool-row-${customer.number}`)
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(team.rep1.displayName)
    const claimed = await clickForResponse<sales.Customer>(
      rep2,
      rep2.getByTestId(`pool-claim-${customer.number}`),
      'POST',
      new RegExp(`^/api/sales/pool/${customer.id}/claim$`),
    )
    expect(claimed.ownerId).toBe(team.rep2.id)
    await rep2.getByTestId(`pool-row-${customer.number}`).waitFor({ state: 'detached' })
  })

  test('the customer is now in the new rep’s list, owned by them', async () => {
    await rep2.goto('/sales/customers')
    const row = tableRow(rep2, `customer-row-${customer.number}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(customerName())
    expect(await row.textContent()).toContain(team.rep2.displayName)
    await rep2.getByTestId(`customer-row-${customer.number}`).click()
    await rep2.getByTestId('customer-tab-contacts').click()
    await rep2.getByTestId(`contact-edit-陈店长${team.tag}`).waitFor()
  })

  test('no page errors along the way', () => {
    expect(errors.flat()).toEqual([])
  })
})
