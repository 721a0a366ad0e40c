import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { sales } from '@mosaic/schemas'
import { field, launchBrowser, login, newPage } from './support/browser.js'
import { apiLogin, createCustomer, createSalesTeam, type ApiSession, type SalesTeam } from './support/api.js'
import { clickForResponse, tableRow } from './support/ui.js'

/**
 * Journey: a rep closes an opportunity as won (结单). The default closure rule locks a closed
 * opportunity: the rep's edit button is disabled and says why, and the service refuses an edit.
 */
let browser: Browser
let page: Page
let errors: string[]
let team: SalesTeam
let rep: ApiSession
let customer: sales.Customer
let opportunity: sales.Opportunity

const names = () => ({ customer: `深圳蓝海电子 ${team.tag}`, opportunity: `蓝海产线升级 ${team.tag}` })

beforeAll(async () => {
  team = await createSalesTeam()
  rep = await apiLogin(team.rep1.username, team.rep1.password)
  const made = await createCustomer(rep, names().customer, {
    contacts: [`周工${team.tag}`],
    opportunities: [{ name: names().opportunity, expectedAmount: '88000.00' }],
  })
  customer = made.customer
  opportunity = made.opportunities[0]!
  browser = await launchBrowser()
  ;({ page, errors } = await newPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

describe('a sales rep wins an opportunity', () => {
  test('finds the open opportunity in the list, editable', async () => {
    await login(page, team.rep1.username, team.rep1.password)
    await page.getByTestId('menu-sales').click()
    await page.getByTestId('menu-item-sales-opportunities').click()
    const row = tableRow(page, `opportunity-row-${names().opportunity}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('进行中')
    expect(await row.textContent()).toContain('¥88,000.00')
    expect(await page.getByTestId(`opportunity-edit-${opportunity.id}`).isEnabled()).toBe(true)
  })

  test('closes it as won', async () => {
    await page.getByTestId(`opportunity-close-${opportunity.id}`).click()
    await page.getByTestId('outcome-won').click()
    await field(page, 'field-closeNote').fill('客户签署采购意向书')
    const closed = await clickForResponse<sales.Opportunity>(
      page,
      page.getByTestId('dialog-submit'),
      'POST',
      new RegExp(`^/api/sales/opportunities/${opportunity.id}/close$`),
    )
    expect(closed).toMatchObject({ status: 'won', probability: 100, locked: true })
    const row = tableRow(page, `opportunity-row-${names().opportunity}`)
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('赢单')
    // Probability (100 %, asserted above) is an optional column; status and the lock are shown by default.
    expect(await row.getByTestId('opportunity-locked').isVisible()).toBe(true)
  })

  test('the rep can no longer edit it: the button is disabled and the service refuses', async () => {
    const edit = page.getByTestId(`opportunity-edit-${opportunity.id}`)
    await expect.poll(() => edit.isDisabled()).toBe(true)
    expect(await page.getByTestId(`opportunity-close-${opportunity.id}`).count()).toBe(0)

    // Past the UI: the rep's own token, the current version, still refused (locked by the closure rule).
    const current = await rep.json<sales.Opportunity>('GET', `/api/sales/opportunities/${opportunity.id}`)
    const refused = await rep.call(
      'PATCH',
      `/api/sales/opportunities/${opportunity.id}`,
      { name: `${names().opportunity} 改` },
      current.version,
    )
    expect(refused.status).toBe(409)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    const after = await rep.json<sales.Opportunity>('GET', `/api/sales/opportunities/${opportunity.id}`)
    expect(after).toMatchObject({ name: names().opportunity, version: current.version })
  })

  test('the customer counts as dealt (成交)', async () => {
    await page.goto(`/sales/customers/${customer.id}`)
    const header = page.getByTestId('customer-header')
    await header.waitFor()
    await expect.poll(() => header.textContent()).toContain('已成交')
  })

  test('no page errors along the way', () => {
    expect(errors).toEqual([])
  })
})
