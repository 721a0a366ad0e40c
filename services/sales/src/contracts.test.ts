import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { salesRoutes } from '@mosaic/schemas/contracts'
import { contractMismatches } from '@mosaic/service-kit/testing'
import { startSales, type SalesHarness } from './test-support/harness.js'

/**
 * The apps' sales client is derived from `salesRoutes`: each contract must name a route this
 * service declares (method and path), with the body schema that route validates with.
 */
describe('route contracts', () => {
  let h: SalesHarness
  beforeAll(async () => {
    h = await startSales()
  })
  afterAll(async () => {
    await h?.close()
  })

  it('every sales contract is a declared route with the same body schema', () => {
    const routes = h.service.api.routes()
    expect(contractMismatches(salesRoutes, routes)).toEqual([])
    // The check itself: an undeclared path is reported.
    expect(contractMismatches({ gone: { method: 'get', path: '/api/sales/nowhere' } }, routes)).toEqual([
      'gone: no declared route GET /api/sales/nowhere',
    ])
  })
})
