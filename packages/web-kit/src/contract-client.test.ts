import { describe, expect, expectTypeOf, it } from 'vitest'
import { adminRoutes, salesRoutes } from '@mosaic/schemas/contracts'
import type { sales } from '@mosaic/schemas'
import { contractCaller, contractUrl } from './contract-client'
import { fakeApi } from './test-utils'

describe('contractCaller', () => {
  it('fills and encodes the path parameters, picks the method and passes the body and If-Match', async () => {
    const http = fakeApi()
    const call = contractCaller(http)
    http.patch.mockResolvedValue({ id: 'a' })
    const body = { access: 'read' } as const
    await call(salesRoutes.updateCustomerTeamMember, {
      params: { id: 'c 1', userId: 'u/2' },
      body,
      ifMatch: 3,
    })
    expect(http.patch).toHaveBeenCalledWith('/api/sales/customers/c%201/team/u%2F2', body, { ifMatch: 3 })
  })

  it('passes exactly the arguments a hand-written call would (no trailing undefined)', async () => {
    const http = fakeApi()
    const call = contractCaller(http)
    await call(salesRoutes.transferOptions)
    expect(http.get.mock.calls[0]).toEqual(['/api/sales/transfers/options'])
    await call(salesRoutes.listCustomers, { query: { q: 'acme' } })
    expect(http.get.mock.calls[1]).toEqual(['/api/sales/customers', { query: { q: 'acme' } }])
    await call(salesRoutes.lockCustomer, { params: { id: 'c1' }, ifMatch: 1 })
    expect(http.post.mock.calls[0]).toEqual(['/api/sales/customers/c1/lock', undefined, { ifMatch: 1 }])
    await call(adminRoutes.unlockUser, { params: { id: 'u1' } })
    expect(http.post.mock.calls[1]).toEqual(['/api/admin/users/u1/unlock'])
    await call(adminRoutes.deleteUser, { params: { id: 'u1' }, ifMatch: 2 })
    expect(http.delete.mock.calls[0]).toEqual(['/api/admin/users/u1', { ifMatch: 2 }])
  })

  it('types the body by the schema’s input and the answer by the response schema’s output', () => {
    const call = contractCaller(fakeApi())
    expectTypeOf(
      call(salesRoutes.getCustomer, { params: { id: 'x' } }),
    ).resolves.toEqualTypeOf<sales.Customer>()
    expectTypeOf(call(adminRoutes.logout)).resolves.toEqualTypeOf<void>()
    expectTypeOf<Parameters<typeof call<typeof adminRoutes.createUser>>[1]>().toMatchTypeOf<
      { body: { username: string } } | undefined
    >()
    // Never run: these only have to fail to compile.
    const refused = [
      // @ts-expect-error the path names `:id`
      () => call(salesRoutes.getCustomer, { params: { customerId: 'x' } }),
      // @ts-expect-error a body its schema refuses
      () => call(adminRoutes.resetPassword, { params: { id: 'x' }, body: { password: 'x' } }),
    ]
    expect(refused).toHaveLength(2)
  })
})

describe('contractUrl', () => {
  it('refuses a path whose parameter has no value', () => {
    expect(() => contractUrl('/api/admin/users/:id', {})).toThrow(/"id"/)
  })
})
