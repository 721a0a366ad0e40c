import { describe, expect, it } from 'vitest'
import type { DeclaredRoute } from './http/route.js'
import type { Service } from './service.js'
import { harnessSuite } from './testing-harness.js'

/** A route contract as `@mosaic/schemas/contracts` declares it (only what is checked here). */
export interface ContractLike {
  readonly method: string
  readonly path: string
  readonly body?: unknown
}

/**
 * What is wrong between a service's contracts and the routes it declares: a contract whose method
 * and path no declared route has (the apps would call a route that is not there), or whose body
 * schema is not the very schema the route validates with (the apps would type a different body).
 * Empty when they agree.
 */
export function contractMismatches(
  contracts: Readonly<Record<string, ContractLike>>,
  routes: readonly DeclaredRoute[],
): string[] {
  const declared = new Map(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r]))
  return Object.entries(contracts).flatMap(([name, contract]) => {
    const key = `${contract.method.toUpperCase()} ${contract.path}`
    const route = declared.get(key)
    if (!route) return [`${name}: no declared route ${key}`]
    if (contract.body !== route.body) return [`${name}: the body schema is not the one ${key} validates with`]
    return []
  })
}

/**
 * The route-contract test of a service (`name`, its API under `/api/<name>`): the apps' client is
 * derived from `contracts`, so each must name a route the service started by `start` declares,
 * with the body schema that route validates with; and the check itself must report an undeclared path.
 */
export function describeRouteContracts(
  name: string,
  contracts: Readonly<Record<string, ContractLike>>,
  start: () => Promise<{ service: Service; close(): Promise<void> }>,
) {
  describe('route contracts', () => {
    const s = harnessSuite(start)

    it(`every ${name} contract is a declared route with the same body schema`, () => {
      const routes = s.h.service.api.routes()
      expect(contractMismatches(contracts, routes)).toEqual([])
      const nowhere = `/api/${name}/nowhere`
      expect(contractMismatches({ gone: { method: 'get', path: nowhere } }, routes)).toEqual([
        `gone: no declared route GET ${nowhere}`,
      ])
    })
  })
}
