import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Page as ListAnswer, sales } from '@mosaic/schemas'
import { baseUrl, launchBrowser, login } from './support/browser.js'
import { apiLogin, createCustomer, createSalesTeam, type SalesTeam } from './support/api.js'
import { BUSINESS_TIME_ZONE } from './support/time-zone.js'

/**
 * Journey: a rep with a couple of dozen customers reads the customer list on a 1440 px screen, in
 * Chinese and in English: every number and date shows whole, the fixed action column covers
 * nothing, links wear the theme colour, and the numbered pager (page size, jump to page) works and
 * survives a reload.
 */
const CUSTOMERS = 23
let browser: Browser
let page: Page
let errors: string[]
let team: SalesTeam

beforeAll(async () => {
  team = await createSalesTeam()
  const session = await apiLogin(team.rep1.username, team.rep1.password)
  for (let i = 1; i <= CUSTOMERS; i++) {
    await createCustomer(session, `分页测试客户 ${String(i).padStart(2, '0')} ${team.tag}`, {
      contacts: [`联系人${i}`],
    })
  }
  browser = await launchBrowser()
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: 'zh-CN',
    timezoneId: BUSINESS_TIME_ZONE,
    viewport: { width: 1440, height: 900 },
  })
  page = await context.newPage()
  errors = []
  page.on('pageerror', (e) => errors.push(e.message))
})
afterAll(async () => {
  await browser?.close()
})

/** Cells of the whole-value kinds whose text overflows their box (should be none). */
function truncatedCells(p: Page) {
  return p.evaluate(() => {
    const kinds = ['number', 'money', 'date', 'datetime', 'user', 'status']
    const selector = kinds.map((k) => `[data-testid="list-table"] td.mosaic-col--${k} .cell`).join(', ')
    return Array.from(document.querySelectorAll<HTMLElement>(selector))
      .filter((cell) => cell.scrollWidth > cell.clientWidth)
      .map((cell) => `${cell.textContent} (${cell.scrollWidth} > ${cell.clientWidth})`)
  })
}

/** Header cells lying (partly) under the fixed action column, and whether the body scrolls sideways. */
function coveredByActions(p: Page) {
  return p.evaluate(() => {
    const table = document.querySelector('[data-testid="list-table"]')!
    const headers = Array.from(table.querySelectorAll<HTMLElement>('.el-table__header th'))
    const actions = headers.find((th) => th.classList.contains('mosaic-col--actions'))
    if (!actions) return ['no action column']
    const left = actions.getBoundingClientRect().left
    const covered = headers
      .filter((th) => th !== actions && th.getBoundingClientRect().right > left + 1)
      .map((th) => th.textContent ?? '?')
    const wrap = table.querySelector<HTMLElement>('.el-table__body-wrapper .el-scrollbar__wrap')
    if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) {
      const widths = headers.map((th) => `${th.textContent}=${Math.round(th.getBoundingClientRect().width)}`)
      covered.push(
        `(the table scrolls sideways: ${wrap.scrollWidth} > ${wrap.clientWidth}; ${widths.join(' ')})`,
      )
    }
    return covered
  })
}

async function openCustomers(p: Page, query = '') {
  const answered = p.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/sales/customers',
  )
  await p.goto(`/sales/customers${query}`)
  const answer = (await (await answered).json()) as ListAnswer<sales.Customer>
  await expect.poll(() => p.getByTestId('list-table').getAttribute('data-state')).toBe('rows')
  return answer
}

describe('the customer list at 1440 × 900', () => {
  test('in Chinese: numbers and dates whole, nothing under the action column, theme-coloured links', async () => {
    await login(page, team.rep1.username, team.rep1.password)
    const answer = await openCustomers(page)
    expect(answer.total).toBe(CUSTOMERS)
    expect(await page.getByTestId('list-total').textContent()).toBe(`共 ${CUSTOMERS} 条`)
    expect(await truncatedCells(page)).toEqual([])
    expect(await coveredByActions(page)).toEqual([])
    const link = page.locator('[data-testid^="customer-row-"]').first()
    const colour = await link.evaluate((a) => getComputedStyle(a).color)
    const primary = await link.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--el-color-primary').trim(),
    )
    expect(colour).not.toBe('rgb(85, 26, 139)') // the browser's visited purple
    expect(colour).not.toBe('rgb(0, 0, 238)') // the browser's link blue
    expect(primary).not.toBe('')
  })

  test('the pager: page size 10, jump to page 2, and a reload keeps the page', async () => {
    await page.getByTestId('list-page-size').click()
    const resized = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sales/customers')
    await page.getByTestId('list-page-size-10').click()
    const first = (await (await resized).json()) as ListAnswer<sales.Customer>
    expect(first.items).toHaveLength(10)
    await expect.poll(() => page.locator('.el-pager li').allInnerTexts()).toEqual(['1', '2', '3'])
    expect(new URL(page.url()).searchParams.get('size')).toBe('10')

    const jumped = page.waitForResponse((r) => new URL(r.url()).searchParams.get('page') === '2')
    const jump = page.locator('.el-pagination__jump input')
    await jump.fill('2')
    await jump.press('Enter')
    const second = (await (await jumped).json()) as ListAnswer<sales.Customer>
    expect(second.items).toHaveLength(10)
    expect(second.items.map((c) => c.id)).not.toContain(first.items[0]!.id)
    await expect.poll(() => page.locator('.el-pager li.is-active').innerText()).toBe('2')
    expect(new URL(page.url()).searchParams.get('page')).toBe('2')

    const reloaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sales/customers')
    await page.reload()
    const again = (await (await reloaded).json()) as ListAnswer<sales.Customer>
    expect(again.items.map((c) => c.id)).toEqual(second.items.map((c) => c.id))
    await expect.poll(() => page.locator('.el-pager li.is-active').innerText()).toBe('2')
  })

  test('in English: still nothing truncated or covered', async () => {
    await page.evaluate(() => localStorage.setItem('mosaic.locale', 'en'))
    await openCustomers(page)
    await expect.poll(() => page.getByTestId('list-total').textContent()).toBe(`${CUSTOMERS} in total`)
    expect(await truncatedCells(page)).toEqual([])
    expect(await coveredByActions(page)).toEqual([])
    expect(errors).toEqual([])
  })
})
