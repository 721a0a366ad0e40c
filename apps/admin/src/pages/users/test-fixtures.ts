import type { admin } from '@mosaic/schemas'

/** A user as the admin API answers one, for the users page's component tests. */
export const alice: admin.User = {
  id: '0c0e7f5e-1d2b-4c3a-9e8f-7a6b5c4d3e2f',
  version: 7,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  username: 'alice',
  displayName: 'Alice',
  email: null,
  phone: null,
  deptId: null,
  deptName: null,
  roleIds: [],
  roleNames: [],
  enabled: true,
  lockedUntil: null,
  lastLoginAt: null,
}
