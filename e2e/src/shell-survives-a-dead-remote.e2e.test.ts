import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, login, newPage, remoteServer } from './support/browser.js'

/**
 * Journey: the admin remote's server goes down. The shell still renders — home, menu, top bar —
 * and the admin pages show the "module unavailable" panel; once the server is back, retry works.
 */
let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  ;({ page } = await newPage(browser))
  await login(page, 'admin', 'admin123')
})
afterAll(async () => {
  await remoteServer('admin', 'start').catch(() => {})
  await browser?.close()
})

describe('the shell keeps working when a remote is down', () => {
  test('with the admin remote stopped, the shell renders and shows the unavailable panel', async () => {
    await remoteServer('admin', 'stop')
    await page.goto('/admin/users')
    await expect
      .poll(() => page.getByTestId('remote-unavailable').isVisible(), { timeout: 30_000 })
      .toBe(true)
    expect(await page.getByTestId('user-menu').isVisible()).toBe(true)
    expect(await page.getByTestId('side-menu').isVisible()).toBe(true)
    await page.goto('/')
    await expect
      .poll(() => page.getByTestId('module-card-admin').textContent())
      .toMatch(/不可用|unavailable/i)
  })

  test('after the remote comes back, retry loads the real page without a reload', async () => {
    await page.goto('/admin/users')
    await expect
      .poll(() => page.getByTestId('remote-unavailable').isVisible(), { timeout: 30_000 })
      .toBe(true)
    await remoteServer('admin', 'start')
    await page.getByTestId('remote-retry').click()
    await expect.poll(() => page.getByTestId('users-create').isVisible(), { timeout: 30_000 }).toBe(true)
  })
})
