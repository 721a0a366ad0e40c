import { describe, expect, it } from 'vitest'
import { adminRoutes } from '@mosaic/schemas/contracts'
import { contractMismatches, harnessSuite } from '@mosaic/service-kit/testing'
import { startAdmin } from './test-support/harness.js'

/**
 * The apps' admin client (and the shell’s, the UI’s) is derived from `adminRoutes`: each contract must name a route this
 * service declares (method and path), with the body schema that route validates with.
 */
describe('route contracts', () => {
  const s = harnessSuite(() => startAdmin())

  it('every admin contract is a declared route with the same body schema', () => {
    const routes = s.h.service.api.routes()
    expect(contractMismatches(adminRoutes, routes)).toEqual([])
    // The check itself: an undeclared path is reported.
    expect(contractMismatches({ gone: { method: 'get', path: '/api/admin/nowhere' } }, routes)).toEqual([
      'gone: no declared route GET /api/admin/nowhere',
    ])
  })
})
