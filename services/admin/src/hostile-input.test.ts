import { describe, it } from 'vitest'
import { assertEveryRouteRefusesHostileInput, harnessSuite } from '@mosaic/service-kit/testing'
import { startAdmin } from './test-support/harness.js'

/**
 * Every declared admin route, driven with generated hostile params, queries and bodies as the
 * super administrator: no 5xx, every refusal a problem+json with catalog codes. New routes are
 * covered the day they are declared.
 */
describe('hostile input (every route)', () => {
  const s = harnessSuite(() => startAdmin())

  it('is refused with a 4xx problem, never a 5xx', { timeout: 300_000 }, async () => {
    const token = await s.h.login()
    // A user (and their role) for path ids to hit, not the administrator whose session drives the run.
    const target = await s.h.userWith(token, { username: 'hostile_target', permissions: ['admin.user.read'] })
    const ids = [target.user.id, ...(target.user.roleIds ?? [])]
    await assertEveryRouteRefusesHostileInput(s.h, {
      token,
      ids,
      minRoutes: 30,
      // Signing out or changing the password would end the session the rest of the run uses.
      skip: (r) => ['/api/admin/auth/logout', '/api/admin/auth/password'].includes(r.path),
    })
  })
})
