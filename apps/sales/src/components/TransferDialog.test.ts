import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { click, resetAfterEach, settle, type } from '@mosaic/ui/test-utils'
import { ElRadioGroup } from 'element-plus'
import type { sales } from '@mosaic/schemas'
import { UserPicker } from '@mosaic/ui'
import { http, testI18n } from '../test-support'
import TransferDialog from './TransferDialog.vue'

resetAfterEach()

const ACME = '11111111-1111-4111-8111-111111111111'
const BETA = '22222222-2222-4222-8222-222222222222'
const ANN = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'
const BOB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'

const preview: sales.TransferPreview = {
  toOwner: { id: BOB, name: 'Bob' },
  changes: [
    {
      entityType: 'customer',
      id: ACME,
      title: 'Acme',
      rootId: ACME,
      fromOwnerId: ANN,
      fromOwnerName: 'Ann',
      change: 'owner',
    },
    {
      entityType: 'contact',
      id: 'c0c0c0c0-0000-4000-8000-000000000001',
      title: 'Li Lei',
      rootId: ACME,
      fromOwnerId: ANN,
      fromOwnerName: 'Ann',
      change: 'owner',
    },
    {
      entityType: 'customer',
      id: ACME,
      title: 'Acme',
      rootId: ACME,
      fromOwnerId: ANN,
      fromOwnerName: 'Ann',
      change: 'team',
    },
    {
      entityType: 'quote',
      id: 'd0d0d0d0-0000-4000-8000-000000000001',
      title: 'BJ001',
      rootId: ACME,
      fromOwnerId: ANN,
      fromOwnerName: 'Ann',
      change: 'requested',
      status: 'approved',
    },
  ],
  problems: [{ id: BETA, title: 'Beta', status: 423, detail: 'Beta is locked by its owner' }],
  customerLimit: { owned: 49, adding: 1, limit: 50 },
}

async function openDialog() {
  http.get.mockResolvedValue({
    cascades: { customer: ['contacts', 'opportunities', 'quotes'], lead: [], opportunity: [] },
  })
  const wrapper = mount(TransferDialog, {
    props: {
      entityType: 'customer',
      records: [
        { id: ACME, title: 'Acme', ownerId: ANN },
        { id: BETA, title: 'Beta', ownerId: ANN },
      ],
      modelValue: false,
    },
    global: { plugins: [testI18n('en')] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

describe('TransferDialog', () => {
  it('refuses to preview without a new owner', async () => {
    await openDialog()
    click('dialog-submit')
    await flushPromises()
    await settle()
    expect(http.post).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('Choose the new owner')
  })

  it('previews, shows every change and problem, then commits exactly the previewed body', async () => {
    http.post.mockResolvedValueOnce(preview).mockResolvedValueOnce({ ...preview, transferred: 1 })
    const wrapper = await openDialog()
    wrapper.findComponent(UserPicker).vm.$emit('update:modelValue', BOB)
    // Only the cascades the service offers are shown.
    expect(http.get).toHaveBeenCalledWith('/api/sales/transfers/options')
    expect(document.querySelector('[data-testid="transfer-cascade-quotes"]')).not.toBeNull()
    expect(document.querySelector('[data-testid="transfer-cascade-contracts"]')).toBeNull()
    document.querySelector<HTMLInputElement>('[data-testid="transfer-cascade-opportunities"] input')!.click()
    document.querySelector<HTMLInputElement>('[data-testid="transfer-cascade-quotes"] input')!.click()
    wrapper.findComponent(ElRadioGroup).vm.$emit('update:modelValue', 'read')
    type('transfer-reason', ' handing over ')
    await flushPromises()

    click('dialog-submit')
    await flushPromises()
    await settle()
    const expected: sales.TransferRequest = {
      entityType: 'customer',
      ids: [ACME, BETA],
      toOwnerId: BOB,
      cascade: { contacts: true, opportunities: false, quotes: true, contracts: false },
      oldOwner: 'read',
      reason: 'handing over',
    }
    expect(http.post).toHaveBeenCalledTimes(1)
    expect(http.post).toHaveBeenCalledWith('/api/sales/transfers/preview', expected)

    const shown = document.querySelector('[data-testid="transfer-preview"]')!.textContent
    expect(shown).toContain('Beta is locked by its owner')
    expect(shown).toContain('1 records cannot be transferred')
    expect(shown).toContain('has 49 customers, gets 1 more, limit 50')
    expect(document.querySelector('[data-testid="transfer-group-owner"]')!.textContent).toContain('Li Lei')
    expect(document.querySelector('[data-testid="transfer-group-team"]')).not.toBeNull()
    // The customer's quotes as orders lists them: number and status, in the reader's language.
    const requested = document.querySelector('[data-testid="transfer-group-requested"]')!.textContent
    expect(requested).toContain('BJ001')
    expect(requested).toContain('Approved')
    expect(requested).toContain('Quote')

    click('dialog-submit')
    await flushPromises()
    await settle()
    expect(http.post).toHaveBeenCalledTimes(2)
    expect(http.post).toHaveBeenLastCalledWith('/api/sales/transfers', expected)
    expect(document.querySelector('[data-testid="transfer-done"]')!.textContent).toContain(
      '1 records transferred',
    )
    expect(wrapper.emitted('done')?.[0]).toEqual([{ ...preview, transferred: 1 }])
    expect(document.querySelector('[data-testid="dialog-submit"]')).toBeNull()
  })

  it('offers no commit when the preview finds nothing to change', async () => {
    http.post.mockResolvedValueOnce({ ...preview, changes: [] })
    const wrapper = await openDialog()
    wrapper.findComponent(UserPicker).vm.$emit('update:modelValue', BOB)
    await flushPromises()
    click('dialog-submit')
    await flushPromises()
    expect(document.body.textContent).toContain('Nothing can be transferred')
    expect(document.querySelector('[data-testid="dialog-submit"]')).toBeNull()
  })
})
