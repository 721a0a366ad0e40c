import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { DictSelect } from '@mosaic/dictionary/vue'
import { type } from '@mosaic/ui/test-utils'
import {
  RECEIVABLE,
  http,
  invoiceFixture,
  mountEnglish,
  mountFinance,
  pageOf,
  pageText,
  planFixture,
  press,
  receivableFixture,
  usePageTests,
} from '../../test-support'
import InvoiceDialogs from './InvoiceDialogs.vue'

usePageTests()

const requested = invoiceFixture()
const issued = invoiceFixture({
  id: '99999999-0000-4000-8000-000000000010',
  status: 'issued',
  invoiceNumber: 'FP0001',
  issueDate: '2026-02-02',
})
const mailed = invoiceFixture({
  id: '99999999-0000-4000-8000-000000000011',
  status: 'mailed',
  invoiceNumber: 'FP0002',
  issueDate: '2026-02-03',
  courier: 'sf',
  trackingNumber: 'SF1001',
})

function mountDialogs() {
  http.get.mockImplementation(async (path: string) => {
    if (path === `/api/finance/receivables/${RECEIVABLE}/plan`) return planFixture()
    throw new Error(`unexpected GET ${path}`)
  })
  return mountEnglish(InvoiceDialogs)
}

describe('invoice actions', () => {
  it('issues a requested invoice with its number and date', async () => {
    const w = mountDialogs()
    w.vm.run('issue', requested)
    await flushPromises()
    type('field-invoiceNumber', 'FP0001')
    await flushPromises()
    http.post.mockResolvedValueOnce(issued)
    await press('invoice-issue-submit')
    expect(http.post).toHaveBeenCalledWith(
      `/api/finance/invoices/${requested.id}/issue`,
      { invoiceNumber: 'FP0001', issueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      { ifMatch: 1 },
    )
    expect(w.emitted('changed')).toHaveLength(1)
  })

  it('mails an issued invoice with the courier and tracking number', async () => {
    const w = mountDialogs()
    w.vm.run('mail', issued)
    await flushPromises()
    w.findComponent(DictSelect).vm.$emit('update:modelValue', 'sf')
    type('field-trackingNumber', 'SF1001')
    await flushPromises()
    http.post.mockResolvedValueOnce(mailed)
    await press('invoice-mail-submit')
    expect(http.post).toHaveBeenCalledWith(
      `/api/finance/invoices/${issued.id}/mail`,
      expect.objectContaining({ courier: 'sf', trackingNumber: 'SF1001' }),
      { ifMatch: 1 },
    )
  })

  it('voids with a reason', async () => {
    const w = mountDialogs()
    w.vm.run('void', issued)
    await flushPromises()
    const reason = document.querySelector<HTMLTextAreaElement>('textarea, input[data-testid="field-reason"]')!
    reason.value = 'Wrong title'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    http.post.mockResolvedValueOnce({ ...issued, status: 'voided' })
    await press('dialog-submit')
    expect(http.post).toHaveBeenCalledWith(
      `/api/finance/invoices/${issued.id}/void`,
      { reason: 'Wrong title' },
      { ifMatch: 1 },
    )
  })

  it('requests an invoice prefilled from the contract invoice details, within what is not invoiced', async () => {
    const w = mountDialogs()
    w.vm.request(RECEIVABLE)
    await flushPromises()
    expect(document.querySelector<HTMLInputElement>('[data-testid="field-title"]')!.value).toBe('Acme 公司')
    expect(document.querySelector<HTMLInputElement>('[data-testid="field-taxNumber"]')!.value).toBe(
      '91310000MA1',
    )
    expect(document.querySelector('[data-testid="invoice-max"]')!.textContent).toContain('¥70,000.00')
    type('field-amount', '20000.00')
    await flushPromises()
    http.post.mockResolvedValueOnce(invoiceFixture({ amount: '20000.00' }))
    await press('invoice-submit')
    expect(http.post).toHaveBeenCalledWith('/api/finance/invoices', {
      receivableId: RECEIVABLE,
      type: 'vat_special',
      title: 'Acme 公司',
      taxNumber: '91310000MA1',
      amount: '20000.00',
      instalmentId: null,
      remark: null,
    })
  })
})

describe('invoices page', () => {
  const answer = (path: string) => {
    if (path === '/api/finance/invoices') return pageOf([requested, issued, mailed])
    if (path === '/api/finance/receivables') return pageOf([receivableFixture()])
    throw new Error(`unexpected GET ${path}`)
  }

  it('lists invoices with status labels, money and courier names, and offers the actions each status allows', async () => {
    const { warnings } = await mountFinance('/finance/invoices', answer)
    expect(pageText()).toContain('Requested')
    expect(pageText()).toContain('¥30,000.00')
    expect(pageText()).toContain('顺丰速运')
    expect(document.querySelector(`[data-testid="invoice-issue-${requested.id}"]`)).not.toBeNull()
    expect(document.querySelector(`[data-testid="invoice-mail-${issued.id}"]`)).not.toBeNull()
    expect(document.querySelector(`[data-testid="invoice-issue-${issued.id}"]`)).toBeNull()
    expect(warnings).toEqual([])
  })

  it('sums invoicing by contract and requests from there', async () => {
    await mountFinance('/finance/invoices', answer)
    document.querySelector<HTMLElement>('#tab-contracts')!.click()
    await flushPromises()
    expect(pageText()).toContain('¥70,000.00')
    expect(document.querySelector('[data-testid="invoice-request-HT202601010001"]')).not.toBeNull()
  })
})
