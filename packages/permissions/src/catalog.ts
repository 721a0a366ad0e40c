/**
 * The one catalog of function-permission codes (`<service>.<resource>.<action>`, listed in codes.ts).
 * Services guard endpoints with these codes, apps hide menus and buttons with them,
 * and the admin role editor shows them as a tree; adding a code to codes.ts is the only way
 * a new permission comes into existence.
 */

import {
  CATALOG,
  type PermissionAction,
  type PermissionCode,
  type ResourceKey,
  type ServiceCode,
} from './codes.js'
import {
  ACTION_LABELS,
  LABEL_OVERRIDES,
  RESOURCE_LABELS,
  SERVICE_LABELS,
  fullLabel,
  type I18nLabel,
} from './labels.js'

export type { PermissionAction, PermissionCode, ResourceKey, ServiceCode } from './codes.js'
export { ACTION_LABELS, RESOURCE_LABELS, SERVICE_LABELS, type I18nLabel } from './labels.js'

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

/**
 * Who may open the orders service's recycle bin (products, categories, quotes, contracts, sales
 * orders): whoever may restore one of those, or whoever reads every bin.
 */
export const ORDERS_RECYCLE_BIN_ACCESS: readonly PermissionCode[] = [
  'orders.product.restore',
  'orders.quote.restore',
  'orders.contract.restore',
  'orders.order.restore',
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
