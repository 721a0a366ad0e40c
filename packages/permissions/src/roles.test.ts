import { describe, expect, it } from 'vitest'
import { PERMISSIONS, isPermissionCode, type PermissionCode } from './catalog.js'
import { BUILT_IN_ROLES, builtInRole, roleText } from './roles.js'
import { DATA_SCOPES } from './scopes.js'

const role = (code: string) => {
  const r = builtInRole(code)
  if (!r) throw new Error(`no role ${code}`)
  return { ...r, has: (p: PermissionCode) => r.permissions.includes(p) }
}

describe('built-in roles', () => {
  it('store only explicit, known, unique codes and a valid scope', () => {
    expect(BUILT_IN_ROLES.map((r) => r.code)).toEqual([
      'super_admin',
      'sales_rep',
      'sales_manager',
      'service_agent',
      'finance_clerk',
      'auditor',
    ])
    for (const r of BUILT_IN_ROLES) {
      expect(r.permissions.length).toBeGreaterThan(0)
      expect(r.permissions.every(isPermissionCode)).toBe(true)
      expect(new Set(r.permissions).size).toBe(r.permissions.length)
      expect(DATA_SCOPES).toContain(r.dataScope)
      expect(r.name.zh).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('super_admin holds every permission with scope all', () => {
    const r = role('super_admin')
    expect([...r.permissions].sort()).toEqual(PERMISSIONS.map((p) => p.code).sort())
    expect(r.dataScope).toBe('all')
  })

  it('sales_rep works its own records but cannot delete, transfer or purge', () => {
    const r = role('sales_rep')
    expect(r.dataScope).toBe('self')
    for (const p of [
      'sales.customer.create',
      'sales.customer.update',
      'sales.pool.claim',
      'sales.followup.create',
      'sales.lead.convert',
      'orders.contract.delete',
      'orders.shipment.create',
    ] as const) {
      expect(r.has(p), p).toBe(true)
    }
    for (const p of [
      'sales.customer.delete',
      'sales.customer.transfer',
      'sales.pool.assign',
      'admin.recycle.purge',
      'orders.contract.approve',
      'orders.contract.void',
      'orders.contract.terminate',
      'orders.contract.close',
    ] as const) {
      expect(r.has(p), p).toBe(false)
    }
  })

  it('sales_manager adds transfer/assign/delete and reads orders across its departments', () => {
    const r = role('sales_manager')
    expect(r.dataScope).toBe('dept_and_children')
    for (const p of [
      'sales.customer.transfer',
      'sales.pool.assign',
      'sales.lead.delete',
      'orders.contract.read',
      'orders.order.read',
      'orders.contract.void',
      'orders.contract.terminate',
      'orders.contract.close',
      'orders.contract.reopen',
      'orders.shipment.create',
    ] as const) {
      expect(r.has(p), p).toBe(true)
    }
    expect(r.permissions.some((p) => p.startsWith('admin.') || p.startsWith('finance.'))).toBe(false)
  })

  it('service_agent, finance_clerk and auditor stay within their areas', () => {
    const agent = role('service_agent')
    expect(agent.dataScope).toBe('dept')
    expect(agent.has('tickets.ticket.reopen') && agent.has('sales.customer.read')).toBe(true)
    expect(agent.has('sales.customer.update')).toBe(false)

    const clerk = role('finance_clerk')
    expect(clerk.dataScope).toBe('all')
    expect(clerk.has('finance.payment.writeoff') && clerk.has('orders.contract.read')).toBe(true)
    expect(clerk.has('orders.contract.update')).toBe(false)

    const auditor = role('auditor')
    expect(auditor.has('admin.audit.read')).toBe(true)
    expect(auditor.permissions.every((p) => p.endsWith('.read'))).toBe(true)
    expect(auditor.permissions.length).toBe(PERMISSIONS.filter((p) => p.action === 'read').length)
  })
})

describe('built-in role texts', () => {
  it('every built-in role has a name and a description in both languages', () => {
    for (const r of BUILT_IN_ROLES) {
      for (const text of [r.name, r.description]) {
        expect(text.zh.trim(), r.code).not.toBe('')
        expect(text.en.trim(), r.code).not.toBe('')
      }
    }
  })

  it('roleText shows a built-in role by its code in the reader’s language, a custom one as stored', () => {
    const stored = { code: 'sales_rep', name: '销售代表', description: 'whatever', builtIn: true }
    expect(roleText(stored, 'en')).toEqual({
      name: 'Sales representative',
      description: builtInRole('sales_rep')!.description.en,
    })
    expect(roleText(stored, 'zh-CN').name).toBe('销售代表')
    const custom = { code: 'regional', name: 'Regional sales', description: null, builtIn: false }
    expect(roleText(custom, 'zh-CN')).toEqual({ name: 'Regional sales', description: null })
    expect(roleText({ ...stored, builtIn: false }, 'en').name).toBe('销售代表')
  })
})
