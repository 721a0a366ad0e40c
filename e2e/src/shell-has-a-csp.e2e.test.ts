import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { baseUrl, launchBrowser, login, newPage } from './support/browser.js'

/**
 * Journey: the shell is served with a Content Security Policy (scripts from its own origin only)
 * and cannot be framed. Signing in and opening pages of both remotes logs no CSP violation.
 */
let browser: Browser
let page: Page
const refused: string[] = []

beforeAll(async () => {
  browser = await launchBrowser()
  ;({ page } = await newPage(browser))
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) refused.push(message.text())
  })
})
afterAll(async () => {
  await browser?.close()
})

describe('the shell under its CSP', () => {
  test('the login page carries the CSP and X-Frame-Options', async () => {
    const res = await page.goto('/login')
    const headers = res!.headers()
    expect(headers['content-security-policy']).toMatch(/script-src 'self'(;| 'sha256-)/)
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/)
    expect(headers['x-frame-options']).toBe('DENY')
  })

  test('signing in and opening both remotes logs no CSP violation', async () => {
    await login(page, 'admin', 'admin123')
    await page.goto('/admin/users')
    await expect.poll(() => page.getByTestId('users-create').isVisible(), { timeout: 30_000 }).toBe(true)
    await page.goto('/sales/customers')
    await page.waitForLoadState('networkidle')
    expect(refused).toEqual([])
  })

  test('another page cannot frame the shell', async () => {
    const { page: framer } = await newPage(browser)
    const messages: string[] = []
    framer.on('console', (m) => messages.push(m.text()))
    await framer.goto('about:blank')
    await framer.setContent(`<iframe id="f" src="${baseUrl()}/login"></iframe>`)
    await framer.waitForTimeout(1500)
    const frame = framer.frames().find((f) => f !== framer.mainFrame())
    const rendered = frame
      ? await frame
          .locator('#app')
          .count()
          .catch(() => 0)
      : 0
    expect(rendered).toBe(0)
    await framer.close()
  })
})
