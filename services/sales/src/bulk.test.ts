import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { bulkOutcomes, expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { startSales, type TestUser } from './test-support/harness.js'

/** Bulk edit and bulk delete (批量修改/删除) of the sales lists, through each record's own rules. */
describe('sales bulk operations', () => {
  const s = harnessSuite(() => startSales(), {
    rep: {},
    other: {},
    viewer: { permissions: ['sales.customer.read', 'sales.contact.read'] },
  })

  const post = async (u: TestUser, path: string, body: Record<string, unknown>) => {
    const res = await s.h.call('POST', path, { token: u.token, body })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body as { id: string; version: number }
  }
  const customer = (name: string, u = s.rep) =>
    post(u, '/customers', { name, contact: { name: `${name} Li` } })
  const bulk = (path: string, body: Record<string, unknown>, u = s.rep) =>
    s.h.call('POST', path, { token: u.token, body })
  const auditActions = (entityId: string) =>
    s.h.service.db.transaction(async (m) =>
      (await m.query('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [entityId])).map(
        (r: { action: string }) => r.action,
      ),
    )
  const MISSING = '00000000-0000-4000-8000-0000000000ff'

  it('edits customers at their current version; out of scope and missing are 404 without a title', async () => {
    const edited = await customer('Bulk Edited Co')
    const patched = await s.h.call('PATCH', `/customers/${edited.id}`, {
      token: s.rep.token,
      version: 1,
      body: { remark: 'changed in between' },
    })
    expect(patched.body.version).toBe(2)
    const plain = await customer('Bulk Plain Co')
    const foreign = await customer('Bulk Foreign Co', s.other)
    const res = await bulk('/customers/bulk-edit', {
      ids: [edited.id, plain.id, foreign.id, MISSING],
      changes: { level: 'A', status: 'intention', source: 'website' },
    })
    expect(bulkOutcomes(res)).toEqual({
      [edited.id]: 'ok',
      [plain.id]: 'ok',
      [foreign.id]: 'http.not_found',
      [MISSING]: 'http.not_found',
    })
    expect(res.body.results[0].title).toMatch(/Bulk Edited Co/)
    expect(JSON.stringify(res.body)).not.toContain('Bulk Foreign Co')
    const after = await s.h.call('GET', `/customers/${edited.id}`, { token: s.rep.token })
    expect(after.body).toMatchObject({ level: 'A', status: 'intention', source: 'website', version: 3 })
    expect(await auditActions(plain.id)).toEqual(['create', 'update'])
    const untouched = await s.h.call('GET', `/customers/${foreign.id}`, { token: s.other.token })
    expect(untouched.body).toMatchObject({ level: null, version: 1 })
  })

  it('checks the dictionary per record and refuses what the bulk edit does not allow', async () => {
    const c = await customer('Bulk Dict Co')
    const bad = await bulk('/customers/bulk-edit', { ids: [c.id], changes: { level: 'Z' } })
    // The single edit's dictionary check, per record: a value not in the dictionary changes nothing.
    expect(bulkOutcomes(bad)).toEqual({ [c.id]: 'dict.unknown' })
    // The field's own refusal, not a generic "fields are invalid": the reader sees which value.
    expect(bad.body.results[0]).toMatchObject({ field: 'level', params: { value: 'Z' } })
    const owner = await bulk('/customers/bulk-edit', { ids: [c.id], changes: { ownerId: s.other.id } })
    expectProblem(owner, 400)
    expect(fieldCodes(owner)).toEqual({ 'changes.ownerId': 'validation.unknown_field' })
    const name = await bulk('/customers/bulk-edit', { ids: [c.id], changes: { name: 'Same For All' } })
    expect(fieldCodes(name)).toEqual({ 'changes.name': 'validation.unknown_field' })
    const many = await bulk('/customers/bulk-delete', { ids: Array.from({ length: 201 }, () => c.id) })
    expect(fieldCodes(many)).toEqual({ ids: 'validation.too_many' })
    expectProblem(await bulk('/customers/bulk-edit', { ids: [c.id], changes: { level: 'A' } }, s.viewer), 403)
    expectProblem(await bulk('/customers/bulk-delete', { ids: [c.id] }, s.viewer), 403)
    const same = await s.h.call('GET', `/customers/${c.id}`, { token: s.rep.token })
    expect(same.body).toMatchObject({ level: null, version: 1 })
  })

  it('deletes customers through their deletion rule: one with opportunities answers with the guard', async () => {
    const gone = await customer('Bulk Gone Co')
    const guarded = await customer('Bulk Guarded Co')
    await post(s.rep, '/opportunities', { name: 'Keeps it', customerId: guarded.id })
    const foreign = await customer('Bulk Foreign Two', s.other)
    const res = await bulk('/customers/bulk-delete', { ids: [gone.id, guarded.id, foreign.id] })
    expect(bulkOutcomes(res)).toEqual({
      [gone.id]: 'ok',
      [guarded.id]: 'sales.customer.has_opportunities',
      [foreign.id]: 'http.not_found',
    })
    expect(res.body.results[1]).toMatchObject({ status: 409, params: { count: 1 } })
    expectProblem(await s.h.call('GET', `/customers/${gone.id}`, { token: s.rep.token }), 404)
    expect((await s.h.call('GET', `/customers/${guarded.id}`, { token: s.rep.token })).status).toBe(200)
    expect((await s.h.call('GET', `/customers/${foreign.id}`, { token: s.other.token })).status).toBe(200)
    expect(await auditActions(gone.id)).toEqual(['create', 'delete'])
    // The customer's contacts went with it, as a single delete takes them.
    const contacts = await s.h.call('GET', `/contacts?customerId=${gone.id}`, { token: s.rep.token })
    expect(contacts.body.items).toEqual([])
  })

  it('edits leads, follow-ups and opportunities by their allowed fields; deletes contacts', async () => {
    const lead = await post(s.rep, '/leads', { name: 'Bulk Lead', source: 'exhibition' })
    const leads = await bulk('/leads/bulk-edit', {
      ids: [lead.id],
      changes: { source: 'website', industry: 'it' },
    })
    expect(bulkOutcomes(leads)).toEqual({ [lead.id]: 'ok' })
    const status = await bulk('/leads/bulk-edit', { ids: [lead.id], changes: { status: 'invalid' } })
    expect(fieldCodes(status)).toEqual({ 'changes.status': 'validation.unknown_field' })

    const c = await customer('Bulk Parent Co')
    const followUp = await post(s.rep, '/followups', {
      targetType: 'customer',
      targetId: c.id,
      subject: 'Call',
      method: 'phone',
      content: 'Talked',
      contactedAt: '2026-01-05T02:00:00.000Z',
    })
    const fu = await bulk('/followups/bulk-edit', { ids: [followUp.id], changes: { method: 'email' } })
    expect(bulkOutcomes(fu)).toEqual({ [followUp.id]: 'ok' })

    const opp = await post(s.rep, '/opportunities', { name: 'Bulk Deal', customerId: c.id })
    const stage = await bulk('/opportunities/bulk-edit', { ids: [opp.id], changes: { stage: 'won' } })
    expect(fieldCodes(stage)).toEqual({ 'changes.stage': 'validation.unknown_field' })
    const opps = await bulk('/opportunities/bulk-edit', {
      ids: [opp.id],
      changes: { type: 'renewal', source: 'website' },
    })
    expect(bulkOutcomes(opps)).toEqual({ [opp.id]: 'ok' })
    const read = async (path: string) => (await s.h.call('GET', path, { token: s.rep.token })).body
    expect(await read(`/leads/${lead.id}`)).toMatchObject({ source: 'website', industry: 'it', version: 2 })
    expect(await read(`/followups/${followUp.id}`)).toMatchObject({ method: 'email' })
    expect(await read(`/opportunities/${opp.id}`)).toMatchObject({ type: 'renewal', source: 'website' })

    const [contact] = await read(`/customers/${c.id}/contacts`)
    const contacts = await bulk('/contacts/bulk-delete', { ids: [contact.id] })
    expect(bulkOutcomes(contacts)).toEqual({ [contact.id]: 'ok' })
    expect(await auditActions(contact.id)).toEqual(['create', 'delete'])
  })
})
