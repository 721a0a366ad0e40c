import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { DictSelect } from '@mosaic/dictionary/vue'
import { AttachmentUpload, DateRangeFilter, DictFilter, OptionsField, UserPicker } from '@mosaic/ui'
import { click, problemError, type } from '@mosaic/ui/test-utils'
import {
  AGENT,
  CONTACT,
  CONTRACT,
  CUSTOMER,
  IMAGE,
  ORDER,
  TICKET,
  http,
  linksFixture,
  mountEnglish,
  mountOpened,
  mountService,
  pageOf,
  pageText,
  press,
  ticketFixture,
  usePageTests,
} from '../../test-support'
import TicketDialogs from './TicketDialogs.vue'
import TicketFormDialog from './TicketFormDialog.vue'

usePageTests()

const assigned = ticketFixture()
const resolved = ticketFixture({
  id: '11111111-0000-4000-8000-000000000002',
  number: 'GD202603010002',
  status: 'resolved',
  responseBreached: false,
  resolution: '更换电源',
})
const closed = ticketFixture({
  id: '11111111-0000-4000-8000-000000000003',
  number: 'GD202603010003',
  status: 'closed',
  responseBreached: false,
  satisfaction: 4,
})
const TICKETS = '/api/tickets/tickets'
const listCalls = () => http.get.mock.calls.filter((c) => c[0] === TICKETS)
const lastQuery = () => (listCalls().at(-1)?.[1] as { query: Record<string, unknown> }).query

const answer = (path: string) => {
  if (path === TICKETS) return pageOf([assigned, resolved, closed])
  if (path === '/api/tickets/lookups/customers') return [{ id: CUSTOMER, name: 'Acme 公司' }]
  if (path === `/api/tickets/lookups/customers/${CUSTOMER}`) return linksFixture()
  if (path === '/api/sales/users')
    return [{ id: AGENT, username: 'wang', displayName: '王工', deptId: null, enabled: true }]
  if (path === `${TICKETS}/${TICKET}/log`)
    return [
      {
        id: 'aaaaaaaa-0000-4000-8000-000000000001',
        ticketId: TICKET,
        at: '2026-03-01T03:00:00Z',
        action: 'processed',
        actorKind: 'staff',
        actorId: AGENT,
        actorName: '王工',
        fromStatus: 'assigned',
        toStatus: 'in_progress',
        note: '已联系客户，怀疑电源故障',
        internal: true,
      },
    ]
  if (path.startsWith(`${TICKETS}/`)) return assigned
  throw new Error(`unexpected GET ${path}`)
}

describe('tickets page', () => {
  it('lists tickets with dictionary names, status, assignee and the breach mark, and the actions each status allows', async () => {
    const { warnings } = await mountService('/service/tickets', answer)
    const text = pageText()
    for (const shown of ['GD202603010001', '设备无法启动', 'Acme 公司', '报修', '高', 'Assigned', '王工'])
      expect(text).toContain(shown)
    expect(document.querySelectorAll('[data-testid="breached-tag"]')).toHaveLength(1)
    expect(document.querySelector(`[data-testid="ticket-close-${resolved.id}"]`)).not.toBeNull()
    expect(document.querySelector(`[data-testid="ticket-close-${assigned.id}"]`)).toBeNull()
    expect(document.querySelector(`[data-testid="ticket-process-${assigned.id}"]`)).not.toBeNull()
    expect(warnings).toEqual([])
  })

  it('sends every filter in the list query, and the 超时工单 tab asks for the breach list', async () => {
    const { wrapper } = await mountService('/service/tickets', answer)
    http.get.mockClear()
    type('filter-q', 'GD2026')
    const pickers = wrapper.findAllComponents(UserPicker)
    pickers[0]!.vm.$emit('update:modelValue', CUSTOMER)
    pickers[1]!.vm.$emit('update:modelValue', AGENT)
    const dicts = wrapper.findAllComponents(DictFilter)
    dicts[0]!.vm.$emit('update:modelValue', 'repair')
    dicts[1]!.vm.$emit('update:modelValue', 'urgent')
    wrapper.findComponent(DateRangeFilter).vm.$emit('update:modelValue', ['2026-03-01', '2026-03-31'])
    await flushPromises()
    click('list-search')
    await flushPromises()
    expect(lastQuery()).toMatchObject({
      q: 'GD2026',
      customerId: CUSTOMER,
      assigneeId: AGENT,
      type: 'repair',
      priority: 'urgent',
      createdFrom: expect.stringMatching(/^2026-0[23]-/),
      createdTo: expect.stringMatching(/^2026-0[34]-/),
    })
    expect(lastQuery().breached).toBeUndefined()

    document.querySelector<HTMLElement>('#tab-breached')!.click()
    await flushPromises()
    expect(lastQuery()).toMatchObject({ breached: 'any', q: 'GD2026' })
  })

  it('opens on the breach tab from a link (the home dashboard), filtered as the link says', async () => {
    await mountService('/service/tickets?breached=any&createdFrom=2026-12-01T00:00:00.000Z', answer)
    expect(lastQuery()).toMatchObject({ breached: 'any', createdFrom: '2026-12-01T00:00:00.000Z' })
    expect(document.querySelector('#tab-breached')!.classList).toContain('is-active')
    expect(document.querySelector('[data-testid="list-from-link"]')).not.toBeNull()
  })

  it('opens the ticket named by ?open=<id> with its fields, SLA marks and the processing log', async () => {
    await mountService(`/service/tickets?open=${TICKET}`, answer)
    const drawer = document.querySelector('[data-testid="ticket-drawer"]')!
    for (const shown of ['李雷', 'HT202601010001', 'Phone', '开机后无反应', 'Overdue'])
      expect(drawer.textContent).toContain(shown)
    document.querySelector<HTMLElement>('#tab-log')!.click()
    await flushPromises()
    const log = document.querySelector('[data-testid="ticket-log"]')!.textContent
    expect(log).toContain('Worked on')
    expect(log).toContain('已联系客户，怀疑电源故障')
    expect(document.querySelector('[data-testid="internal-mark"]')).not.toBeNull()
  })
})

describe('new ticket dialog', () => {
  it('offers the picked customer’s contacts, contracts and orders and sends ids only, with the uploaded images', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    const w = await mountOpened(TicketFormDialog, {})
    const dicts = w.findAllComponents(DictSelect)
    dicts[0]!.vm.$emit('update:modelValue', 'repair')
    dicts[1]!.vm.$emit('update:modelValue', 'high')
    const [customer, assignee] = w.findAllComponents(UserPicker)
    customer!.vm.$emit('update:modelValue', CUSTOMER)
    await flushPromises()
    expect(http.get).toHaveBeenCalledWith(`/api/tickets/lookups/customers/${CUSTOMER}`)
    // The customer's documents are offered by number.
    expect(pageText()).toContain('李雷 13800000000')
    expect(pageText()).toContain('HT202601010001 二期设备采购')
    expect(pageText()).toContain('DD202602010001')
    const [, contact, , order] = w.findAllComponents(OptionsField)
    contact!.vm.$emit('update:modelValue', CONTACT)
    order!.vm.$emit('update:modelValue', ORDER)
    assignee!.vm.$emit('update:modelValue', AGENT)
    type('field-title', '设备无法启动')
    type('field-description', '开机后无反应')
    // Images only, at most 9, uploaded to the tickets service.
    const upload = w.findComponent(AttachmentUpload)
    expect(upload.props('path')).toBe('/api/tickets/attachments')
    expect(upload.props('limit')).toBe(9)
    expect(Object.keys(upload.props('types')!).sort()).toEqual([
      'image/gif',
      'image/jpeg',
      'image/png',
      'image/webp',
    ])
    upload.vm.$emit('update:modelValue', [{ id: IMAGE, name: 'a.png', size: 10, contentType: 'image/png' }])
    await flushPromises()
    http.post.mockResolvedValueOnce(ticketFixture())
    await press('ticket-submit')
    expect(http.post).toHaveBeenCalledWith(TICKETS, {
      type: 'repair',
      priority: 'high',
      channel: 'phone',
      customerId: CUSTOMER,
      contactId: CONTACT,
      // The order's contract is filled in from the order.
      contractId: CONTRACT,
      orderId: ORDER,
      title: '设备无法启动',
      description: '开机后无反应',
      assigneeId: AGENT,
      imageIds: [IMAGE],
    })
    expect(w.emitted('saved')).toHaveLength(1)
  })

  it('refuses to send without the required fields', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    await mountOpened(TicketFormDialog, {})
    await press('ticket-submit')
    expect(http.post).not.toHaveBeenCalled()
  })

  it('edits with If-Match and keeps the customer', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    await mountOpened(TicketFormDialog, { ticket: assigned })
    type('field-title', '设备无法开机')
    await flushPromises()
    http.patch.mockResolvedValueOnce(assigned)
    await press('ticket-submit')
    expect(http.patch).toHaveBeenCalledWith(
      `${TICKETS}/${TICKET}`,
      expect.objectContaining({ title: '设备无法开机', type: 'repair', contactId: CONTACT, imageIds: [] }),
      { ifMatch: 3 },
    )
    expect(http.patch.mock.calls[0]![1]).not.toHaveProperty('customerId')
  })
})

describe('ticket actions', () => {
  function mountDialogs() {
    http.get.mockImplementation(async (p: string) => answer(p))
    return mountEnglish(TicketDialogs)
  }
  const textarea = (value: string) => {
    const el = document.querySelector<HTMLTextAreaElement>('.mosaic-form-dialog textarea')!
    el.value = value
    el.dispatchEvent(new Event('input'))
  }

  it('assigns to the picked user', async () => {
    const w = mountDialogs()
    w.vm.run('assign', ticketFixture({ status: 'new', assigneeId: null, assigneeName: null }))
    await flushPromises()
    w.findComponent(UserPicker).vm.$emit('update:modelValue', AGENT)
    await flushPromises()
    http.post.mockResolvedValueOnce(assigned)
    await press('ticket-assign-submit')
    expect(http.post).toHaveBeenCalledWith(
      `${TICKETS}/${TICKET}/assign`,
      { assigneeId: AGENT, note: null },
      { ifMatch: 3 },
    )
    expect(w.emitted('changed')).toHaveLength(1)
  })

  it('processes with a note, waiting for the customer, internal', async () => {
    const w = mountDialogs()
    w.vm.run('process', assigned)
    await flushPromises()
    textarea('已电话联系')
    document.querySelectorAll<HTMLElement>('.mosaic-form-dialog .el-switch').forEach((s) => s.click())
    await flushPromises()
    http.post.mockResolvedValueOnce(assigned)
    await press('ticket-process-submit')
    expect(http.post).toHaveBeenCalledWith(
      `${TICKETS}/${TICKET}/process`,
      { note: '已电话联系', status: 'waiting_customer', internal: true },
      { ifMatch: 3 },
    )
  })

  it('resolves with the resolution', async () => {
    const w = mountDialogs()
    w.vm.run('resolve', assigned)
    await flushPromises()
    textarea('更换电源')
    await flushPromises()
    http.post.mockResolvedValueOnce(resolved)
    await press('ticket-resolve-submit')
    expect(http.post).toHaveBeenCalledWith(
      `${TICKETS}/${TICKET}/resolve`,
      { resolution: '更换电源' },
      { ifMatch: 3 },
    )
  })

  it('records feedback with the rating', async () => {
    const w = mountDialogs()
    w.vm.run('feedback', resolved)
    await flushPromises()
    await press('ticket-feedback-submit')
    expect(http.post).not.toHaveBeenCalled()
    const { ElRate } = await import('element-plus')
    w.findComponent(ElRate).vm.$emit('update:modelValue', 4)
    textarea('满意')
    await flushPromises()
    http.post.mockResolvedValueOnce(resolved)
    await press('ticket-feedback-submit')
    expect(http.post).toHaveBeenCalledWith(
      `${TICKETS}/${resolved.id}/feedback`,
      { satisfaction: 4, feedback: '满意' },
      { ifMatch: 3 },
    )
  })

  it('closes, and lists every closure rule the service says is unmet, in words', async () => {
    const w = mountDialogs()
    w.vm.run('close', resolved)
    await flushPromises()
    http.post.mockRejectedValueOnce(
      problemError({
        status: 409,
        code: 'tickets.close_unmet',
        errors: [
          { field: '(body)', message: 'The customer has not rated the resolution yet' },
          { field: '(body)', message: 'The ticket has an open follow-up' },
        ],
      }),
    )
    await press('ticket-close-submit')
    expect(http.post).toHaveBeenCalledWith(`${TICKETS}/${resolved.id}/close`, { note: null }, { ifMatch: 3 })
    const shown = document.querySelector('[data-testid="dialog-error"]')!.textContent
    expect(shown).toContain('The customer has not rated the resolution yet')
    expect(shown).toContain('The ticket has an open follow-up')
    expect(w.emitted('changed')).toBeUndefined()
  })

  it('reopens with a reason', async () => {
    const w = mountDialogs()
    w.vm.run('reopen', closed)
    await flushPromises()
    textarea('问题复现')
    await flushPromises()
    http.post.mockResolvedValueOnce(closed)
    await press('dialog-submit')
    expect(http.post).toHaveBeenCalledWith(
      `${TICKETS}/${closed.id}/reopen`,
      { reason: '问题复现' },
      { ifMatch: 3 },
    )
  })

  it('deletes after confirming, with If-Match', async () => {
    const w = mountDialogs()
    w.vm.run('delete', assigned)
    await flushPromises()
    document.querySelector<HTMLElement>('.mosaic-confirm-delete .el-button--danger')!.click()
    await flushPromises()
    expect(http.delete).toHaveBeenCalledWith(`${TICKETS}/${TICKET}`, { ifMatch: 3 })
  })
})
