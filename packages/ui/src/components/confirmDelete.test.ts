import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { confirmDelete } from './confirmDelete'

async function clickButton(selector: string) {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 20))
  const button = document.querySelector(`.mosaic-confirm-delete ${selector}`) as HTMLElement | null
  if (!button) throw new Error(`no ${selector} in the message box`)
  button.click()
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('confirmDelete', () => {
  it('resolves false when the user cancels', async () => {
    const answer = confirmDelete('Alice')
    await clickButton('.el-message-box__btns .el-button:not(.el-button--danger)')
    expect(await answer).toBe(false)
  })

  it('resolves true when the user confirms, naming the record', async () => {
    const answer = confirmDelete('Alice', { locale: 'en' })
    await flushPromises()
    expect(document.querySelector('.mosaic-confirm-delete')?.textContent).toContain('Delete "Alice"?')
    await clickButton('.el-message-box__btns .el-button--danger')
    expect(await answer).toBe(true)
  })
})
