import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { dayToIsoDate, localDay, signServiceToken } from '@mosaic/service-kit'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { ALL_ORDERS } from '../../test-support/harness.js'
import { ACME } from '../../test-support/fake-sales.js'
import { EAST, ordersSuite, REPS } from '../../test-support/suite.js'
import { quoteExpiryJob } from './quotes.lifecycle.js'

const SECRET = 'quotes-lifecycle-secret-0123456789abcdef'
const TZ = 'Asia/Shanghai'
/** A date `days` from today in the business time zone. */
const dayFromToday = (days: number) => dayToIsoDate(localDay(new Date(), TZ) + days)

interface Quote {
  id: string
  number: string
  status: string
  version: number
  total: string
  validUntil: string | null
}

describe('a quote’s life: submit, decision, send, accept, expire', () => {
  const s = ordersSuite(
    SECRET,
    { east: REPS.east, west: { username: 'west-rep' }, admin: REPS.admin },
    { BUSINESS_TIME_ZONE: TZ, QUOTE_EXPIRY_INTERVAL_MINUTES: '0' },
  )
  let bolt: { id: string }

  beforeAll(async () => {
    const res = await s.h.call('POST', '/products', {
      token: s.admin.token,
      body: { code: 'L-BOLT', name: '螺栓', unit: 'set', referencePrice: '100', taxRate: '13' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    bolt = res.body
  })

  const draft = async (body: Record<string, unknown> = {}, token = s.east.token): Promise<Quote> => {
    const res = await s.h.call('POST', '/quotes', {
      token,
      body: {
        customerId: ACME.id,
        validUntil: dayFromToday(30),
        lines: [{ productId: bolt.id, quantity: '2' }],
        ...body,
      },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }
  const act = (q: Pick<Quote, 'id' | 'version'>, verb: string, token = s.east.token) =>
    s.h.call<Quote>('POST', `/quotes/${q.id}/${verb}`, { token, version: q.version })
  const read = async (id: string) =>
    (await s.h.call<Quote>('GET', `/quotes/${id}`, { token: s.admin.token })).body
  const actions = async (id: string) =>
    (
      (await s.h.call('GET', `/quotes/${id}/audit`, { token: s.admin.token })).body as Array<{
        action: string
        actorName: string | null
        note: string | null
      }>
    ).reverse()
  const requestOf = async (id: string) =>
    (await s.h.service.db.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = 'orders.approval.requested' AND payload->>'docId' = $1
       ORDER BY seq`,
      [id],
    )) as Array<{ payload: Record<string, unknown> }>

  /** Delivers admin's decision to the inbox, as admin's dispatcher does. */
  async function decide(
    q: { id: string },
    outcome: 'approved' | 'rejected' | 'withdrawn',
    over: Record<string, unknown> = {},
  ) {
    const requests = await requestOf(q.id)
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
        actorId: null,
        payload: {
          requestId: requests.at(-1)?.payload.requestId,
          instanceId: randomUUID(),
          service: 'orders',
          docType: 'quote',
          docId: q.id,
          outcome,
          comment: outcome === 'rejected' ? '价格太低' : null,
          decidedById: s.admin.id,
          decidedByName: '王经理',
          decidedAt: new Date().toISOString(),
          ...over,
        },
      }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
  }
  const submitted = async () => {
    const q = await draft()
    const res = await act(q, 'submit')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }

  it('submits a draft: pending, and the approval request with the amount, title and link', async () => {
    const q = await draft({ validUntil: dayFromToday(0) })
    const res = await act(q, 'submit')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ status: 'pending', version: 2 })
    const [request, ...more] = await requestOf(q.id)
    expect(more).toEqual([])
    expect(request!.payload).toMatchObject({
      service: 'orders',
      docType: 'quote',
      docId: q.id,
      docNumber: q.number,
      docTitle: `${q.number} (${ACME.name})`,
      amount: q.total,
      link: `/sales/quotes?open=${q.id}`,
      submitterId: s.east.id,
      submitterName: 'east-rep',
      ownerId: s.east.id,
      deptId: EAST,
    })
    expect(q.total).toBe('226.00')
    expect((await actions(q.id)).map((a) => a.action)).toEqual(['create', 'submit'])
  })

  it('refuses a submission from a wrong state, without lines’ date or with a past valid-until', async () => {
    const pending = await submitted()
    expect(expectProblem(await act(pending, 'submit'), 409).code).toBe('record.awaiting_approval')
    await decide(pending, 'approved')
    const approved = await read(pending.id)
    expect(expectProblem(await act(approved, 'submit'), 409).code).toBe('orders.quote.not_submittable')

    const undated = await draft({ validUntil: null })
    const noDate = await act(undated, 'submit')
    expectProblem(noDate, 400)
    expect(fieldCodes(noDate)).toEqual({ validUntil: 'orders.quote.valid_until_missing' })
    const yesterday = await draft({ validUntil: dayFromToday(-1) })
    const past = await act(yesterday, 'submit')
    expectProblem(past, 400)
    expect(fieldCodes(past)).toEqual({ validUntil: 'orders.quote.valid_until_past' })
    expect(await requestOf(yesterday.id)).toEqual([])
    expect((await read(yesterday.id)).status).toBe('draft')
  })

  it('locks a pending quote: no edit, no version restore, no delete', async () => {
    const q = await submitted()
    const path = `/quotes/${q.id}`
    const edit = await s.h.call('PATCH', path, {
      token: s.east.token,
      version: q.version,
      body: { remark: 'x' },
    })
    expect(expectProblem(edit, 409).code).toBe('record.awaiting_approval')
    const revert = await s.h.call('POST', `${path}/versions/1/restore`, {
      token: s.east.token,
      version: q.version,
    })
    expect(expectProblem(revert, 409).code).toBe('record.awaiting_approval')
    const del = await s.h.call('DELETE', path, { token: s.east.token, version: q.version })
    expect(expectProblem(del, 409).code).toBe('record.awaiting_approval')
    expect(await read(q.id)).toMatchObject({ status: 'pending', version: q.version })
  })

  it('an approval moves it to approved, audited as the decider; then send and accept', async () => {
    const q = await submitted()
    expect(expectProblem(await act(q, 'send'), 409).code).toBe('orders.quote.not_approved')
    await decide(q, 'approved', { comment: '同意' })
    const approved = await read(q.id)
    expect(approved).toMatchObject({ status: 'approved', version: q.version + 1 })
    expect(expectProblem(await act(approved, 'accept'), 409).code).toBe('orders.quote.not_sent')
    const edit = await s.h.call('PATCH', `/quotes/${q.id}`, {
      token: s.east.token,
      version: approved.version,
      body: { remark: 'x' },
    })
    expect(expectProblem(edit, 409).code).toBe('orders.quote.not_editable')
    const sent = await act(approved, 'send')
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    expect(sent.body.status).toBe('sent')
    const accepted = await act(sent.body, 'accept')
    expect(accepted.body.status).toBe('accepted')
    const del = await s.h.call('DELETE', `/quotes/${q.id}`, {
      token: s.east.token,
      version: accepted.body.version,
    })
    expect(expectProblem(del, 409).code).toBe('orders.quote.not_draft')
    const trail = await actions(q.id)
    expect(trail.map((a) => a.action)).toEqual(['create', 'submit', 'approve', 'send', 'accept'])
    expect(trail[2]).toMatchObject({ actorName: '王经理', note: '同意' })
    expect(trail[3]).toMatchObject({ actorName: 'east-rep' })
  })

  it('ignores a stale decision (an older submission’s, a repeat, another service’s)', async () => {
    const q = await submitted()
    await decide(q, 'approved', { requestId: randomUUID() })
    await decide(q, 'approved', { service: 'sales' })
    expect(await read(q.id)).toMatchObject({ status: 'pending', version: q.version })
    await decide(q, 'rejected')
    const rejected = await read(q.id)
    expect(rejected.status).toBe('rejected')
    await decide(q, 'approved')
    expect(await read(q.id)).toEqual(rejected)
  })

  it('rejected or withdrawn: editable again, and may be resubmitted (a new request)', async () => {
    const q = await submitted()
    await decide(q, 'withdrawn', { decidedById: s.east.id, decidedByName: 'east-rep' })
    const back = await read(q.id)
    expect(back.status).toBe('draft')
    const edited = await s.h.call<Quote>('PATCH', `/quotes/${q.id}`, {
      token: s.east.token,
      version: back.version,
      body: { remark: '改了' },
    })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    const again = await act(edited.body, 'submit')
    expect(again.body.status).toBe('pending')
    await decide(q, 'rejected')
    const rejected = await read(q.id)
    expect(rejected.status).toBe('rejected')
    const fixed = await s.h.call<Quote>('PATCH', `/quotes/${q.id}`, {
      token: s.east.token,
      version: rejected.version,
      body: { lines: [{ productId: bolt.id, quantity: '3' }] },
    })
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200)
    const del = await s.h.call('DELETE', `/quotes/${q.id}`, {
      token: s.east.token,
      version: fixed.body.version,
    })
    expect(expectProblem(del, 409).code).toBe('orders.quote.not_draft')
    const requests = await requestOf(q.id)
    expect(requests).toHaveLength(2)
    expect(requests[0]!.payload.requestId).not.toBe(requests[1]!.payload.requestId)
    expect((await act(fixed.body, 'submit')).body.status).toBe('pending')
    const trail = (await actions(q.id)).map((a) => a.action)
    expect(trail).toEqual(['create', 'submit', 'withdraw', 'update', 'submit', 'reject', 'update', 'submit'])
  })

  it('expires approved and sent quotes past their valid-until date (business time zone), as the system', async () => {
    const approved = await submitted()
    await decide(approved, 'approved')
    const sentOne = await submitted()
    await decide(sentOne, 'approved')
    await act(await read(sentOne.id), 'send')
    const acceptedOne = await submitted()
    await decide(acceptedOne, 'approved')
    const sent = await act(await read(acceptedOne.id), 'send')
    await act(sent.body, 'accept')
    const stillValid = await submitted()
    await decide(stillValid, 'approved')
    const oldDraft = await draft()
    // Time passes: the first four are past their date now; the last is valid through today.
    const db = s.h.service.db.dataSource
    await db.query('UPDATE quote SET valid_until = $2 WHERE id = ANY($1)', [
      [approved.id, sentOne.id, acceptedOne.id, oldDraft.id],
      dayFromToday(-1),
    ])
    await db.query('UPDATE quote SET valid_until = $2 WHERE id = $1', [stillValid.id, dayFromToday(0)])

    const job = quoteExpiryJob({ minutes: 0, timeZone: TZ })
    await job.run({ db: s.h.service.db, logger: s.h.service.logger })
    expect((await read(approved.id)).status).toBe('expired')
    expect((await read(sentOne.id)).status).toBe('expired')
    expect((await read(acceptedOne.id)).status).toBe('accepted')
    expect((await read(oldDraft.id)).status).toBe('draft')
    expect((await read(stillValid.id)).status).toBe('approved')
    expect((await actions(approved.id)).at(-1)).toMatchObject({ action: 'expire', actorName: 'system' })

    // A second run changes nothing.
    const before = await read(approved.id)
    await job.run({ db: s.h.service.db, logger: s.h.service.logger })
    expect(await read(approved.id)).toEqual(before)
    expect(expectProblem(await act(before, 'send'), 409).code).toBe('orders.quote.not_approved')
  })

  it('needs orders.quote.submit to submit and update to send or accept; another rep’s quote is 404', async () => {
    const q = await draft()
    const noSubmit = await s.h.user('no-submit', {
      permissions: ALL_ORDERS.filter((p) => p !== 'orders.quote.submit'),
    })
    const own = await draft({}, noSubmit.token)
    expectProblem(await act(own, 'submit', noSubmit.token), 403)
    const reader = await s.h.user('reader', { permissions: ['orders.quote.read'] })
    expectProblem(await act(q, 'send', reader.token), 403)
    expectProblem(await act(q, 'accept', reader.token), 403)
    for (const verb of ['submit', 'send', 'accept'])
      expect(expectProblem(await act(q, verb, s.west.token), 404).status).toBe(404)
    expect(await requestOf(q.id)).toEqual([])
    expect(await requestOf(own.id)).toEqual([])
  })
})
