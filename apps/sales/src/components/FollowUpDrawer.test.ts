import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { click, mountOpen, resetAfterEach, settle, type } from '@mosaic/ui/test-utils'
import { ElSelect } from 'element-plus'
import type { sales } from '@mosaic/schemas'
import { DictSelect } from '@mosaic/dictionary/vue'
import { UserPicker } from '@mosaic/ui'
import { http, testI18n, useDefaultDictionaries } from '../test-support'
import FollowUpDrawer from './FollowUpDrawer.vue'

resetAfterEach()
beforeEach(() => useDefaultDictionaries())

const ACME = '11111111-1111-4111-8111-111111111111'
const PRIMARY = 'c0c0c0c0-0000-4000-8000-000000000002'

async function open(props: Record<string, unknown>) {
  http.get.mockResolvedValue([
    { id: 'c0c0c0c0-0000-4000-8000-000000000001', name: 'Han Meimei', primary: false },
    { id: PRIMARY, name: 'Li Lei', primary: true },
  ])
  return mountOpen(FollowUpDrawer, { ...props }, [testI18n('en')])
}
async function submit() {
  click('drawer-submit')
  await flushPromises()
  await settle()
}

describe('FollowUpDrawer', () => {
  it("records a follow-up on the preset record, with the customer's primary contact", async () => {
    http.post.mockResolvedValue({ id: 'f1' })
    const w = await open({ preset: { targetType: 'customer', targetId: ACME, targetName: 'Acme' } })
    const picker = w.findComponent(UserPicker)
    expect(picker.props('disabled')).toBe(true)
    expect(picker.findComponent(ElSelect).text()).toContain('Acme')
    expect(http.get).toHaveBeenCalledWith(`/api/sales/customers/${ACME}/contacts`)

    type('field-subject', 'Demo')
    type('field-content', 'Showed the new version')
    w.findComponent(DictSelect).findComponent(ElSelect).vm.$emit('update:modelValue', 'visit')
    await flushPromises()
    await submit()
    expect(http.post).toHaveBeenCalledWith('/api/sales/followups', {
      targetType: 'customer',
      targetId: ACME,
      subject: 'Demo',
      method: 'visit',
      content: 'Showed the new version',
      contactedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/),
      nextFollowUpAt: null,
      nextPlan: null,
      contactId: PRIMARY,
      attachments: [],
    })
  })

  it('uploads files in the drawer and saves the follow-up with what the service stored', async () => {
    const stored = { id: 'a1', name: '方案 v2.pdf', size: 9, contentType: 'application/pdf' }
    http.upload.mockResolvedValue(stored)
    http.post.mockResolvedValue({ id: 'f1' })
    const w = await open({ preset: { targetType: 'customer', targetId: ACME, targetName: 'Acme' } })
    const file = new File(['%PDF-1.7'], '方案 v2.pdf', { type: '' })
    const input = w.find('[data-testid="attachments"] input[type="file"]').element as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [file] })
    input.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(http.upload).toHaveBeenCalledWith('/api/sales/attachments', file, {
      headers: { 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent('方案 v2.pdf') },
    })
    expect(w.find('[data-testid="attachment-a1"]').text()).toContain('方案 v2.pdf')

    type('field-subject', 'Proposal')
    type('field-content', 'Sent the proposal')
    w.findComponent(DictSelect).findComponent(ElSelect).vm.$emit('update:modelValue', 'email')
    await flushPromises()
    await submit()
    expect(http.post).toHaveBeenCalledWith(
      '/api/sales/followups',
      expect.objectContaining({ subject: 'Proposal', attachments: [stored] }),
    )
  })

  it('edits with If-Match and never resends the target', async () => {
    http.patch.mockResolvedValue({ id: 'f1' })
    const followUp = {
      id: 'f0f0f0f0-0000-4000-8000-000000000001',
      version: 5,
      targetType: 'lead',
      targetId: ACME,
      targetName: 'Acme lead',
      subject: 'Call',
      method: 'phone',
      content: 'Left a message',
      contactedAt: '2026-03-01T02:00:00Z',
      nextFollowUpAt: null,
      nextPlan: null,
      contactId: null,
    } as sales.FollowUp
    await open({ followUp })
    type('field-content', 'Called back, interested')
    await submit()
    expect(http.patch).toHaveBeenCalledWith(
      `/api/sales/followups/${followUp.id}`,
      {
        subject: 'Call',
        method: 'phone',
        content: 'Called back, interested',
        contactedAt: expect.any(String),
        nextFollowUpAt: null,
        nextPlan: null,
        contactId: null,
        attachments: [],
      },
      { ifMatch: 5 },
    )
    const sent = http.patch.mock.calls[0][1] as { contactedAt: string }
    expect(new Date(sent.contactedAt).toISOString()).toBe('2026-03-01T02:00:00.000Z')
  })
})
