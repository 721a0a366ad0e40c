import {
  PERMISSIONS,
  type I18nLabel,
  type PermissionAction,
  type PermissionCode,
  type PermissionEntry,
} from './catalog.js'
import type { DataScope } from './scopes.js'

export interface BuiltInRole {
  code: string
  name: I18nLabel
  permissions: PermissionCode[]
  dataScope: DataScope
}

type Selector = (p: PermissionEntry) => boolean

/** Expands predicates to explicit codes: stored roles never hold wildcards, so an admin can untick any one. */
function codes(...picks: Selector[]): PermissionCode[] {
  return PERMISSIONS.filter((p) => picks.some((pick) => pick(p))).map((p) => p.code)
}

const inService =
  (service: string, actions?: readonly PermissionAction[]): Selector =>
  (p) =>
    p.service === service && (!actions || actions.includes(p.action))
const inResource =
  (key: string, actions: readonly PermissionAction[]): Selector =>
  (p) =>
    `${p.service}.${p.resource}` === key && actions.includes(p.action)
const only =
  (...list: PermissionCode[]): Selector =>
  (p) =>
    list.includes(p.code)

/** What a rep does on their own records: everything except destroying, reassigning and pool runs. */
const SALES_REP_ACTIONS: readonly PermissionAction[] = [
  'read',
  'create',
  'update',
  'claim',
  'release',
  'convert',
  'invalidate',
  'close',
  'lock',
  'export',
]

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  {
    code: 'super_admin',
    name: { zh: '超级管理员', en: 'Super administrator' },
    permissions: codes(() => true),
    dataScope: 'all',
  },
  {
    code: 'sales_rep',
    name: { zh: '销售代表', en: 'Sales representative' },
    permissions: codes(
      inService('sales', SALES_REP_ACTIONS),
      only('sales.contact.delete', 'sales.followup.delete', 'sales.team.delete', 'orders.product.read'),
      // What a rep may delete they may bring back from the recycle bin (which the menu then offers).
      only('sales.contact.restore', 'sales.followup.restore'),
      inResource('orders.quote', ['read', 'create', 'update', 'delete', 'submit']),
      inResource('orders.contract', ['read', 'create', 'update', 'submit']),
      inResource('orders.order', ['read', 'create', 'update']),
      inResource('orders.shipment', ['read']),
    ),
    dataScope: 'self',
  },
  {
    code: 'sales_manager',
    name: { zh: '销售经理', en: 'Sales manager' },
    permissions: codes(
      inService('sales'),
      inService('orders', ['read']),
      inResource('orders.quote', ['create', 'update', 'delete', 'submit', 'approve', 'transfer']),
      inResource('orders.contract', ['create', 'update', 'submit', 'approve', 'transfer']),
      inResource('orders.order', ['create', 'update', 'transfer']),
    ),
    dataScope: 'dept_and_children',
  },
  {
    code: 'service_agent',
    name: { zh: '客服专员', en: 'Service agent' },
    permissions: codes(inService('tickets'), only('sales.customer.read', 'sales.contact.read')),
    dataScope: 'dept',
  },
  {
    code: 'finance_clerk',
    name: { zh: '财务专员', en: 'Finance clerk' },
    permissions: codes(inService('finance'), only('orders.contract.read')),
    dataScope: 'all',
  },
  {
    code: 'auditor',
    name: { zh: '审计员', en: 'Auditor' },
    permissions: codes((p) => p.action === 'read'),
    dataScope: 'all',
  },
]

export function builtInRole(code: string): BuiltInRole | undefined {
  return BUILT_IN_ROLES.find((r) => r.code === code)
}
