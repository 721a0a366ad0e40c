import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  PERMISSIONS,
  isPermissionCode,
  permissionEntry,
  permissionTree,
  type PermissionCode,
} from './catalog.js'

describe('permission catalog', () => {
  it('has unique, well-formed codes whose parts match their fields', () => {
    const codes = PERMISSIONS.map((p) => p.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const p of PERMISSIONS) {
      expect(p.code).toMatch(/^[a-z]+\.[a-z-]+\.[a-z-]+$/)
      expect(p.code).toBe(`${p.service}.${p.resource}.${p.action}`)
    }
  })

  it('labels every code in Chinese and English', () => {
    for (const p of PERMISSIONS) {
      expect(p.label.zh).toMatch(/[\u4e00-\u9fff]/)
      expect(p.label.en).toMatch(/^[A-Z][A-Za-z /&-]+$/)
    }
    expect(permissionEntry('sales.customer.delete')?.label).toEqual({
      zh: '删除客户',
      en: 'Delete customers',
    })
    expect(permissionEntry('sales.pool.claim')?.label.zh).toBe('领取公海客户')
  })

  it('covers every service and resource the product needs', () => {
    const resources = new Set(PERMISSIONS.map((p) => `${p.service}.${p.resource}`))
    const expected = [
      'admin.user',
      'admin.dept',
      'admin.role',
      'admin.dict',
      'admin.rule',
      'admin.approval-flow',
      'admin.audit',
      'admin.recycle',
      'admin.init',
      'admin.notification',
      'sales.lead',
      'sales.customer',
      'sales.contact',
      'sales.pool',
      'sales.followup',
      'sales.opportunity',
      'sales.team',
      'orders.product',
      'orders.quote',
      'orders.contract',
      'orders.order',
      'orders.shipment',
      'tickets.ticket',
      'tickets.portal-account',
      'tickets.sla',
      'finance.receivable',
      'finance.payment-plan',
      'finance.payment',
      'finance.invoice',
      'finance.statement',
    ]
    expect([...resources].sort()).toEqual([...expected].sort())
    for (const code of [
      'admin.recycle.purge',
      'sales.customer.transfer',
      'orders.contract.approve',
      'tickets.ticket.reopen',
    ]) {
      expect(isPermissionCode(code)).toBe(true)
    }
  })

  it('recognises only catalogued codes', () => {
    expect(isPermissionCode('sales.customer.read')).toBe(true)
    expect(isPermissionCode('sales.customer.fly')).toBe(false)
    expect(isPermissionCode('sales.*')).toBe(false)
    expect(isPermissionCode(42)).toBe(false)
    expectTypeOf<'sales.customer.read'>().toExtend<PermissionCode>()
    expectTypeOf<'sales.customer.fly'>().not.toExtend<PermissionCode>()
  })

  it('builds a service → resource → code tree with every code once', () => {
    const tree = permissionTree()
    expect(tree.map((n) => n.key)).toEqual(['admin', 'sales', 'orders', 'tickets', 'finance'])
    const sales = tree.find((n) => n.key === 'sales')!
    expect(sales.label).toEqual({ zh: '销售', en: 'Sales' })
    const customer = sales.children!.find((n) => n.key === 'sales.customer')!
    expect(customer.label.zh).toBe('客户')
    expect(customer.children!.find((n) => n.key === 'sales.customer.read')!.label).toEqual({
      zh: '查看',
      en: 'View',
    })
    const leaves = tree.flatMap((s) => s.children!.flatMap((r) => r.children!.map((l) => l.key)))
    expect(leaves).toEqual(PERMISSIONS.map((p) => p.code))
  })
})
