import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { click, mountOpen, resetAfterEach, settle } from '@mosaic/ui/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { sales } from '@mosaic/schemas'
import salesModule from '../../routes'
import { http, testI18n, useDefaultDictionaries } from '../../test-support'
import LeadConvertDialog from './LeadConvertDialog.vue'

resetAfterEach()
beforeEach(() => useDefaultDictionaries())

const lead = {
  id: '1e1e1e1e-0000-4000-8000-000000000001',
  version: 2,
  number: 'XS202601010001',
  name: 'Acme Trading',
  contactName: 'Li Lei',
  phone: '13800000000',
  email: null,
  industry: 'retail',
  status: 'qualified',
  access: 'scope',
} as sales.Lead
const CUSTOMER = '11111111-1111-4111-8111-111111111111'
const OPP = '0f0f0f0f-0000-4000-8000-000000000001'

async function open() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/sales', children: salesModule.routes }],
  })
  return mountOpen(LeadConvertDialog, { lead }, [testI18n('en'), router])
}

describe('LeadConvertDialog', () => {
  it('converts with the customer and contact prefilled from the lead, then links to what it created', async () => {
    http.post.mockResolvedValue({
      lead: { ...lead, status: 'converted' },
      customer: { id: CUSTOMER, number: 'KH202601010001', name: 'Acme Trading' },
      contact: { id: 'k1', name: 'Li Lei' },
      opportunity: { id: OPP, name: 'Acme Trading' },
    })
    const w = await open()
    document.querySelector<HTMLInputElement>('[data-testid="convert-with-opportunity"] input')!.click()
    await flushPromises()
    click('dialog-submit')
    await flushPromises()
    await settle()

    expect(http.post).toHaveBeenCalledWith(
      `/api/sales/leads/${lead.id}/convert`,
      {
        customer: { name: 'Acme Trading', status: 'intention', level: null, industry: 'retail' },
        contact: { name: 'Li Lei', title: null, phone: '13800000000', email: null },
        opportunity: {
          name: 'Acme Trading',
          stage: 'initial',
          expectedAmount: null,
          expectedCloseDate: null,
        },
      },
      { ifMatch: 2 },
    )
    expect(w.emitted('converted')).toHaveLength(1)
    const customerLink = document.querySelector('[data-testid="convert-customer-link"]')
    expect(customerLink?.getAttribute('href')).toBe(`/sales/customers/${CUSTOMER}`)
    expect(customerLink?.textContent).toContain('KH202601010001')
    expect(document.querySelector('[data-testid="convert-opportunity-link"]')?.getAttribute('href')).toBe(
      `/sales/opportunities?open=${OPP}`,
    )
    // Finished: the dialog only offers to close.
    expect(document.querySelector('[data-testid="dialog-submit"]')).toBeNull()
  })

  it('leaves the contact out when unticked', async () => {
    http.post.mockResolvedValue({ lead, customer: { id: CUSTOMER }, contact: null, opportunity: null })
    await open()
    document.querySelector<HTMLInputElement>('[data-testid="convert-with-contact"] input')!.click()
    await flushPromises()
    click('dialog-submit')
    await flushPromises()
    await settle()
    expect(http.post.mock.calls[0][1]).toMatchObject({ contact: null, opportunity: null })
  })
})
