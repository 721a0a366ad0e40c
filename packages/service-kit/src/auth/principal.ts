import type { Principal } from '@mosaic/permissions'
import { DATA_SCOPES } from '@mosaic/permissions'
import type { JWTPayload } from 'jose'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the kit's `authenticate` middleware once the access token is verified. */
      principal?: Principal
    }
  }
}

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
  /** Permission codes packed by resource (see packPermissions): the token stays small as the catalog grows. */
  perms: string
  scope: string
  kind?: 'staff' | 'portal' | 'service'
  customer?: string
  /** The user's auth version at issue (see Principal.authVersion); absent means 0. */
  av?: number
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
    permissions: unpackPermissions(claims.perms),
    dataScope: scope as Principal['dataScope'],
    kind: claims.kind ?? 'staff',
    customerId: claims.customer,
    ...(typeof claims.av === 'number' ? { authVersion: claims.av } : {}),
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
    perms: packPermissions(p.permissions),
    scope: p.dataScope,
    kind: p.kind,
    ...(p.customerId ? { customer: p.customerId } : {}),
    ...(p.authVersion !== undefined ? { av: p.authVersion } : {}),
  }
}

/**
 * `['admin.user.read', 'admin.user.create', 'sales.lead.read']` → `'admin.user:read,create;sales.lead:read'`.
 * A super administrator's ~170 codes shrink from ~5 KB to ~2 KB of claim, keeping the Authorization
 * header well inside proxies' header limits.
 */
export function packPermissions(codes: readonly string[]): string {
  const byResource = new Map<string, string[]>()
  for (const code of codes) {
    const cut = code.lastIndexOf('.')
    const resource = code.slice(0, cut)
    byResource.set(resource, [...(byResource.get(resource) ?? []), code.slice(cut + 1)])
  }
  return [...byResource].map(([resource, actions]) => `${resource}:${actions.join(',')}`).join(';')
}

export function unpackPermissions(packed: string | undefined): string[] {
  if (!packed) return []
  return packed.split(';').flatMap((group) => {
    const [resource, actions = ''] = group.split(':')
    return actions
      .split(',')
      .filter(Boolean)
      .map((action) => `${resource}.${action}`)
  })
}
