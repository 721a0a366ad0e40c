// Drives Chromium through login → home → the first sales page (the customer list) and
// records every script the page downloads, as transferred, with the gzip size of its body.
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

export const STAGES = ['login', 'home', 'sales']

const isScript = (res) =>
  res.request().resourceType() === 'script' || /javascript/.test(res.headers()['content-type'] ?? '')

/**
 * @param {{ baseUrl: string, username?: string, password?: string, browser?: import('playwright-core').Browser }} opts
 * @returns {Promise<{ scripts: Array<{ stage: string, url: string, path: string, status: number,
 *   encoding: string | null, vary: string | null, raw: number, gz: number, transferred: number }>, errors: string[] }>}
 */
export async function runJourney({ baseUrl, username = 'admin', password = 'admin123', browser }) {
  const own = !browser
  browser ??= await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS })
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN' })
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  let stage = 'login'
  const pending = []
  const scripts = []
  page.on('requestfinished', (req) => {
    const at = stage
    pending.push(
      (async () => {
        const res = await req.response()
        if (!res || !isScript(res)) return
        const [body, sizes, headers] = await Promise.all([res.body(), req.sizes(), res.allHeaders()])
        scripts.push({
          stage: at,
          url: req.url(),
          path: new URL(req.url()).pathname,
          status: res.status(),
          encoding: headers['content-encoding'] ?? null,
          vary: headers['vary'] ?? null,
          raw: body.length,
          gz: gzipSync(body, { level: 9 }).length,
          transferred: sizes.responseBodySize,
        })
      })().catch((err) => errors.push(`recording ${req.url()}: ${err.message}`)),
    )
  })
  const settle = async () => {
    await page.waitForLoadState('networkidle')
    await Promise.all(pending.splice(0))
  }
  try {
    await page.goto('/login')
    await page
      .locator('[data-testid="login-username"] input, input[data-testid="login-username"]')
      .first()
      .waitFor()
    await settle()

    stage = 'home'
    await page
      .locator('[data-testid="login-username"] input, input[data-testid="login-username"]')
      .first()
      .fill(username)
    await page
      .locator('[data-testid="login-password"] input, input[data-testid="login-password"]')
      .first()
      .fill(password)
    await page.getByTestId('login-submit').click()
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
    await page.getByTestId('side-menu').waitFor()
    await settle()

    // A client-side navigation, as a click in the menu would do (no reload).
    stage = 'sales'
    await page.evaluate(() => {
      const app = /** @type {any} */ (document.querySelector('#app'))?.__vue_app__
      return app.config.globalProperties.$router.push('/sales/customers')
    })
    await page.waitForURL('**/sales/customers')
    await page.locator('.el-table').first().waitFor()
    await settle()
  } finally {
    await context.close()
    if (own) await browser.close()
  }
  return { scripts, errors }
}
