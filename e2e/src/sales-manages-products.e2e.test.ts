import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { orders } from '@mosaic/schemas'
import { field, launchBrowser, login, newPage } from './support/browser.js'
import { uniqueTag } from './support/api.js'
import { chooseOption, clickForResponse, tableRow, waitForClosed } from './support/ui.js'

/**
 * Journey: an administrator builds the product catalog in the sales app (served by the orders
 * service): a category, a product in it with a dictionary unit and prices, then takes it off sale.
 */
let browser: Browser
let page: Page
let errors: string[]
const tag = uniqueTag()
const category = `E2E设备${tag}`
const code = `E2E-${tag.toUpperCase()}`

beforeAll(async () => {
  browser = await launchBrowser()
  ;({ page, errors } = await newPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

describe('an administrator manages products', () => {
  test('adds a category in the tree', async () => {
    await login(page, 'admin', 'admin123')
    await page.getByTestId('menu-sales').click()
    await page.getByTestId('menu-item-sales-products').click()
    await page.getByTestId('category-create').click()
    await field(page, 'field-name').fill(category)
    await clickForResponse<orders.ProductCategory>(
      page,
      page.getByTestId('dialog-submit'),
      'POST',
      /^\/api\/orders\/categories$/,
    )
    await waitForClosed(page, 'dialog-submit')
    await expect.poll(() => page.getByTestId(`category-${category}`).count(), { timeout: 15_000 }).toBe(1)
  })

  test('adds a product in it; the list shows names and formatted amounts, not ids', async () => {
    await page.getByTestId('products-create').click()
    await field(page, 'field-code').fill(code)
    await field(page, 'field-name').fill(`工业网关 ${tag}`)
    // The tree select carries the test id on its input and on the tree in its dropdown.
    await page.getByTestId('field-categoryId').first().click()
    await page.locator('.el-select-dropdown:visible').getByText(category, { exact: true }).click()
    await chooseOption(page, 'field-unit', '台')
    await field(page, 'field-referencePrice').fill('1999.5')
    await field(page, 'field-taxRate').fill('13')
    const created = await clickForResponse<orders.Product>(
      page,
      page.getByTestId('drawer-submit'),
      'POST',
      /^\/api\/orders\/products$/,
    )
    expect(created).toMatchObject({
      code,
      unit: 'set',
      referencePrice: '1999.50',
      taxRate: '13.00',
      onSale: true,
    })
    await waitForClosed(page, 'drawer-submit')
    const row = tableRow(page, `product-row-${code}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(category)
    const text = (await row.textContent()) ?? ''
    expect(text).toContain('¥1,999.50')
    expect(text).toContain('台')
    expect(text).not.toContain(created.id)
  })

  test('takes it off sale', async () => {
    const taken = await clickForResponse<orders.Product>(
      page,
      page.getByTestId(`product-off-sale-${code}`),
      'POST',
      /^\/api\/orders\/products\/[^/]+\/off-sale$/,
    )
    expect(taken.onSale).toBe(false)
    await expect.poll(() => page.getByTestId(`product-on-sale-${code}`).count(), { timeout: 15_000 }).toBe(1)
    expect(await tableRow(page, `product-row-${code}`).textContent()).toContain('已下架')
  })

  test('in English the same row reads in English', async () => {
    await page.evaluate(() => localStorage.setItem('mosaic.locale', 'en'))
    await page.reload()
    const row = tableRow(page, `product-row-${code}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Off sale')
    const text = (await row.textContent()) ?? ''
    expect(text).toContain('Set')
    expect(text).toContain('¥1,999.50')
    expect(await page.getByTestId(`product-on-sale-${code}`).textContent()).toContain('Put on sale')
    expect(errors).toEqual([])
  })
})
