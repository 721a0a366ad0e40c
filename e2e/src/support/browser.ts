import { chromium, type Browser, type Page } from 'playwright-core'
import { inject } from 'vitest'
import { BUSINESS_TIME_ZONE } from './time-zone.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Debian's Chromium, headless, with no background traffic (this machine's network is closed). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
}

export const baseUrl = () => inject('baseUrl')

export async function remoteServer(name: string, action: 'stop' | 'start') {
  const res = await fetch(`${inject('controlUrl')}/remotes/${name}/${action}`, { method: 'POST' })
  if (res.status !== 204) throw new Error(`${action} remote ${name}: ${res.status} ${await res.text()}`)
}

/** A page that fails the test on any uncaught page error (e.g. two copies of Vue). */
export async function newPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  // A user of the company, in its business time zone: the browser's "today" (a statement's period, a date
  // picker's default) is then the same calendar day the services date documents by, also after 16:00 UTC.
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: 'zh-CN',
    timezoneId: BUSINESS_TIME_ZONE,
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return { page, errors }
}

/** Element Plus puts attributes on the inner <input> for el-input, on a wrapper elsewhere: accept both. */
export function field(page: Page, testId: string) {
  return page
    .locator(
      `input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`,
    )
    .first()
}

export async function login(page: Page, username: string, password: string) {
  await page.goto('/login')
  await field(page, 'login-username').fill(username)
  await field(page, 'login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}
