import type { PermissionCode } from './catalog.js'
import type { DataScope } from './scopes.js'

/** Who is calling: built from verified token claims on the server, from `/me` in the browser. */
export interface Principal {
  userId: string
  username: string
  displayName?: string
  deptId: string | null
  /** Departments the data scope covers: own dept, or own dept and all below it. Set by the token issuer. */
  scopeDeptIds?: string[]
  roles: string[]
  permissions: string[]
  dataScope: DataScope
  kind: 'staff' | 'portal' | 'service'
  /** Set for portal users: the only customer whose data they may see. */
  customerId?: string
  /**
   * The user's auth version when the token was issued: a token older than the user's current one
   * (disabled, roles or scope changed, password reset) is refused by every service.
   */
  authVersion?: number
}

type Who = Principal | null | undefined

export function can(principal: Who, code: PermissionCode): boolean {
  return !!principal && principal.permissions.includes(code)
}

export function canAll(principal: Who, codes: readonly PermissionCode[]): boolean {
  return !!principal && codes.every((c) => principal.permissions.includes(c))
}

/** An empty list means "no permission required". */
export function canAny(principal: Who, codes: readonly PermissionCode[]): boolean {
  if (!principal) return false
  return codes.length === 0 || codes.some((c) => principal.permissions.includes(c))
}
