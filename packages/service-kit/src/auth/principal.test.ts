import { describe, expect, test } from 'vitest'
import { PERMISSIONS } from '@mosaic/permissions'
import {
  claimsFromPrincipal,
  packPermissions,
  principalFromClaims,
  unpackPermissions,
  type AccessClaims,
} from './principal.js'

describe('permission packing in access tokens', () => {
  test('round-trips every catalogued code and is much smaller than the plain list', () => {
    const all = PERMISSIONS.map((p) => p.code)
    const packed = packPermissions(all)
    expect(unpackPermissions(packed).sort()).toEqual([...all].sort())
    expect(packed.length).toBeLessThan(JSON.stringify(all).length * 0.6)
  })

  test('groups by resource', () => {
    expect(packPermissions(['admin.user.read', 'admin.user.create', 'sales.lead.read'])).toBe(
      'admin.user:read,create;sales.lead:read',
    )
    expect(unpackPermissions('admin.user:read,create;sales.lead:read')).toEqual([
      'admin.user.read',
      'admin.user.create',
      'sales.lead.read',
    ])
    expect(unpackPermissions('')).toEqual([])
    expect(unpackPermissions(undefined)).toEqual([])
  })

  test('a principal survives the trip through claims', () => {
    const principal = {
      userId: 'u1',
      username: 'alice',
      displayName: 'Alice',
      deptId: 'd1',
      scopeDeptIds: ['d1', 'd2'],
      roles: ['sales_rep'],
      permissions: ['sales.lead.read', 'sales.lead.create'],
      dataScope: 'dept' as const,
      kind: 'staff' as const,
    }
    expect(principalFromClaims(claimsFromPrincipal(principal) as AccessClaims)).toEqual(principal)
  })
})
