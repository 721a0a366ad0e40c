import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { upsertDeptReplica } from '@mosaic/service-kit'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales, type TestUser } from '../../test-support/harness.js'

const EAST = randomUUID()
const WEST = randomUUID()
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

describe('customer history is readable: names for ids, only visible fields', () => {
  const s = harnessSuite(() => startSales())
  let alice: TestUser, bob: TestUser, mgr: TestUser

  beforeAll(async () => {
    // As admin's `admin.dept.changed` events (or its snapshot) would fill the replica.
    await s.h.service.db.transaction(async (m) => {
      await upsertDeptReplica(m, { id: EAST, name: '华东销售部', parentId: null, version: 1, deleted: false })
      await upsertDeptReplica(m, { id: WEST, name: '华西销售部', parentId: null, version: 1, deleted: false })
    })
    alice = await s.h.user('alice', { deptIds: [EAST] })
    bob = await s.h.user('bob', { deptIds: [WEST] })
    mgr = await s.h.user('mgr', { deptIds: [EAST, WEST], dataScope: 'dept' })
  })

  it('a transfer names the old and new owner and department; the pool clock stays out', async () => {
    const created = await s.h.call('POST', '/customers', {
      token: alice.token,
      body: { name: 'Readable Co' },
    })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    const moved = await s.h.call('POST', '/transfers', {
      token: mgr.token,
      body: { entityType: 'customer', ids: [id], toOwnerId: bob.id, reason: 'Territory' },
    })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)

    const audit = await s.h.call('GET', `/customers/${id}/audit`, { token: mgr.token })
    const transfer = audit.body.find((e: { action: string }) => e.action === 'transfer')
    expect(transfer.diff).toMatchObject({
      ownerId: { before: alice.id, after: bob.id },
      deptId: { before: EAST, after: WEST },
    })
    expect(transfer.diff).not.toHaveProperty('ownerSince')
    expect(transfer.names).toMatchObject({
      [alice.id]: 'alice',
      [bob.id]: 'bob',
      [EAST]: '华东销售部',
      [WEST]: '华西销售部',
      [mgr.id]: 'mgr',
    })
    // Every id the entry carries is named.
    const ids = JSON.stringify(transfer.diff).match(new RegExp(UUID, 'gi')) ?? []
    for (const ref of ids) expect(transfer.names).toHaveProperty(ref)

    const versions = await s.h.call('GET', `/customers/${id}/versions`, { token: mgr.token })
    expect(versions.status).toBe(200)
    for (const v of versions.body) {
      expect(v.snapshot).not.toHaveProperty('ownerSince')
      expect(v.snapshot).not.toHaveProperty('version')
      expect(v.snapshot).not.toHaveProperty('nameKey')
    }
    expect(versions.body[0].names).toMatchObject({ [bob.id]: 'bob', [WEST]: '华西销售部' })
  })
})
