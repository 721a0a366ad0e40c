import { randomBytes, randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { admin } from '@mosaic/schemas'
import { signServiceToken, upsertRuleReplica } from '@mosaic/service-kit'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { startSales } from '../../test-support/harness.js'

/**
 * The opportunity closure rule requires approval: a win or a loss waits (`closing`, locked) for the
 * closure flow's decision, which admin sends back as `admin.approval.decided` (decision 64).
 */
const SECRET = randomBytes(32).toString('base64url')

interface Opp {
  id: string
  version: number
  status: string
  locked: boolean
  closedBy: string | null
  closeNote: string | null
  closeDate: string | null
  lostReason: string | null
  probability: number
  pendingClosure: Record<string, unknown> | null
}

describe('closing an opportunity through approval', () => {
  const s = harnessSuite(() => startSales({ SERVICE_SECRET: SECRET }), {
    rep: {},
    boss: { dataScope: 'all' },
  })
  let customerId: string
  let version = 2

  const setRule = (values: Partial<admin.ClosureRuleValues>) =>
    s.h.service.db.transaction((m) =>
      upsertRuleReplica(m, 'closure', 'opportunity', version++, {
        ...admin.DEFAULT_CLOSURE_RULES.opportunity,
        requiredFields: [],
        lockOnClose: true,
        approvalRequired: true,
        enabled: true,
        ...values,
      }),
    )

  beforeAll(async () => {
    await setRule({})
    const customer = await s.h.call('POST', '/customers', {
      token: s.rep.token,
      body: { name: 'Approval Ltd' },
    })
    expect(customer.status, JSON.stringify(customer.body)).toBe(201)
    customerId = customer.body.id
  })

  const opportunity = async (name: string) => {
    const res = await s.h.call<Opp>('POST', '/opportunities', {
      token: s.rep.token,
      body: { name, customerId, expectedAmount: '5000' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }
  const close = (o: Pick<Opp, 'id' | 'version'>, body: Record<string, unknown>) =>
    s.h.call<Opp>('POST', `/opportunities/${o.id}/close`, { token: s.rep.token, version: o.version, body })
  const read = async (id: string) =>
    (await s.h.call<Opp>('GET', `/opportunities/${id}`, { token: s.boss.token })).body
  const outbox = (topic: string, id: string) =>
    s.h.service.db.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = $1 AND (payload->>'docId' = $2 OR payload->>'id' = $2) ORDER BY seq`,
      [topic, id],
    ) as Promise<Array<{ payload: Record<string, unknown> }>>
  const trail = async (id: string) =>
    (
      (await s.h.call('GET', `/opportunities/${id}/audit`, { token: s.boss.token })).body as Array<{
        action: string
        actorName: string | null
        note: string | null
      }>
    ).reverse()
  const dealStatus = async () =>
    (await s.h.call('GET', `/customers/${customerId}`, { token: s.boss.token })).body.dealStatus

  async function decide(
    o: { id: string },
    outcome: 'approved' | 'rejected' | 'withdrawn',
    over: Record<string, unknown> = {},
  ) {
    const requests = await outbox('sales.approval.requested', o.id)
    const res = await fetch(`${s.h.base}/internal/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await signServiceToken(SECRET, 'admin')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        id: randomUUID(),
        topic: 'admin.approval.decided',
        source: 'admin',
        occurredAt: new Date().toISOString(),
        actorId: s.boss.id,
        payload: {
          requestId: requests.at(-1)?.payload.requestId,
          instanceId: randomUUID(),
          service: 'sales',
          docType: 'closure',
          docId: o.id,
          outcome,
          comment: outcome === 'approved' ? '同意结单' : '再跟进一下',
          decidedById: s.boss.id,
          decidedByName: 'boss',
          decidedAt: new Date().toISOString(),
          ...over,
        },
      }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
  }

  it('a win waits for approval: closing, locked, the request published, nothing closed yet', async () => {
    const o = await opportunity('Big deal')
    const res = await close(o, { outcome: 'won', closeNote: '签约', closeDate: '2026-12-01' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      status: 'closing',
      closedAt: null,
      locked: false,
      pendingClosure: {
        outcome: 'won',
        closeNote: '签约',
        closeDate: '2026-12-01',
        lostReason: null,
        requestedByName: 'rep',
      },
    })
    const [request, ...more] = await outbox('sales.approval.requested', o.id)
    expect(more).toEqual([])
    expect(request!.payload).toMatchObject({
      service: 'sales',
      docType: 'closure',
      docId: o.id,
      docNumber: 'Big deal',
      docTitle: 'Big deal (Approval Ltd): won',
      amount: '5000.00',
      link: `/sales/opportunities?open=${o.id}`,
      submitterId: s.rep.id,
      ownerId: s.rep.id,
      comment: '签约',
    })
    expect(await outbox('sales.opportunity.closed', o.id)).toEqual([])
    expect(await dealStatus()).toBe('undealt')

    const v = res.body.version
    const edit = await s.h.call('PATCH', `/opportunities/${o.id}`, {
      token: s.rep.token,
      version: v,
      body: { remark: 'x' },
    })
    expect(expectProblem(edit, 409).code).toBe('record.awaiting_approval')
    expect(expectProblem(await close(res.body, { outcome: 'lost', lostReason: 'price' }), 409).code).toBe(
      'record.awaiting_approval',
    )
    const del = await s.h.call('DELETE', `/opportunities/${o.id}`, { token: s.rep.token, version: v })
    expect(expectProblem(del, 409).code).toBe('record.awaiting_approval')
    const reopen = await s.h.call('POST', `/opportunities/${o.id}/reopen`, {
      token: s.boss.token,
      version: v,
      body: { reason: 'x' },
    })
    expect(expectProblem(reopen, 409).code).toBe('sales.opportunity.not_closed')
    expect((await read(o.id)).version).toBe(v)
  })

  it('approved: the close is applied as a direct close would be (event, deal status, lock, audit)', async () => {
    const o = await opportunity('Approved deal')
    const waiting = (await close(o, { outcome: 'won', closeNote: '中标' })).body
    await decide(o, 'approved')
    const won = await read(o.id)
    expect(won).toMatchObject({
      status: 'won',
      probability: 100,
      closedBy: 'rep',
      closeNote: '中标',
      closeDate: waiting.pendingClosure!.closeDate,
      locked: true,
      pendingClosure: null,
    })
    const [closed] = await outbox('sales.opportunity.closed', o.id)
    expect(closed!.payload).toMatchObject({ id: o.id, outcome: 'won', lostReason: null })
    expect(await dealStatus()).toBe('dealt')
    const entries = await trail(o.id)
    expect(entries.map((e) => e.action)).toEqual(['create', 'submit', 'approve', 'close'])
    expect(entries[1]).toMatchObject({ actorName: 'rep', note: 'won' })
    expect(entries[2]).toMatchObject({ actorName: 'boss', note: '同意结单' })
    expect(entries[3]).toMatchObject({ actorName: 'rep', note: 'won' })
  })

  it('rejected or withdrawn: open again and editable; a loss may be requested again', async () => {
    const o = await opportunity('Lost deal')
    await close(o, { outcome: 'lost', lostReason: 'price' })
    await decide(o, 'rejected')
    const open = await read(o.id)
    expect(open).toMatchObject({ status: 'open', pendingClosure: null, closedAt: null, lostReason: null })
    const edit = await s.h.call<Opp>('PATCH', `/opportunities/${o.id}`, {
      token: s.rep.token,
      version: open.version,
      body: { remark: 'try again' },
    })
    expect(edit.status, JSON.stringify(edit.body)).toBe(200)
    const again = await close(edit.body, { outcome: 'lost', lostReason: 'price' })
    expect(again.body.status).toBe('closing')
    await decide(o, 'withdrawn', { decidedById: s.rep.id, decidedByName: 'rep', comment: null })
    expect((await read(o.id)).status).toBe('open')
    expect(await outbox('sales.opportunity.closed', o.id)).toEqual([])
    expect((await trail(o.id)).map((e) => e.action)).toEqual([
      'create',
      'submit',
      'reject',
      'update',
      'submit',
      'withdraw',
    ])
  })

  it('ignores a decision for another submission, another service, or a repeat', async () => {
    const o = await opportunity('Stale deal')
    const waiting = (await close(o, { outcome: 'won' })).body
    await decide(o, 'approved', { requestId: randomUUID() })
    await decide(o, 'approved', { service: 'orders' })
    expect(await read(o.id)).toMatchObject({ status: 'closing', version: waiting.version })
    await decide(o, 'rejected')
    const open = await read(o.id)
    await decide(o, 'approved')
    expect(await read(o.id)).toEqual(open)
  })

  it('tells the close dialog whether closing goes to approval (a disabled rule: no)', async () => {
    const terms = async () => (await s.h.call('GET', '/opportunities/closing', { token: s.rep.token })).body
    await setRule({ requiredFields: ['closeNote'] })
    expect(await terms()).toEqual({ approvalRequired: true, requiredFields: ['closeNote'] })
    await setRule({ enabled: false })
    expect(await terms()).toEqual({ approvalRequired: false, requiredFields: [] })
    await setRule({})
    const reader = await s.h.user('nobody', { permissions: [] })
    expect((await s.h.call('GET', '/opportunities/closing', { token: reader.token })).status).toBe(403)
  })

  it('marking invalid closes at once; a disabled rule or one without approval closes at once', async () => {
    const invalid = await opportunity('Invalid one')
    expect((await close(invalid, { outcome: 'invalid' })).body.status).toBe('invalid')
    await setRule({ enabled: false })
    const disabled = await opportunity('Rule off')
    expect((await close(disabled, { outcome: 'won' })).body.status).toBe('won')
    await setRule({ approvalRequired: false })
    const direct = await opportunity('No approval')
    const closed = await close(direct, { outcome: 'lost', lostReason: 'price' })
    expect(closed.body).toMatchObject({ status: 'lost', locked: true })
    expect(await outbox('sales.approval.requested', direct.id)).toEqual([])
    expect((await trail(direct.id)).map((e) => e.action)).toEqual(['create', 'close'])
    await setRule({})
  })
})
