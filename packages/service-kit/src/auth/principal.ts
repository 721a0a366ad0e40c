import type { Principal } from '@mosaic/permissions'
import { DATA_SCOPES } from '@mosaic/permissions'
import type { JWTPayload } from 'jose'

/**
 * The claims an access token carries. Short keys keep the token small; `perms` is explicit so
 * every service can decide without calling the admin service.
 */
export interface AccessClaims extends JWTPayload {
  sub: string
  username: string
  name?: string
  dept: string | null
  /** Departments the data scope covers (own dept, or own dept and its descendants). */
  depts?: string[]
  roles: string[]
  perms: string[]
  scope: string
  kind?: 'staff' | 'portal' | 'service'
  customer?: string
}

export function principalFromClaims(claims: AccessClaims): Principal {
  const scope = (DATA_SCOPES as readonly string[]).includes(claims.scope) ? claims.scope : 'self'
  return {
    userId: claims.sub,
    username: claims.username,
    displayName: claims.name,
    deptId: claims.dept ?? null,
    scopeDeptIds: claims.depts ?? (claims.dept ? [claims.dept] : []),
    roles: claims.roles ?? [],
    permissions: claims.perms ?? [],
    dataScope: scope as Principal['dataScope'],
    kind: claims.kind ?? 'staff',
    customerId: claims.customer,
  }
}

export function claimsFromPrincipal(p: Principal): Omit<AccessClaims, 'iss' | 'aud' | 'exp' | 'iat'> {
  return {
    sub: p.userId,
    username: p.username,
    name: p.displayName,
    dept: p.deptId,
    depts: p.scopeDeptIds,
    roles: p.roles,
    perms: p.permissions,
    scope: p.dataScope,
    kind: p.kind,
    ...(p.customerId ? { customer: p.customerId } : {}),
  }
}
