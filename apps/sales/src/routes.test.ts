import { describe, expect, it } from 'vitest'
import { isPermissionCode } from '@mosaic/permissions'
import salesModule from './routes'

describe('sales remote module', () => {
  it('describes itself for the shell menu', () => {
    expect(salesModule).toMatchObject({
      name: 'sales',
      basePath: '/sales',
      title: { zh: '销售管理', en: 'Sales' },
    })
    expect(Object.keys(salesModule.messages ?? {})).toEqual(['zh-CN', 'en'])
  })

  it('gives every page a unique prefixed name, a bilingual title, an icon, a real permission and a lazy chunk', () => {
    const names = salesModule.routes.map((r) => String(r.name))
    expect(new Set(names).size).toBe(names.length)
    for (const r of salesModule.routes) {
      expect(String(r.name)).toMatch(/^sales-/)
      expect(r.meta?.title?.zh && r.meta.title.en).toBeTruthy()
      expect(r.meta?.icon).toBeTruthy()
      expect(isPermissionCode(r.meta?.permission)).toBe(true)
      expect(typeof (r as { component?: unknown }).component).toBe('function')
    }
  })

  it('guards each page with the permission of what it lists', () => {
    const permission = Object.fromEntries(salesModule.routes.map((r) => [r.path, r.meta?.permission]))
    expect(permission).toEqual({
      leads: 'sales.lead.read',
      customers: 'sales.customer.read',
      'customers/:id': 'sales.customer.read',
      pool: 'sales.pool.read',
      'pool/upcoming': 'sales.customer.read',
      followups: 'sales.followup.read',
      opportunities: 'sales.opportunity.read',
      'opportunities/pipeline': 'sales.opportunity.read',
      'recycle-bin': 'admin.recycle.read',
    })
  })

  it('keeps the customer detail page out of the menu (the shell opens /sales/customers/<id>)', () => {
    const detail = salesModule.routes.find((r) => r.name === 'sales-customer-detail')
    expect(detail?.path).toBe('customers/:id')
    expect(detail?.meta?.menu).toBe(false)
  })
})
