import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { OptionsField, UserPicker } from '@mosaic/ui'
import { type } from '@mosaic/ui/test-utils'
import {
  CONTACT,
  CUSTOMER,
  accountFixture,
  http,
  linksFixture,
  mountOpened,
  mountService,
  pageOf,
  pageText,
  press,
  usePageTests,
} from '../../test-support'
import PortalAccountDialog from './PortalAccountDialog.vue'
import ResetPasswordDialog from './ResetPasswordDialog.vue'

usePageTests()

const ACCOUNTS = '/api/tickets/portal-accounts'
const account = accountFixture()
const answer = (path: string) => {
  if (path === ACCOUNTS) return pageOf([account])
  if (path === '/api/tickets/lookups/customers') return [{ id: CUSTOMER, name: 'Acme 公司' }]
  if (path === `/api/tickets/lookups/customers/${CUSTOMER}`) return linksFixture()
  throw new Error(`unexpected GET ${path}`)
}

describe('customer accounts page', () => {
  it('lists accounts by customer, and switches one off in place with If-Match', async () => {
    const { wrapper, warnings } = await mountService('/service/portal-accounts', answer)
    for (const shown of ['lilei@acme', '李雷', 'Acme 公司']) expect(pageText()).toContain(shown)
    wrapper.findComponent(UserPicker).vm.$emit('update:modelValue', CUSTOMER)
    type('filter-q', 'lilei')
    await flushPromises()
    http.get.mockClear()
    await press('list-search')
    expect(http.get).toHaveBeenCalledWith(ACCOUNTS, {
      query: expect.objectContaining({ customerId: CUSTOMER, q: 'lilei' }),
    })

    http.patch.mockResolvedValueOnce({ ...account, enabled: false })
    await press(`account-enabled-${account.id}`)
    expect(http.patch).toHaveBeenCalledWith(`${ACCOUNTS}/${account.id}`, { enabled: false }, { ifMatch: 2 })
    expect(warnings).toEqual([])
  })

  it('shows the switch read-only without the update permission', async () => {
    await mountService('/service/portal-accounts', answer, { permissions: ['tickets.portal-account.read'] })
    await press(`account-enabled-${account.id}`)
    expect(http.patch).not.toHaveBeenCalled()
    expect(document.querySelector<HTMLElement>('[data-testid="account-create"]')!.style.display).toBe('none')
  })

  it('deletes for good after the 永久删除 confirmation', async () => {
    await mountService('/service/portal-accounts', answer, { locale: 'zh-CN' })
    await press(`account-delete-${account.id}`)
    expect(document.querySelector('.mosaic-confirm-delete')!.textContent).toContain('该客户账户将被永久删除')
    document.querySelector<HTMLElement>('.mosaic-confirm-delete .el-button--danger')!.click()
    await flushPromises()
    expect(http.delete).toHaveBeenCalledWith(`${ACCOUNTS}/${account.id}`, { ifMatch: 2 })
  })
})

describe('customer account dialogs', () => {
  it('adds an account for one of the customer’s contacts, named after the contact', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    const w = await mountOpened(PortalAccountDialog, { account: null, customerId: CUSTOMER })
    expect(http.get).toHaveBeenCalledWith(`/api/tickets/lookups/customers/${CUSTOMER}`)
    w.findComponent(OptionsField).vm.$emit('update:modelValue', CONTACT)
    type('field-account', 'lilei@acme')
    type('field-password', 'secret-123')
    await flushPromises()
    http.post.mockResolvedValueOnce(account)
    await press('account-submit')
    expect(http.post).toHaveBeenCalledWith(ACCOUNTS, {
      customerId: CUSTOMER,
      contactId: CONTACT,
      account: 'lilei@acme',
      password: 'secret-123',
      displayName: '李雷',
      enabled: true,
    })
  })

  it('refuses a short initial password before sending', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    const w = await mountOpened(PortalAccountDialog, { account: null, customerId: CUSTOMER })
    w.findComponent(OptionsField).vm.$emit('update:modelValue', CONTACT)
    type('field-account', 'lilei@acme')
    type('field-password', 'short')
    await flushPromises()
    await press('account-submit')
    expect(http.post).not.toHaveBeenCalled()
  })

  it('edits the name and the enabled flag only, with If-Match', async () => {
    await mountOpened(PortalAccountDialog, { account, customerId: null })
    expect(document.querySelector('[data-testid="field-account"]')).toBeNull()
    type('field-displayName', '李雷（采购）')
    await flushPromises()
    http.patch.mockResolvedValueOnce(account)
    await press('account-submit')
    expect(http.patch).toHaveBeenCalledWith(
      `${ACCOUNTS}/${account.id}`,
      { displayName: '李雷（采购）', enabled: true },
      { ifMatch: 2 },
    )
  })

  it('resets the password once it is confirmed', async () => {
    const w = await mountOpened(ResetPasswordDialog, { account })
    const [next, confirm] = document.querySelectorAll<HTMLInputElement>('input[type="password"]')
    for (const [el, v] of [
      [next!, 'new-secret-1'],
      [confirm!, 'new-secret-1'],
    ] as const) {
      el.value = v
      el.dispatchEvent(new Event('input'))
    }
    await flushPromises()
    http.post.mockResolvedValueOnce(account)
    await press('account-reset-submit')
    expect(http.post).toHaveBeenCalledWith(
      `${ACCOUNTS}/${account.id}/reset-password`,
      { password: 'new-secret-1' },
      { ifMatch: 2 },
    )
    expect(w.emitted('saved')).toHaveLength(1)
  })
})
