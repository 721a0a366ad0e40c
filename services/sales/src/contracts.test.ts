import { describe, expect, it } from 'vitest'
import { salesRoutes } from '@mosaic/schemas/contracts'
import { contractMismatches, harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from './test-support/harness.js'

/**
 * The apps' sales client is derived from `salesRoutes`: each contract must name a route this
 * service declares (method and path), with the body schema that route validates with.
 */
describe('route contracts', () => {
  const s = harnessSuite(() => startSales())

  it('every sales contract is a declared route with the same body schema', () => {
    const routes = s.h.service.api.routes()
    expect(contractMismatches(salesRoutes, routes)).toEqual([])
    // The check itself: an undeclared path is reported.
    expect(contractMismatches({ gone: { method: 'get', path: '/api/sales/nowhere' } }, routes)).toEqual([
      'gone: no declared route GET /api/sales/nowhere',
    ])
  })
})
