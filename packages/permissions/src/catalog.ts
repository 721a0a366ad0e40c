/**
 * The one catalog of function-permission codes (`<service>.<resource>.<action>`).
 * Services guard endpoints with these codes, apps hide menus and buttons with them,
 * and the admin role editor shows them as a tree; adding a code here is the only way
 * a new permission comes into existence.
 */

import { ACTION_LABELS, LABEL_OVERRIDES, RESOURCE_LABELS, SERVICE_LABELS, fullLabel } from './labels.js'

export { ACTION_LABELS, RESOURCE_LABELS, SERVICE_LABELS } from './labels.js'

export interface I18nLabel {
  zh: string
  en: string
}

const CATALOG = {
  admin: {
    user: ['read', 'create', 'update', 'delete', 'lock', 'reset-password', 'import', 'export'],
    dept: ['read', 'create', 'update', 'delete'],
    role: ['read', 'create', 'update', 'delete'],
    dict: ['read', 'create', 'update', 'delete'],
    rule: ['read', 'create', 'update', 'delete'],
    'approval-flow': ['read', 'create', 'update', 'delete'],
    audit: ['read', 'export'],
    recycle: ['read', 'restore', 'purge'],
    init: ['run'],
    notification: ['read', 'create'],
  },
  sales: {
    lead: [
      'read',
      'create',
      'update',
      'delete',
      'restore',
      'revert',
      'transfer',
      'assign',
      'convert',
      'invalidate',
      'import',
      'export',
    ],
    customer: [
      'read',
      'create',
      'update',
      'delete',
      'restore',
      'revert',
      'transfer',
      'lock',
      'import',
      'export',
    ],
    contact: ['read', 'create', 'update', 'delete', 'restore', 'import', 'export'],
    pool: ['read', 'claim', 'assign', 'release', 'run'],
    followup: ['read', 'create', 'update', 'delete', 'restore', 'export'],
    opportunity: [
      'read',
      'create',
      'update',
      'delete',
      'restore',
      'revert',
      'transfer',
      'close',
      'reopen',
      'import',
      'export',
    ],
    team: ['read', 'create', 'update', 'delete'],
  },
  orders: {
    product: ['read', 'create', 'update', 'delete', 'restore', 'import', 'export'],
    quote: [
      'read',
      'create',
      'update',
      'delete',
      'restore',
      'revert',
      'transfer',
      'submit',
      'approve',
      'export',
    ],
    contract: [
      'read',
      'create',
      'update',
      'delete',
      'restore',
      'revert',
      'transfer',
      'submit',
      'approve',
      'void',
      'terminate',
      'close',
      'reopen',
      'export',
    ],
    order: [
      'read',
      'create',
      'update',
      'delete',
      'restore',
      'revert',
      'transfer',
      'cancel',
      'close',
      'reopen',
      'export',
    ],
    shipment: ['read', 'create', 'update', 'delete'],
  },
  tickets: {
    ticket: [
      'read',
      'create',
      'update',
      'delete',
      'restore',
      'assign',
      'resolve',
      'close',
      'reopen',
      'export',
    ],
    'portal-account': ['read', 'create', 'update', 'delete', 'reset-password'],
  },
  finance: {
    receivable: ['read', 'update', 'export'],
    'payment-plan': ['read', 'create', 'update', 'delete'],
    payment: ['read', 'create', 'update', 'delete', 'restore', 'approve', 'writeoff', 'export'],
    invoice: ['read', 'create', 'update', 'delete', 'restore', 'void', 'export'],
  },
} as const

type Catalog = typeof CATALOG
export type ServiceCode = keyof Catalog
type ResourceOf<S extends ServiceCode> = keyof Catalog[S] & string
type ActionsOf<
  S extends ServiceCode,
  R extends ResourceOf<S>,
> = Catalog[S][R] extends readonly (infer A extends string)[] ? A : never

export type PermissionCode = {
  [S in ServiceCode]: { [R in ResourceOf<S>]: `${S}.${R}.${ActionsOf<S, R>}` }[ResourceOf<S>]
}[ServiceCode]
export type ResourceKey = { [S in ServiceCode]: `${S}.${ResourceOf<S>}` }[ServiceCode]
export type PermissionAction = PermissionCode extends `${string}.${string}.${infer A}` ? A : never

export interface PermissionEntry {
  code: PermissionCode
  service: ServiceCode
  resource: string
  action: PermissionAction
  label: I18nLabel
}

function buildEntries(): PermissionEntry[] {
  const out: PermissionEntry[] = []
  for (const [service, resources] of Object.entries(CATALOG) as [
    ServiceCode,
    Record<string, readonly PermissionAction[]>,
  ][]) {
    for (const [resource, actions] of Object.entries(resources)) {
      const resLabel = RESOURCE_LABELS[`${service}.${resource}` as ResourceKey]
      for (const action of actions) {
        const code = `${service}.${resource}.${action}` as PermissionCode
        const label = LABEL_OVERRIDES[code] ?? fullLabel(resLabel, ACTION_LABELS[action])
        out.push(Object.freeze({ code, service, resource, action, label }))
      }
    }
  }
  return out
}

export const PERMISSIONS: readonly PermissionEntry[] = Object.freeze(buildEntries())

/**
 * Who may open the sales recycle bin: whoever may restore some kind of sales record (reps: their
 * contacts and follow-ups), or whoever reads every bin. The menu entry and the service share it.
 */
export const SALES_RECYCLE_BIN_ACCESS: readonly PermissionCode[] = [
  'sales.customer.restore',
  'sales.lead.restore',
  'sales.opportunity.restore',
  'sales.contact.restore',
  'sales.followup.restore',
  'admin.recycle.read',
]

const CODES: ReadonlySet<string> = new Set(PERMISSIONS.map((p) => p.code))
const BY_CODE = new Map(PERMISSIONS.map((p) => [p.code as string, p]))

export function isPermissionCode(s: unknown): s is PermissionCode {
  return typeof s === 'string' && CODES.has(s)
}

export function permissionEntry(code: string): PermissionEntry | undefined {
  return BY_CODE.get(code)
}

export interface PermissionTreeNode {
  key: string
  label: I18nLabel
  children?: PermissionTreeNode[]
}

/** service → resource → code; leaves carry the short action label because the parent names the resource. */
export function permissionTree(): PermissionTreeNode[] {
  return (Object.keys(CATALOG) as ServiceCode[]).map((service) => ({
    key: service,
    label: { ...SERVICE_LABELS[service] },
    children: Object.keys(CATALOG[service]).map((resource) => {
      const key = `${service}.${resource}` as ResourceKey
      return {
        key,
        label: { ...RESOURCE_LABELS[key] },
        children: PERMISSIONS.filter((p) => p.service === service && p.resource === resource).map((p) => ({
          key: p.code,
          label: { zh: ACTION_LABELS[p.action].zh, en: ACTION_LABELS[p.action].en },
        })),
      }
    }),
  }))
}
