/**
 * The function-permission codes themselves (`<service>.<resource>.<action>`) and the types derived from them;
 * labels.ts names them and catalog.ts builds the entries, so both depend on this file and not on each other.
 */

export const CATALOG = {
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
      'import',
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
    sla: ['read', 'update'],
  },
  finance: {
    receivable: ['read', 'update', 'export'],
    'payment-plan': ['read', 'create', 'update', 'delete'],
    payment: ['read', 'create', 'update', 'delete', 'restore', 'approve', 'writeoff', 'import', 'export'],
    invoice: ['read', 'create', 'update', 'delete', 'restore', 'void', 'export'],
    statement: ['read'],
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
