import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import {
  click,
  mountOpen,
  problemError as problem,
  resetAfterEach,
  settle,
  type,
} from '@mosaic/ui/test-utils'
import type { sales } from '@mosaic/schemas'
import { http, testI18n, useDefaultDictionaries, withPermissions } from '../../test-support'
import CustomerFormDrawer from './CustomerFormDrawer.vue'

resetAfterEach()
beforeEach(() => useDefaultDictionaries())

const ACME = '11111111-1111-4111-8111-111111111111'
const noDuplicates: sales.DuplicateCheck = { exact: null, similar: [] }

async function open() {
  return mountOpen(CustomerFormDrawer, { customer: null }, [
    testI18n('en'),
    withPermissions('sales.customer.create'),
  ])
}
const duplicateCalls = () =>
  http.get.mock.calls.filter(([path]) => path === '/api/sales/customers/duplicates')
const nameError = () =>
  document
    .querySelector('[data-testid="field-name"]')
    ?.closest('.el-form-item')
    ?.querySelector('.el-form-item__error')

describe('CustomerFormDrawer duplicate check', () => {
  it('asks once the typing pauses and shows similar names as a hint', async () => {
    http.get.mockImplementation(async (path: string) =>
      path === '/api/sales/customers/duplicates'
        ? {
            exact: null,
            similar: [{ id: ACME, number: 'KH202601010001', name: 'Acme Shanghai', ownerName: 'Ann' }],
          }
        : noDuplicates,
    )
    await open()
    type('field-name', 'A')
    type('field-name', 'Ac')
    type('field-name', 'Acme')
    await settle(450)
    await flushPromises()
    expect(duplicateCalls()).toEqual([
      ['/api/sales/customers/duplicates', { query: { name: 'Acme', excludeId: undefined } }],
    ])
    const hint = document.querySelector('[data-testid="duplicate-hint"]')
    expect(hint?.textContent).toContain('Similar customers:')
    expect(hint?.textContent).toContain('Acme Shanghai (KH202601010001 · Ann)')
    expect(nameError()).toBeFalsy()
  })

  it('shows an exact duplicate as the name error and does not submit it', async () => {
    http.get.mockImplementation(async (path: string) =>
      path === '/api/sales/customers/duplicates'
        ? {
            exact: {
              visible: true,
              id: ACME,
              number: 'KH202601010001',
              name: 'ACME',
              ownerName: null,
              inPool: true,
            },
            similar: [{ id: ACME, number: 'KH202601010001', name: 'ACME', ownerName: null }],
          }
        : noDuplicates,
    )
    await open()
    type('field-name', 'acme')
    await settle(450)
    await flushPromises()
    await settle()
    expect(nameError()?.textContent).toContain(
      'Customer "ACME" already exists (KH202601010001, owner: In the pool)',
    )
    // The exact match is the error; it is not repeated as a "similar" hint.
    expect(document.querySelector('[data-testid="duplicate-hint"]')).toBeNull()

    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).not.toHaveBeenCalled()
  })

  it('creates with an optional primary contact when the name is free', async () => {
    http.get.mockResolvedValue(noDuplicates)
    http.post.mockResolvedValue({ id: ACME })
    await open()
    type('field-name', 'Acme')
    document.querySelector<HTMLInputElement>('[data-testid="field-withContact"] input')!.click()
    await flushPromises()
    type('field-contact-name', 'Li Lei')
    type('field-contact-phone', '13800000000')
    await settle(450)
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledWith('/api/sales/customers', {
      name: 'Acme',
      status: 'potential',
      level: null,
      industry: null,
      source: null,
      phone: null,
      address: null,
      website: null,
      remark: null,
      nextFollowUpAt: null,
      contact: { name: 'Li Lei', title: null, phone: '13800000000', email: null },
    })
  })
})

describe('CustomerFormDrawer after a failed submit', () => {
  const contactNameError = () =>
    document
      .querySelector('[data-testid="field-contact-name"]')
      ?.closest('.el-form-item')
      ?.querySelector('.el-form-item__error')

  it('keeps the website and drops a stale "enter the name" once the contact name is filled', async () => {
    http.get.mockResolvedValue(noDuplicates)
    http.post.mockResolvedValue({ id: ACME })
    await open()
    type('field-name', 'Acme')
    type('field-website', 'www.acme.cn')
    document.querySelector<HTMLInputElement>('[data-testid="field-withContact"] input')!.click()
    await flushPromises()
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).not.toHaveBeenCalled()
    expect(contactNameError()?.textContent).toContain('Enter Name')

    type('field-contact-name', 'Ann Lee')
    await flushPromises()
    await settle()
    expect(contactNameError()).toBeFalsy()

    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledTimes(1)
    expect(http.post.mock.calls[0]![1]).toMatchObject({
      name: 'Acme',
      website: 'www.acme.cn',
      contact: { name: 'Ann Lee' },
    })
  })

  it('sends the corrected website after the server refused it and a contact was added', async () => {
    http.get.mockResolvedValue(noDuplicates)
    const refused = problem({
      status: 400,
      code: 'http.validation_failed',
      // A check only the server makes (the browser shares its format check).
      errors: [{ field: 'website', message: 'Invalid website address', code: 'validation.website' }],
    })
    http.post.mockRejectedValueOnce(refused).mockResolvedValue({ id: ACME })
    await open()
    type('field-name', 'Acme')
    type('field-website', 'www.acme.example')
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledTimes(1)
    const websiteError = () =>
      document
        .querySelector('[data-testid="field-website"]')
        ?.closest('.el-form-item')
        ?.querySelector('.el-form-item__error')
    expect(websiteError()?.textContent).toContain('Invalid website address')

    type('field-website', 'www.acme.cn')
    await flushPromises()
    await settle()
    expect(websiteError()).toBeFalsy()
    document.querySelector<HTMLInputElement>('[data-testid="field-withContact"] input')!.click()
    await flushPromises()
    type('field-contact-name', 'Ann Lee')
    await flushPromises()
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledTimes(2)
    expect(http.post.mock.calls[1]![1]).toMatchObject({
      website: 'www.acme.cn',
      contact: { name: 'Ann Lee' },
    })
  })
})

describe('CustomerFormDrawer formats', () => {
  it('refuses a malformed phone in the browser with the server’s message', async () => {
    http.get.mockResolvedValue(noDuplicates)
    await open()
    type('field-name', 'Acme')
    type('field-phone', 'call me')
    click('drawer-submit')
    await flushPromises()
    await settle()
    expect(http.post).not.toHaveBeenCalled()
    const error = document
      .querySelector('[data-testid="field-phone"]')
      ?.closest('.el-form-item')
      ?.querySelector('.el-form-item__error')
    expect(error?.textContent).toContain('Invalid phone number')
  })
})
