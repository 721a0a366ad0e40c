import { describe, expect, it } from 'vitest'
import { describeRemoteModule } from '@mosaic/ui/test-utils'
import salesModule from './routes'

describeRemoteModule(salesModule, {
  title: { zh: '销售管理', en: 'Sales' },
  icon: 'Briefcase',
  keys: { sources: __dirname, atLeast: 100 },
  dashboard: {
    sources: [
      {
        service: 'sales',
        anyOf: ['sales.customer.read', 'sales.followup.read', 'sales.opportunity.read', 'sales.pool.read'],
      },
      { service: 'orders', anyOf: ['orders.contract.read'] },
    ],
    keys: [
      'sales.newCustomers',
      'sales.followups',
      'sales.newOpportunities',
      'sales.myCustomers',
      'sales.myFollowups',
      'sales.followupsDueToday',
      'sales.customersToRecycle',
      'orders.contractAmount',
      'orders.myContracts',
      'orders.myContractAmount',
    ],
  },
})

describe('sales remote module', () => {
  it('shows the recycle bin to a rep, who may restore the contacts and follow-ups they may delete', async () => {
    const { BUILT_IN_ROLES } = await import('@mosaic/permissions')
    const rep = BUILT_IN_ROLES.find((r) => r.code === 'sales_rep')!
    const bin = salesModule.routes.find((r) => r.path === 'recycle-bin')!
    expect([bin.meta?.permission].flat().some((p) => rep.permissions.includes(p as never))).toBe(true)
    for (const type of ['contact', 'followup'])
      if (rep.permissions.includes(`sales.${type}.delete` as never))
        expect(rep.permissions).toContain(`sales.${type}.restore`)
  })

  it('guards each page with the permission of what it lists', () => {
    const permission = Object.fromEntries(salesModule.routes.map((r) => [r.path, r.meta?.permission]))
    expect(permission).toEqual({
      leads: 'sales.lead.read',
      customers: 'sales.customer.read',
      'customers/:id': 'sales.customer.read',
      contacts: 'sales.contact.read',
      pool: 'sales.pool.read',
      'pool/upcoming': 'sales.customer.read',
      followups: 'sales.followup.read',
      opportunities: 'sales.opportunity.read',
      'opportunities/pipeline': 'sales.opportunity.read',
      products: 'orders.product.read',
      'products/recycle-bin': [
        'orders.product.restore',
        'orders.quote.restore',
        'orders.contract.restore',
        'orders.order.restore',
        'admin.recycle.read',
      ],
      quotes: 'orders.quote.read',
      'quotes/:id/print': 'orders.quote.read',
      contracts: 'orders.contract.read',
      orders: 'orders.order.read',
      'recycle-bin': [
        'sales.customer.restore',
        'sales.lead.restore',
        'sales.opportunity.restore',
        'sales.contact.restore',
        'sales.followup.restore',
        'admin.recycle.read',
      ],
    })
  })

  it('keeps the customer detail page out of the menu (the shell opens /sales/customers/<id>)', () => {
    const detail = salesModule.routes.find((r) => r.name === 'sales-customer-detail')
    expect(detail?.path).toBe('customers/:id')
    expect(detail?.meta?.menu).toBe(false)
  })
})
