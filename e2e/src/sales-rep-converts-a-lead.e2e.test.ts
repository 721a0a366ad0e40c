import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { sales } from '@mosaic/schemas'
import { field, launchBrowser, login, newPage } from './support/browser.js'
import { createSalesTeam, type SalesTeam } from './support/api.js'
import { chooseOption, clickForResponse, tableRow, waitForClosed } from './support/ui.js'

/**
 * Journey: a sales rep records a lead, follows it up, converts it into a customer with a contact
 * and an opportunity in one step, and finds all three: the customer's page lists the contact and
 * the opportunity, and the lead shows as converted.
 */
let browser: Browser
let page: Page
let errors: string[]
let team: SalesTeam
let lead: sales.Lead
let conversion: sales.LeadConversion

const names = () => ({
  lead: `上海云帆科技 ${team.tag}`,
  contact: `王经理${team.tag}`,
  opportunity: `云帆 CRM 采购 ${team.tag}`,
})

beforeAll(async () => {
  team = await createSalesTeam()
  browser = await launchBrowser()
  ;({ page, errors } = await newPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

describe('a sales rep converts a lead', () => {
  test('signs in and creates a lead from the leads page', async () => {
    await login(page, team.rep1.username, team.rep1.password)
    await page.getByTestId('menu-sales').click()
    await page.getByTestId('menu-item-sales-leads').click()
    await page.getByTestId('leads-create').click()
    await field(page, 'field-name').fill(names().lead)
    await field(page, 'field-contactName').fill(names().contact)
    await field(page, 'field-phone').fill('13912345678')
    await chooseOption(page, 'field-source', '展会')
    lead = await clickForResponse<sales.Lead>(
      page,
      page.getByTestId('drawer-submit'),
      'POST',
      /^\/api\/sales\/leads$/,
    )
    await waitForClosed(page, 'drawer-submit')
    expect(lead.ownerId).toBe(team.rep1.id)
    const row = tableRow(page, `lead-row-${lead.number}`)
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(names().lead)
    expect(await row.textContent()).toContain(team.rep1.displayName)
  })

  test('follows the lead up and sees it on the lead’s timeline', async () => {
    await page.getByTestId(`lead-followup-${lead.number}`).click()
    await field(page, 'field-subject').fill('首次电话沟通')
    await chooseOption(page, 'field-method', '电话')
    await field(page, 'field-content').fill('客户有意向采购 CRM，约下周演示。')
    const followUp = await clickForResponse<sales.FollowUp>(
      page,
      page.getByTestId('drawer-submit'),
      'POST',
      /^\/api\/sales\/followups$/,
    )
    await waitForClosed(page, 'drawer-submit')
    expect(followUp.targetId).toBe(lead.id)

    await page.getByTestId(`lead-row-${lead.number}`).click()
    await page.getByTestId('lead-tab-followups').click()
    const entry = page.getByTestId(`followup-entry-${followUp.id}`)
    await entry.waitFor()
    expect(await entry.textContent()).toContain('首次电话沟通')
    await page.keyboard.press('Escape')
    await page.getByTestId('history-drawer').waitFor({ state: 'hidden' })
  })

  test('converts it into a customer with a contact and an opportunity', async () => {
    await page.getByTestId(`lead-convert-${lead.number}`).click()
    expect(await field(page, 'convert-customer-name').inputValue()).toBe(names().lead)
    expect(await field(page, 'convert-contact-name').inputValue()).toBe(names().contact)
    await page.getByTestId('convert-with-opportunity').click()
    await field(page, 'convert-opportunity-name').fill(names().opportunity)
    await field(page, 'convert-amount').fill('120000.00')
    conversion = await clickForResponse<sales.LeadConversion>(
      page,
      page.getByTestId('dialog-submit'),
      'POST',
      new RegExp(`^/api/sales/leads/${lead.id}/convert$`),
    )
    expect(conversion.customer.name).toBe(names().lead)
    expect(conversion.contact?.name).toBe(names().contact)
    expect(conversion.opportunity?.name).toBe(names().opportunity)
    await page.getByTestId('convert-result').waitFor()
  })

  test('opens the new customer and finds the contact and the opportunity', async () => {
    await page.getByTestId('convert-customer-link').click()
    await page.waitForURL(`**/sales/customers/${conversion.customer.id}`)
    const header = page.getByTestId('customer-header')
    await header.waitFor()
    expect(await header.textContent()).toContain(names().lead)
    expect(await header.textContent()).toContain(team.rep1.displayName)

    await page.getByTestId('customer-tab-contacts').click()
    const contacts = page.getByTestId('contacts-tab')
    await page.getByTestId(`contact-edit-${names().contact}`).waitFor()
    expect(await contacts.textContent()).toContain('13912345678')

    await page.getByTestId('customer-tab-opportunities').click()
    const opportunities = page.getByTestId('customer-opportunities')
    await page.getByTestId(`opportunity-edit-${conversion.opportunity!.id}`).waitFor()
    expect(await opportunities.textContent()).toContain(names().opportunity)
    expect(await opportunities.textContent()).toContain('¥120,000.00')
  })

  test('the lead now shows as converted and can no longer be converted or followed up', async () => {
    await page.goto('/sales/leads')
    const row = tableRow(page, `lead-row-${lead.number}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已转化')
    expect(await page.getByTestId(`lead-convert-${lead.number}`).count()).toBe(0)
    expect(await page.getByTestId(`lead-followup-${lead.number}`).count()).toBe(0)
  })

  test('no page errors along the way', () => {
    expect(errors).toEqual([])
  })
})
