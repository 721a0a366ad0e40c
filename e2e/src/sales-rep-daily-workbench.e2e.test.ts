import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Dashboard, ImportBatch, Page as ListPage, sales } from '@mosaic/schemas'
import { launchBrowser, login, newPage } from './support/browser.js'
import { apiLogin, createCustomer, createSalesTeam, type ApiSession, type SalesTeam } from './support/api.js'
import { chooseOption, clickForResponse, tableRow } from './support/ui.js'

/**
 * Journey (8/8, the daily workbench): a rep opens the home page and finds this month's new customers
 * there, a figure that opens the customer list with the same count; imports customers from a CSV —
 * a dry run shows the bad row before anything is written, the corrected file goes in with progress,
 * and the whole batch is undone; sets the level of two customers in one bulk edit; exports the list.
 */
let browser: Browser
let page: Page
let errors: string[]
let team: SalesTeam
let rep: ApiSession
let manager: ApiSession
let managerPage: Page
const customers: sales.Customer[] = []

const named = (what: string) => `${what} ${team.tag}`
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n') + '\n', 'utf8')

async function customerNamed(name: string, as: ApiSession = rep): Promise<sales.Customer | undefined> {
  const list = await as.json<ListPage<sales.Customer>>(
    'GET',
    `/api/sales/customers?q=${encodeURIComponent(name)}`,
  )
  return list.items.find((c) => c.name === name)
}

beforeAll(async () => {
  team = await createSalesTeam()
  rep = await apiLogin(team.rep1.username, team.rep1.password)
  for (const what of ['杭州晨光文具', '宁波海风渔具'])
    customers.push((await createCustomer(rep, named(what))).customer)
  browser = await launchBrowser()
  ;({ page, errors } = await newPage(browser))
  await login(page, team.rep1.username, team.rep1.password)
  manager = await apiLogin(team.manager.username, team.manager.password)
  managerPage = (await newPage(browser)).page
  await login(managerPage, team.manager.username, team.manager.password)
})
afterAll(async () => {
  await browser?.close()
})

describe("a rep's daily workbench", () => {
  test('the home page counts this month’s new customers, and the figure opens the same list', async () => {
    const dashboard = await rep.json<Dashboard>('GET', '/api/sales/dashboard')
    const figure = dashboard.figures.find((f) => f.key === 'sales.newCustomers')!
    expect(Number(figure.value)).toBeGreaterThanOrEqual(customers.length)
    await page.goto('/')
    const card = page.getByTestId('kpi-sales.newCustomers')
    await expect
      .poll(() => card.getByTestId('kpi-value').textContent(), { timeout: 20_000 })
      .toBe(figure.value)
    await card.getByTestId('kpi-value').click()
    await page.waitForURL('**/sales/customers?**')
    expect(new URL(page.url()).searchParams.get('createdFrom')).toBe(figure.link!.query.createdFrom)
    await expect
      .poll(() => page.getByTestId('list-total').textContent(), { timeout: 15_000 })
      .toBe(`共 ${figure.value} 条`)
  })

  test('a manager’s import shows the bad row in a dry run, writes nothing, then goes in and is undone', async () => {
    await managerPage.goto('/sales/customers')
    const bad = csv([
      ['客户名称', '客户级别', '电话'],
      [named('温州东方鞋业'), 'A级（重点客户）', '0577-8888001'],
      [named('台州远航机械'), '不存在的级别', '0576-8888002'],
    ])
    await managerPage.getByTestId('list-import').click()
    await managerPage
      .getByTestId('import-file')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: bad })
    await managerPage.getByTestId('import-step-mapping').waitFor()
    await managerPage.getByTestId('import-next').click()
    await managerPage.getByTestId('import-dry-run').click()
    const problems = managerPage.getByTestId('import-errors')
    await expect.poll(() => problems.textContent(), { timeout: 15_000 }).toContain('不存在的级别')
    expect(await problems.textContent()).toContain('3')
    expect(await managerPage.getByTestId('import-commit').isDisabled()).toBe(true)
    expect(await customerNamed(named('温州东方鞋业'), manager)).toBeUndefined()
    // Closed from its header; opening it again starts over with a new file.
    await managerPage.locator('[data-testid="import-dialog"] .el-dialog__headerbtn').click()
    await managerPage.getByTestId('import-step-file').waitFor({ state: 'detached' })

    const good = csv([
      ['客户名称', '客户级别', '电话'],
      [named('温州东方鞋业'), 'A级（重点客户）', '0577-8888001'],
      [named('台州远航机械'), 'B级（普通客户）', '0576-8888002'],
    ])
    await managerPage.getByTestId('list-import').click()
    await managerPage
      .getByTestId('import-file')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: good })
    await managerPage.getByTestId('import-step-mapping').waitFor()
    await managerPage.getByTestId('import-next').click()
    await managerPage.getByTestId('import-dry-run').click()
    await managerPage.getByTestId('import-no-errors').waitFor()
    await managerPage.getByTestId('import-commit').click()
    await managerPage.getByTestId('import-done').waitFor({ timeout: 60_000 })
    const imported = await customerNamed(named('温州东方鞋业'), manager)
    expect(imported?.level).toBe('A')
    expect((await customerNamed(named('台州远航机械'), manager))?.level).toBe('B')
    await managerPage.getByTestId('import-close').click()

    const batches = await manager.json<ImportBatch[]>('GET', '/api/sales/customers/imports')
    const batch = batches.find((b) => b.status === 'committed' && b.created === 2)!
    await managerPage.getByTestId('list-import-batches').click()
    await managerPage.getByTestId(`import-undo-${batch.id}`).click()
    await clickForResponse(
      managerPage,
      managerPage.locator('.el-message-box__btns .el-button--primary'),
      'POST',
      new RegExp(`^/api/sales/customers/imports/${batch.id}/undo$`),
    )
    await managerPage.getByTestId('bulk-result').waitFor()
    expect(await customerNamed(named('温州东方鞋业'), manager)).toBeUndefined()
    expect(await customerNamed(named('台州远航机械'), manager)).toBeUndefined()
  })

  test('a bulk edit sets the level of two customers at once, each reported', async () => {
    await page.goto(`/sales/customers?q=${encodeURIComponent(team.tag)}`)
    for (const c of customers)
      await tableRow(page, `customer-row-${c.number}`).locator('.el-checkbox').first().click()
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toContain('2')
    await page.getByTestId('bulk-edit').click()
    await chooseOption(page, 'bulk-edit-field', '客户级别')
    await page.getByTestId('bulk-edit-value-level').locator('.el-select').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'C级' }).last().click()
    await page.getByTestId('bulk-edit-submit').click()
    const result = page.getByTestId('bulk-result')
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain(customers[0]!.name)
    for (const c of customers) expect((await customerNamed(c.name))?.level).toBe('C')
  })

  test('the list exports what it shows: the rep’s customers, as a file', async () => {
    await page.goto(`/sales/customers?q=${encodeURIComponent(team.tag)}`)
    await page.getByTestId('list-export-button').click()
    const download = page.waitForEvent('download')
    await page.locator('[data-testid="list-export-csv"]:visible').click()
    const file = await (await download).path()
    const text = await readFile(file, 'utf8')
    for (const c of customers) expect(text).toContain(c.name)
    expect(text).toContain('客户名称')
    expect(errors).toEqual([])
  })
})
