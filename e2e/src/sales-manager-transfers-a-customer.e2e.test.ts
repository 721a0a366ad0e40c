import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { admin, sales } from '@mosaic/schemas'
import { field, launchBrowser, login, newPage } from './support/browser.js'
import { apiLogin, createCustomer, createSalesTeam, until, type SalesTeam } from './support/api.js'
import { clickForResponse, moreAction, pickUser, tableRow } from './support/ui.js'

/**
 * Journey: a sales manager moves a rep's customer — with its contacts and opportunity — to
 * another rep after checking the dry-run preview. The new owner is told in the shell's bell,
 * the notification opens the customer, and the customer's history shows the transfer.
 */
let browser: Browser
let manager: Page
let rep2: Page
let errors: string[][]
let team: SalesTeam
let customer: sales.Customer
let opportunity: sales.Opportunity
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

const names = () => ({
  customer: `北京星河贸易 ${team.tag}`,
  contacts: [`李总${team.tag}`, `赵采购${team.tag}`],
  opportunity: `星河年度框架 ${team.tag}`,
})

beforeAll(async () => {
  team = await createSalesTeam()
  const rep1 = await apiLogin(team.rep1.username, team.rep1.password)
  const made = await createCustomer(rep1, names().customer, {
    contacts: names().contacts,
    opportunities: [{ name: names().opportunity, expectedAmount: '50000.00' }],
  })
  customer = made.customer
  opportunity = made.opportunities[0]!
  browser = await launchBrowser()
  // One browser context per user: each keeps its own session cookie.
  const m = await newPage(browser)
  const r = await newPage(browser)
  manager = m.page
  rep2 = r.page
  errors = [m.errors, r.errors]
})
afterAll(async () => {
  await browser?.close()
})

describe('a sales manager transfers a customer to another rep', () => {
  test('the manager sees the rep’s customer in the department’s list', async () => {
    await login(manager, team.manager.username, team.manager.password)
    await manager.goto('/sales/customers')
    const row = tableRow(manager, `customer-row-${customer.number}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(names().customer)
    expect(await row.textContent()).toContain(team.rep1.displayName)
  })

  test('the preview lists the customer, its contacts and its opportunity before anything changes', async () => {
    await moreAction(manager, `customer-more-${customer.number}`, `customer-transfer-${customer.number}`)
    await pickUser(manager, 'transfer-owner', team.rep2.username)
    await field(manager, 'transfer-reason').fill('区域调整')
    const preview = await clickForResponse<sales.TransferPreview>(
      manager,
      manager.getByTestId('dialog-submit'),
      'POST',
      /^\/api\/sales\/transfers\/preview$/,
    )
    expect(preview.problems).toEqual([])
    const owners = manager.getByTestId('transfer-group-owner')
    await owners.waitFor()
    const text = await owners.textContent()
    for (const expected of [names().customer, ...names().contacts, names().opportunity])
      expect(text).toContain(expected)
    expect(text).toContain(team.rep1.displayName)
    expect(await manager.getByTestId('transfer-preview').textContent()).toContain(team.rep2.displayName)
  })

  test('confirming moves everything to the new rep', async () => {
    const result = await clickForResponse<sales.TransferResult>(
      manager,
      manager.getByTestId('dialog-submit'),
      'POST',
      /^\/api\/sales\/transfers$/,
    )
    // The customer with its contacts and opportunity: every record the preview listed as moving.
    expect(result.transferred).toBe(2 + names().contacts.length)
    await manager.getByTestId('transfer-done').waitFor()
    await manager.getByTestId('dialog-cancel').click()
    const row = tableRow(manager, `customer-row-${customer.number}`)
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(team.rep2.displayName)
  })

  test('the new rep finds the notification in the bell, and it opens the customer', async () => {
    // Notifications travel as events from sales to admin: wait until admin has stored it.
    const inbox = await apiLogin(team.rep2.username, team.rep2.password)
    await until('the transfer notification to reach admin', async () =>
      (await inbox.json<{ items: admin.Notification[] }>('GET', '/api/admin/notifications')).items.some(
        (n) => n.entityId === customer.id,
      ),
    )

    await login(rep2, team.rep2.username, team.rep2.password)
    const badge = rep2.locator('[data-testid="notification-badge"] .el-badge__content')
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toMatch(/^[1-9]\d*$/)
    await rep2.getByTestId('notification-bell').click()
    const item = rep2.getByTestId('notification-item').filter({ hasText: names().customer })
    await item.waitFor()
    expect(await item.textContent()).toContain(team.manager.displayName)
    await item.click()
    await rep2.waitForURL(`**/sales/customers/${customer.id}`)
    const header = rep2.getByTestId('customer-header')
    await header.waitFor()
    expect(await header.textContent()).toContain(names().customer)
    expect(await header.textContent()).toContain(team.rep2.displayName)
  })

  test('the contacts and the opportunity came along', async () => {
    await rep2.getByTestId('customer-tab-contacts').click()
    for (const contact of names().contacts) await rep2.getByTestId(`contact-edit-${contact}`).waitFor()
    await rep2.getByTestId('customer-tab-opportunities').click()
    await rep2.getByTestId(`opportunity-edit-${opportunity.id}`).waitFor()
    const opportunities = await rep2.getByTestId('customer-opportunities').textContent()
    expect(opportunities).toContain(names().opportunity)
    expect(opportunities).toContain(team.rep2.displayName)
  })

  test('the customer’s history shows the transfer, who did it and the owner change', async () => {
    await rep2.goto('/sales/customers')
    await moreAction(rep2, `customer-more-${customer.number}`, `customer-history-${customer.number}`)
    const drawer = rep2.locator('[data-testid="history-drawer"]:visible')
    const entry = drawer.getByTestId('audit-entry-transfer')
    await entry.waitFor()
    const text = await entry.textContent()
    expect(text).toContain(team.manager.displayName)
    expect(text).toContain(team.rep2.displayName)
    // Readable in zh-CN: the action and field labels translated, people named, no ids or raw keys.
    expect(text).toContain('转移')
    expect(text).toContain('负责人')
    expect(text).toContain(team.rep1.displayName)
    const timeline = await drawer.getByTestId('audit-timeline').textContent()
    expect(timeline).not.toMatch(UUID)
    expect(timeline).not.toMatch(/ownerId|ownerName|ownerSince|deptId|teamMember|team_add|\btransfer\b/)

    await drawer.getByTestId('history-tab-versions').click()
    const diff = drawer.getByTestId('version-diff')
    await diff.waitFor()
    const versions = await drawer.getByTestId('version-history').textContent()
    expect(versions).toContain('转移')
    expect(versions).not.toMatch(UUID)
    expect(versions).not.toMatch(/版本 (\d+) → \1(?!\d)/)
    expect(versions).not.toMatch(/ownerId|ownerSince|access|version\b/)
  })

  test('no page errors along the way', () => {
    expect(errors.flat()).toEqual([])
  })
})
