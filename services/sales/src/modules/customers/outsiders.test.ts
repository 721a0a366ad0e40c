import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales, type TestUser } from '../../test-support/harness.js'

const EAST = randomUUID()
const WEST = randomUUID()

/** Two reps in different scopes probing each other's customers: they learn nothing about them. */
describe('customers seen from outside their scope', () => {
  const s = harnessSuite(() => startSales(), {
    east: { username: 'east-rep', deptIds: [EAST] },
    west: { username: 'west-rep', deptIds: [WEST] },
    eastBoss: { username: 'east-boss', deptIds: [EAST], dataScope: 'dept' },
  })
  let secret: { id: string; number: string }

  beforeAll(async () => {
    const res = await s.h.call('POST', '/customers', {
      token: s.east.token,
      body: { name: 'Hidden Harbour Ltd' },
    })
    expect(res.status).toBe(201)
    secret = res.body
    for (const name of ['Hidden Harbour East', 'Hidden Harbour Trading'])
      await s.h.call('POST', '/customers', { token: s.east.token, body: { name } })
    await s.h.call('POST', '/customers', { token: s.west.token, body: { name: 'Hidden Harbour West' } })
  })

  const duplicates = (u: TestUser, name: string) =>
    s.h.call('GET', `/customers/duplicates?name=${encodeURIComponent(name)}`, { token: u.token })

  it('an exact match out of scope says only that the name exists; fuzzy matches out of scope say nothing', async () => {
    const exact = await duplicates(s.west, 'hidden harbour  LTD')
    expect(exact.status).toBe(200)
    expect(exact.body).toEqual({ exact: { visible: false }, similar: [] })
    expect(JSON.stringify(exact.body)).not.toContain(secret.id)

    const fuzzy = await duplicates(s.west, 'Hidden Harbour')
    expect(fuzzy.body.exact).toBeNull()
    expect(fuzzy.body.similar.map((s: { name: string }) => s.name)).toEqual(['Hidden Harbour West'])
  })

  it('in scope, the check names the customer and its owner as before', async () => {
    for (const u of [s.east, s.eastBoss]) {
      const exact = await duplicates(u, 'Hidden Harbour Ltd')
      expect(exact.body.exact).toEqual({
        visible: true,
        id: secret.id,
        number: secret.number,
        name: 'Hidden Harbour Ltd',
        ownerName: 'east-rep',
        inPool: false,
      })
    }
    const fuzzy = await duplicates(s.eastBoss, 'Hidden Harbour')
    expect(fuzzy.body.similar).toHaveLength(3)
    expect(fuzzy.body.similar.map((s: { name: string }) => s.name)).not.toContain('Hidden Harbour West')
  })

  it('creating the same name out of scope is refused without naming the owner', async () => {
    const res = await s.h.call('POST', '/customers', {
      token: s.west.token,
      body: { name: 'HIDDEN harbour ltd' },
    })
    const body = expectProblem(res, 409)
    expect(body).toMatchObject({ code: 'sales.customer.name_taken' })
    expect(fieldCodes(res)).toEqual({ name: 'sales.customer.name_taken' })
    expect(JSON.stringify(body)).not.toMatch(/s.east-rep|KH\d/)
    const own = await s.h.call('POST', '/customers', {
      token: s.eastBoss.token,
      body: { name: 'Hidden Harbour Ltd' },
    })
    expect(expectProblem(own, 409)).toMatchObject({
      code: 'sales.customer.name_taken_by',
      params: { name: 'Hidden Harbour Ltd', number: secret.number, owner: 'east-rep' },
    })
  })

  it('claiming or assigning a customer the caller cannot see is a 404, not "already claimed by"', async () => {
    const claim = await s.h.call('POST', `/pool/${secret.id}/claim`, { token: s.west.token })
    expect(expectProblem(claim, 404)).toMatchObject({ code: 'sales.pool.not_in_pool' })
    expect(JSON.stringify(claim.body)).not.toContain('east-rep')

    const assign = await s.h.call('POST', '/pool/assign', {
      token: s.west.token,
      body: { ids: [secret.id], ownerId: s.west.id },
    })
    expect(assign.status).toBe(200)
    expect(assign.body.results).toEqual([
      expect.objectContaining({
        id: secret.id,
        ok: false,
        status: 404,
        title: null,
        code: 'sales.pool.not_in_pool',
      }),
    ])
    expect(JSON.stringify(assign.body)).not.toContain('east-rep')

    // Whoever sees it is told who has it.
    const seen = await s.h.call('POST', `/pool/${secret.id}/claim`, { token: s.eastBoss.token })
    expect(expectProblem(seen, 409)).toMatchObject({
      code: 'sales.pool.already_owned',
      params: { owner: 'east-rep' },
    })
  })
})
