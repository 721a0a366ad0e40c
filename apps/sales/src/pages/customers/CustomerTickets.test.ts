import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { sales, tickets } from '@mosaic/schemas'
import { ACME, http, mountRoute, openTab, pageOf, stamps, usePageTests } from '../../test-support'

usePageTests()

const ticket: tickets.Ticket = {
  ...stamps,
  id: '11111111-0000-4000-8000-000000000001',
  version: 1,
  number: 'GD202603010001',
  type: 'repair',
  priority: 'high',
  status: 'in_progress',
  channel: 'phone',
  customerId: ACME,
  customerName: 'Acme',
  contactId: null,
  contactName: null,
  contractId: null,
  contractNumber: null,
  orderId: null,
  orderNumber: null,
  title: '设备无法启动',
  description: '开机后无反应',
  assigneeId: null,
  assigneeName: null,
  deptId: null,
  responseDueAt: null,
  resolutionDueAt: null,
  respondedAt: null,
  resolvedAt: null,
  closedAt: null,
  responseBreached: false,
  resolutionBreached: false,
  resolution: null,
  satisfaction: null,
  feedback: null,
  reopenCount: 0,
  images: [],
}
const customer = {
  ...stamps,
  id: ACME,
  version: 1,
  number: 'KH202601010001',
  name: 'Acme',
  status: 'intention',
  level: 'A',
  industry: null,
  source: null,
  ownerId: '00000000-0000-4000-8000-000000000001',
  ownerName: 'Ann',
  deptId: null,
  phone: null,
  address: null,
  website: null,
  remark: null,
  dealStatus: 'undealt',
  locked: false,
  lastFollowUpAt: null,
  nextFollowUpAt: null,
  lastDealAt: null,
  poolEnteredAt: null,
  previousOwnerId: null,
  previousOwnerName: null,
  primaryContactName: null,
  primaryContactPhone: null,
  leadId: null,
  leadNumber: null,
  access: 'scope',
} satisfies sales.Customer

function answer(path: string): unknown {
  if (path === `/api/sales/customers/${ACME}`) return customer
  if (path === `/api/sales/customers/${ACME}/receivables-summary`)
    return {
      contractCount: 0,
      total: '0.00',
      received: '0.00',
      outstanding: '0.00',
      collectedPercent: '0.00',
      invoiced: '0.00',
      progressedAt: null,
    } satisfies sales.CustomerReceivablesSummary
  if (path === '/api/tickets/tickets') return pageOf([ticket])
  return pageOf([])
}
const visit = (...permissions: string[]) => {
  http.get.mockImplementation(async (p: string) => answer(p))
  return mountRoute(`/sales/customers/${ACME}`, 'sales.customer.read', ...permissions)
}

describe("a customer's tickets tab", () => {
  it('lists the customer’s tickets by number, title, type and status, and opens one in the service app', async () => {
    const { router } = await visit('tickets.ticket.read')
    await openTab('tickets')
    expect(http.get).toHaveBeenCalledWith('/api/tickets/tickets', { query: { customerId: ACME, limit: 100 } })
    const tab = document.querySelector('[data-testid="customer-tickets"]')!.textContent
    for (const shown of ['GD202603010001', '设备无法启动', '报修', 'In progress'])
      expect(tab).toContain(shown)
    document.querySelector<HTMLElement>('[data-testid="customer-ticket-GD202603010001"]')!.click()
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe(`/service/tickets?open=${ticket.id}`)
  })

  it('is not there without tickets.ticket.read', async () => {
    await visit()
    expect(document.querySelector('#tab-tickets')).toBeNull()
    expect(http.get.mock.calls.some((c) => c[0] === '/api/tickets/tickets')).toBe(false)
  })
})
