import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { bulkOutcomes, expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { startTicketsWithPeers } from './test-support/harness.js'

const MISSING = '00000000-0000-4000-8000-0000000000ff'

/** Bulk edit and bulk delete (批量修改/删除) of tickets, through the ticket's own rules. */
describe('tickets bulk operations', () => {
  const s = harnessSuite(startTicketsWithPeers, {
    boss: { dataScope: 'all', deptIds: ['00000000-0000-4000-8000-0000000000d1'] },
    viewer: { dataScope: 'all', permissions: ['tickets.ticket.read'] },
  })
  const mine = '00000000-0000-4000-8000-0000000000c1'
  const theirs = '00000000-0000-4000-8000-0000000000c2'

  type Ticket = { id: string; version: number; status: string }
  const open = async (token = s.boss.token): Promise<Ticket> => {
    const customer = s.h.peers.addCustomer(`客户${randomUUID().slice(0, 6)}`)
    const res = await s.h.call('POST', '/tickets', {
      token,
      body: {
        type: 'repair',
        priority: 'high',
        channel: 'phone',
        customerId: customer.id,
        title: '批量工单',
        description: '无法启动',
      },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }
  const act = async (t: Ticket, verb: string, body: unknown): Promise<Ticket> => {
    const res = await s.h.call('POST', `/tickets/${t.id}/${verb}`, {
      token: s.boss.token,
      version: t.version,
      body,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }
  const bulk = (path: string, body: unknown, token = s.boss.token) => s.h.call('POST', path, { token, body })
  const read = async (id: string) => (await s.h.call('GET', `/tickets/${id}`, { token: s.boss.token })).body
  const auditActions = async (entityId: string) =>
    (
      await s.h.service.db.dataSource.query(
        'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq',
        [entityId],
      )
    ).map((r: { action: string }) => r.action)

  it('edits priority and type at the current version; a closed ticket and one out of scope are refused', async () => {
    const colleague = await s.h.user('bulk-colleague', { deptIds: [theirs] })
    const agent = await s.h.user('bulk-agent', {
      dataScope: 'dept',
      deptIds: [mine],
      roles: ['service_agent'],
    })
    const taken = async () => act(await open(), 'assign', { assigneeId: s.boss.id })
    const moved = await act(await taken(), 'process', { note: '已排查' })
    const plain = await open()
    let closed = await act(await taken(), 'resolve', { resolution: '已修复' })
    closed = await act(await act(closed, 'feedback', { satisfaction: 5 }), 'close', {})
    const foreign = await act(await open(), 'assign', { assigneeId: colleague.id })
    const res = await bulk('/tickets/bulk-edit', {
      ids: [moved.id, plain.id, closed.id, MISSING],
      changes: { priority: 'low', type: 'consult' },
    })
    expect(bulkOutcomes(res)).toEqual({
      [moved.id]: 'ok',
      [plain.id]: 'ok',
      [closed.id]: 'tickets.ticket.closed',
      [MISSING]: 'http.not_found',
    })
    expect(await read(moved.id)).toMatchObject({
      priority: 'low',
      type: 'consult',
      version: moved.version + 1,
    })
    expect(await read(closed.id)).toMatchObject({ priority: 'high', version: closed.version })
    expect(await auditActions(plain.id)).toEqual(['create', 'update'])
    const hidden = await bulk(
      '/tickets/bulk-edit',
      { ids: [foreign.id], changes: { priority: 'low' } },
      agent.token,
    )
    expect(bulkOutcomes(hidden)).toEqual({ [foreign.id]: 'http.not_found' })
    expect(await read(foreign.id)).toMatchObject({ priority: 'high' })
  })

  it('deletes tickets to the recycle bin, each audited', async () => {
    const a = await open()
    const b = await open()
    const res = await bulk('/tickets/bulk-delete', { ids: [a.id, b.id, MISSING] })
    expect(bulkOutcomes(res)).toEqual({ [a.id]: 'ok', [b.id]: 'ok', [MISSING]: 'http.not_found' })
    expectProblem(await s.h.call('GET', `/tickets/${a.id}`, { token: s.boss.token }), 404)
    expect(await auditActions(b.id)).toEqual(['create', 'delete'])
  })

  it('needs the permission, a known field, a dictionary value and at most 200 ids', async () => {
    const t = await open()
    expectProblem(
      await bulk('/tickets/bulk-edit', { ids: [t.id], changes: { priority: 'low' } }, s.viewer.token),
      403,
    )
    expectProblem(await bulk('/tickets/bulk-delete', { ids: [t.id] }, s.viewer.token), 403)
    const assignee = await bulk('/tickets/bulk-edit', { ids: [t.id], changes: { assigneeId: MISSING } })
    expect(fieldCodes(assignee)).toEqual({ 'changes.assigneeId': 'validation.unknown_field' })
    const bad = await bulk('/tickets/bulk-edit', { ids: [t.id], changes: { priority: 'whenever' } })
    expect(bulkOutcomes(bad)).toEqual({ [t.id]: 'dict.unknown' })
    // The field's own refusal, not a generic "fields are invalid": the reader sees which value.
    expect(bad.body.results[0]).toMatchObject({ field: 'priority', params: { value: 'whenever' } })
    const many = await bulk('/tickets/bulk-delete', { ids: Array.from({ length: 201 }, () => t.id) })
    expect(fieldCodes(many)).toEqual({ ids: 'validation.too_many' })
    expect(await read(t.id)).toMatchObject({ priority: 'high', version: 1 })
  })
})
