import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect } from 'vitest'
import { harnessSuite, type SuiteUser, type TestUser } from '@mosaic/service-kit/testing'
import { fakeSales, type FakeSales } from './fake-sales.js'
import { ALL_ORDERS, startOrders, type OrdersHarness } from './harness.js'

/** Two sales departments: the suite's reps sit in one each. */
export const EAST = randomUUID()
export const WEST = randomUUID()

/** The usual cast of a document suite: a rep in each department, the east manager and an admin. */
export const REPS = {
  east: { username: 'east-rep', deptIds: [EAST] },
  west: { username: 'west-rep', deptIds: [WEST] },
  eastBoss: { username: 'east-boss', deptIds: [EAST], dataScope: 'dept' },
  admin: { dataScope: 'all' },
} satisfies Record<string, SuiteUser>

/** Reads every orders record of the east department and may change none. */
export const READER: SuiteUser = {
  username: 'reader',
  deptIds: [EAST],
  dataScope: 'dept',
  permissions: ALL_ORDERS.filter((p) => p.endsWith('.read')),
}

/**
 * The orders service on a fresh database, beside a fake sales service (`suite.sales`, started
 * first and closed last), with `users` signed in as harnessSuite does.
 */
export function ordersSuite<N extends string>(
  secret: string,
  users: Record<N, SuiteUser>,
  env: Record<string, string> = {},
) {
  let sales: FakeSales | undefined
  beforeAll(async () => {
    sales = await fakeSales()
  })
  afterAll(() => sales?.close())
  const suite = harnessSuite(
    () => startOrders({ SERVICE_SECRET: secret, SALES_SERVICE_URL: sales!.url, ...env }),
    users,
  )
  return Object.defineProperty(suite, 'sales', { get: () => sales! }) as typeof suite & {
    readonly sales: FakeSales
  }
}

/** A product created by the suite's admin (name `产品 <code>`), for document lines. */
export async function addProduct(
  s: { h: OrdersHarness; admin: TestUser },
  code: string,
  referencePrice: string,
  taxRate: string,
): Promise<{ id: string }> {
  const res = await s.h.call('POST', '/products', {
    token: s.admin.token,
    body: { code, name: `产品 ${code}`, unit: 'set', referencePrice, taxRate },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}
