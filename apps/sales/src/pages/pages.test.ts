import { beforeEach, describe, expect, it } from 'vitest'
import { resetAfterEach } from '@mosaic/ui/test-utils'
import type { sales } from '@mosaic/schemas'
import { http, mountRoute, useDefaultDictionaries } from '../test-support'

resetAfterEach()
beforeEach(() => useDefaultDictionaries())

const CUSTOMER = '11111111-1111-4111-8111-111111111111'
const customer = {
  id: CUSTOMER,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
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
  website: 'acme.example.com',
  remark: null,
  dealStatus: 'undealt',
  locked: true,
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
const emptyPage = { items: [], nextCursor: null, total: 0, totalCapped: false }

function answer(path: string): unknown {
  if (path === `/api/sales/customers/${CUSTOMER}`) return customer
  if (path === `/api/sales/customers/${CUSTOMER}/receivables-summary`)
    return {
      contractCount: 1,
      total: '1000.00',
      received: '250.00',
      outstanding: '750.00',
      collectedPercent: '25.00',
      invoiced: '0.00',
      progressedAt: '2026-01-02T00:00:00Z',
    } satisfies sales.CustomerReceivablesSummary
  // A customer's contacts are an array; the contacts list (/api/sales/contacts) is a page.
  if (path.endsWith('/pool/upcoming') || path.endsWith('/users') || path.endsWith(`${CUSTOMER}/contacts`))
    return []
  if (path.endsWith('/pool/recycling/preview'))
    return { at: '2026-01-02T00:00:00Z', enabled: true, items: [] }
  if (path.endsWith('/opportunities/pipeline')) return { stages: [], total: 0 }
  if (path === '/api/orders/categories') return []
  return emptyPage
}

const EVERYTHING = [
  'sales.lead.read',
  'sales.lead.create',
  'sales.customer.read',
  'sales.customer.create',
  'sales.customer.lock',
  'sales.customer.transfer',
  'sales.contact.read',
  'sales.pool.read',
  'sales.pool.run',
  'sales.followup.read',
  'sales.opportunity.read',
  'admin.recycle.read',
  'orders.product.read',
  'orders.product.restore',
  'orders.quote.read',
  'orders.contract.read',
  'orders.order.read',
]

const visit = (path: string) => mountRoute(path, ...EVERYTHING)

describe('every sales page', () => {
  it.each([
    ['/sales/leads', 'Leads'],
    ['/sales/customers', 'Customers'],
    [`/sales/customers/${CUSTOMER}`, 'Acme'],
    ['/sales/contacts', 'Contacts'],
    ['/sales/pool', 'Public pool'],
    ['/sales/pool/upcoming', 'Pool recycling'],
    ['/sales/followups', 'Follow-ups'],
    ['/sales/opportunities', 'Opportunities'],
    ['/sales/opportunities/pipeline', 'Pipeline'],
    ['/sales/recycle-bin', 'Recycle bin'],
    ['/sales/products', 'Products'],
    ['/sales/products/recycle-bin', 'Recycle bin'],
    ['/sales/quotes', 'Quotes'],
    ['/sales/contracts', 'Contracts'],
    ['/sales/orders', 'Sales orders'],
  ])('%s renders without Vue warnings', async (path, text) => {
    http.get.mockImplementation(async (p: string) => answer(p))
    const { wrapper, warnings } = await visit(path)
    expect(wrapper.text()).toContain(text)
    expect(warnings).toEqual([])
  })

  it('shows the customer header with its lock and the not-found state for an unknown id', async () => {
    http.get.mockImplementation(async (p: string) => answer(p))
    const { wrapper } = await visit(`/sales/customers/${CUSTOMER}`)
    expect(wrapper.get('[data-testid="customer-header"]').text()).toContain('KH202601010001')
    expect(wrapper.find('[data-testid="customer-locked"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('Unlock')
    // Documents of other services, for who may read them: the quotes tab.
    expect(wrapper.find('[data-testid="customer-tab-quotes"]').text()).toBe('Quotes')

    http.get.mockRejectedValue(Object.assign(new Error('Not found'), { status: 404 }))
    const missing = await visit('/sales/customers/22222222-2222-4222-8222-222222222222')
    expect(missing.wrapper.get('[data-testid="customer-not-found"]').text()).toContain(
      'The customer does not exist or you cannot see it',
    )
  })

  it('lists show what a rep reads: the customer’s own phone, the pool reason with the words typed', async () => {
    const listed = { ...customer, phone: '0755-8888 1234', primaryContactPhone: '13800000000' }
    const pooled: sales.PoolCustomer = {
      id: CUSTOMER,
      version: 2,
      number: 'KH202601010001',
      name: 'Acme',
      contactName: null,
      phone: null,
      status: 'intention',
      source: null,
      level: null,
      industry: null,
      poolEnteredAt: '2026-01-02T00:00:00Z',
      previousOwnerName: 'Ann',
      poolReason: 'released',
      poolReasonText: 'budget frozen',
    }
    const page = (items: unknown[]) => ({ ...emptyPage, items, total: items.length })
    http.get.mockImplementation(async (p: string) =>
      p === '/api/sales/customers' ? page([listed]) : p === '/api/sales/pool' ? page([pooled]) : answer(p),
    )
    const customers = (await visit('/sales/customers')).wrapper.text()
    expect(customers).toContain('0755-8888 1234')
    expect(customers).not.toContain('13800000000')
    const pool = (await visit('/sales/pool')).wrapper.text()
    expect(pool).toContain('Released by hand · budget frozen')
    // Two whole list pages with Element Plus mounted: ~29 s alone on a loaded 2-core CI machine, over the default 30 s.
  }, 90_000)
})
