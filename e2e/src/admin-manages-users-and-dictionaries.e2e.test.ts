import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { field, launchBrowser, login, newPage } from './support/browser.js'

/**
 * Journey: the administrator signs in, opens the admin module (federated from the admin remote's
 * own server), adds a dictionary entry and a sales rep; the rep signs in and the admin module is
 * nowhere to be seen, and its URL is refused.
 */
let browser: Browser
let page: Page
let errors: string[]

beforeAll(async () => {
  browser = await launchBrowser()
  ;({ page, errors } = await newPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

/** The table row holding the element with this test id (ids mark a cell, the row has the rest). */
const tableRow = (page: Page, testId: string) => page.locator('tr', { has: page.getByTestId(testId) }).first()

async function chooseOption(page: Page, selectTestId: string, optionText: string) {
  await page.getByTestId(selectTestId).click()
  await page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: optionText })
    .first()
    .click()
  await page.keyboard.press('Escape')
}

describe('an administrator manages users and dictionaries through the shell', () => {
  test('signs in and sees the admin module, loaded from the admin remote', async () => {
    const remoteEntry = page.waitForResponse((r) => r.url().includes('/remotes/admin/remoteEntry.js'))
    await login(page, 'admin', 'admin123')
    expect((await remoteEntry).status()).toBe(200)
    await expect.poll(() => page.getByTestId('module-card-admin').isVisible()).toBe(true)
    await expect.poll(() => page.getByTestId('menu-admin').isVisible()).toBe(true)
  })

  test('adds an entry to the lead-source dictionary', async () => {
    await page.getByTestId('menu-admin').click()
    await page.getByTestId('menu-item-admin-dictionaries').click()
    await page.getByTestId('dict-type-lead_source').click()
    await page.getByTestId('dict-entry-create').click()
    await field(page, 'field-value').fill('e2e_trade_fair')
    await field(page, 'field-label.zh').fill('行业博览会')
    await field(page, 'field-label.en').fill('Trade fair')
    await page.getByTestId('drawer-submit').click()
    await expect.poll(() => page.getByTestId('dict-entry-e2e_trade_fair').isVisible()).toBe(true)
    await expect.poll(() => tableRow(page, 'dict-entry-e2e_trade_fair').textContent()).toContain('行业博览会')
  })

  test('creates a user with the restricted sales-rep role and sees them listed', async () => {
    await page.getByTestId('menu-item-admin-users').click()
    await page.getByTestId('users-create').click()
    await field(page, 'field-username').fill('rep.e2e')
    await field(page, 'field-displayName').fill('E2E 销售')
    await field(page, 'field-password').fill('rep-password-1')
    await chooseOption(page, 'field-roleIds', '销售代表')
    await page.getByTestId('drawer-submit').click()
    await expect.poll(() => page.getByTestId('user-row-rep.e2e').isVisible()).toBe(true)
    await expect.poll(() => tableRow(page, 'user-row-rep.e2e').textContent()).toContain('销售代表')
  })

  test('sees the new user’s history: the creation with its fields', async () => {
    await page.getByTestId('user-detail-rep.e2e').click()
    await page.getByTestId('history-tab-audit').click()
    const drawer = page.locator('[data-testid="history-drawer"]:visible')
    await expect.poll(() => drawer.textContent()).toContain('E2E 销售')
    expect(await drawer.textContent()).toContain('rep.e2e')
    await page.keyboard.press('Escape')
  })

  test('the sales rep has no admin menu and the admin URL is refused', async () => {
    await page.getByTestId('user-menu').click()
    await page.getByTestId('logout').click()
    await page.waitForURL(/\/login/)
    await login(page, 'rep.e2e', 'rep-password-1')
    await expect.poll(() => page.getByTestId('side-menu').isVisible()).toBe(true)
    expect(await page.getByTestId('menu-admin').count()).toBe(0)
    expect(await page.getByTestId('module-card-admin').count()).toBe(0)
    await page.goto('/admin/users')
    await expect.poll(() => page.getByTestId('forbidden').isVisible()).toBe(true)
    expect(await page.getByTestId('user-row-rep.e2e').count()).toBe(0)
  })

  test('no page errors along the way (e.g. a second copy of Vue)', () => {
    expect(errors).toEqual([])
  })
})
