import type { Problem } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'

/** Shaped like web-kit's ApiError without importing it, so tests need no HTTP layer. */
export function problemError(problem: Partial<Problem> & { status: number }) {
  const full: Problem = { type: 'about:blank', title: 'Error', ...problem }
  const fieldErrors: Record<string, string> = {}
  for (const e of full.errors ?? []) fieldErrors[e.field] ??= e.message
  return Object.assign(new Error(full.detail ?? full.title), {
    status: full.status,
    problem: full,
    fieldErrors,
  })
}

/** A signed-in staff member holding exactly these permissions. */
export function testPrincipal(...permissions: string[]): Principal {
  return {
    userId: 'u1',
    username: 'ann',
    deptId: null,
    roles: [],
    dataScope: 'all',
    kind: 'staff',
    permissions,
  }
}
