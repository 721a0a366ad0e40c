import type { Locator, Page } from 'playwright-core'
import { field } from './browser.js'

/** The table row holding the element with this test id (ids mark a cell, the row has the rest). */
export const tableRow = (page: Page, testId: string) =>
  page.locator('tr', { has: page.getByTestId(testId) }).first()

/** Element Plus renders select options in a teleported popper; only the open one is visible. */
export async function chooseOption(page: Page, selectTestId: string, optionText: string) {
  await page.getByTestId(selectTestId).click()
  await page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item')
    .getByText(optionText, { exact: true })
    .click()
}

/** A UserPicker searches as one types; the option carries the username in its test id. */
export async function pickUser(page: Page, pickerTestId: string, username: string) {
  await page.getByTestId(pickerTestId).click()
  await field(page, pickerTestId).fill(username)
  await page.locator(`[data-testid="user-option-${username}"]:visible`).click()
}

/**
 * Clicks and returns the JSON of the API answer the click causes. A non-2xx answer fails the
 * step with the request and the service's problem text, so a broken journey says where.
 */
export async function clickForResponse<T>(
  page: Page,
  target: Locator,
  method: string,
  path: RegExp,
): Promise<T> {
  const answer = page.waitForResponse(
    (r) => r.request().method() === method && path.test(new URL(r.url()).pathname),
  )
  await target.click()
  const res = await answer
  if (!res.ok()) throw new Error(`${method} ${res.url()} → ${res.status()}: ${await res.text()}`)
  return (await res.json()) as T
}

/** Dialog and drawer footers render only while open: gone means the closing animation ended. */
export async function waitForClosed(page: Page, footerTestId: string) {
  await page.getByTestId(footerTestId).waitFor({ state: 'detached' })
}

/** Row actions past the inline ones sit in the row's "More" menu. */
export async function moreAction(page: Page, moreTestId: string, actionTestId: string) {
  await page.getByTestId(moreTestId).click()
  await page.locator(`[data-testid="${actionTestId}"]:visible`).click()
}
