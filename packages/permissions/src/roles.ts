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
  /** Shown by code in the user's language; the stored name is what custom roles show. */
  name: I18nLabel
  description: I18nLabel
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

/** Tickets and portal accounts in full; SLA targets and business hours are the administrator's to change. */
const ticketWork: Selector = (p) => p.service === 'tickets' && p.resource !== 'sla'

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  {
    code: 'super_admin',
    name: { zh: '超级管理员', en: 'Super administrator' },
    description: {
      zh: '拥有全部权限，可管理系统的一切',
      en: 'Every permission; manages everything in the system',
    },
    permissions: codes(() => true),
    dataScope: 'all',
  },
  {
    code: 'sales_rep',
    name: { zh: '销售代表', en: 'Sales representative' },
    description: {
      zh: '跟进自己的线索、客户和商机，提交报价与合同',
      en: 'Works their own leads, customers and opportunities; submits quotes and contracts',
    },
    permissions: codes(
      inService('sales', SALES_REP_ACTIONS),
      only('sales.contact.delete', 'sales.followup.delete', 'sales.team.delete', 'orders.product.read'),
      // What a rep may delete they may bring back from the recycle bin (which the menu then offers).
      only('sales.contact.restore', 'sales.followup.restore'),
      inResource('orders.quote', ['read', 'create', 'update', 'delete', 'submit']),
      // A rep deletes their own draft contracts (the service refuses any with dependants) and records
      // the shipments of their orders.
      inResource('orders.contract', ['read', 'create', 'update', 'delete', 'submit']),
      inResource('orders.order', ['read', 'create', 'update']),
      inResource('orders.shipment', ['read', 'create', 'update']),
    ),
    dataScope: 'self',
  },
  {
    code: 'sales_manager',
    name: { zh: '销售经理', en: 'Sales manager' },
    description: {
      zh: '管理本部门及下级的销售数据，审批报价与合同、分配与转移',
      en: 'Manages the sales data of their department and below; approves quotes and contracts, assigns and transfers',
    },
    permissions: codes(
      inService('sales'),
      inService('orders', ['read']),
      inResource('orders.quote', ['create', 'update', 'delete', 'submit', 'approve', 'transfer']),
      // Ending a contract in force early (void, terminate) and closing contracts and orders (结单,
      // reopening) are the manager's call.
      inResource('orders.contract', [
        'create',
        'update',
        'delete',
        'submit',
        'approve',
        'transfer',
        'void',
        'terminate',
        'close',
        'reopen',
      ]),
      inResource('orders.order', ['create', 'update', 'transfer', 'cancel', 'close', 'reopen']),
      inResource('orders.shipment', ['create', 'update', 'delete']),
    ),
    dataScope: 'dept_and_children',
  },
  {
    code: 'service_agent',
    name: { zh: '客服专员', en: 'Service agent' },
    description: {
      zh: '处理本部门的服务工单，可查看客户与联系人',
      en: 'Handles service tickets of their department; can see customers and contacts',
    },
    // SLA targets and business hours are the administrator's (tickets.sla.update), not the agents'.
    permissions: codes(ticketWork, only('tickets.sla.read', 'sales.customer.read', 'sales.contact.read')),
    dataScope: 'dept',
  },
  {
    code: 'finance_clerk',
    name: { zh: '财务专员', en: 'Finance clerk' },
    description: {
      zh: '管理应收、回款计划与回款，可查看合同',
      en: 'Manages receivables, payment plans and payments; can read contracts',
    },
    permissions: codes(inService('finance'), only('orders.contract.read')),
    dataScope: 'all',
  },
  {
    code: 'auditor',
    name: { zh: '审计员', en: 'Auditor' },
    description: { zh: '只读查看全部数据，用于审计', en: 'Read-only access to all data, for audits' },
    permissions: codes((p) => p.action === 'read'),
    dataScope: 'all',
  },
]

export function builtInRole(code: string): BuiltInRole | undefined {
  return BUILT_IN_ROLES.find((r) => r.code === code)
}

/**
 * What a role is called in `locale`: a built-in role by its code (its stored name is only the
 * installation language's copy), a custom role by the name its creator gave it.
 */
export function roleText(
  role: { code: string; name: string; description?: string | null; builtIn?: boolean },
  locale: string,
): { name: string; description: string | null } {
  const builtIn = role.builtIn === false ? undefined : builtInRole(role.code)
  if (!builtIn) return { name: role.name, description: role.description ?? null }
  const en = locale.startsWith('en')
  return {
    name: en ? builtIn.name.en : builtIn.name.zh,
    description: en ? builtIn.description.en : builtIn.description.zh,
  }
}
