import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ticketsRoutes } from '@mosaic/schemas/contracts'
import { contractMismatches, harnessSuite, TEST_PNG, uploadFile } from '@mosaic/service-kit/testing'
import { fieldCodes } from '@mosaic/service-kit/testing/expect'
import { startTicketsWithPeers, type TicketsHarnessWithPeers } from '../../test-support/harness.js'
import { breachRound } from '../sla/sla.breach.js'

type H = TicketsHarnessWithPeers

async function openOne(h: H, token: string, extra: Record<string, unknown> = {}) {
  const customer = h.peers.addCustomer(`客户${randomUUID().slice(0, 6)}`)
  const res = await h.call('POST', '/tickets', {
    token,
    body: {
      type: 'repair',
      priority: 'high',
      channel: 'phone',
      customerId: customer.id,
      contactId: customer.contacts[0]!.id,
      contractId: customer.contracts[0]!.id,
      orderId: customer.orders[0]!.id,
      title: '设备无法启动',
      description: '开机后无反应',
      ...extra,
    },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { ticket: res.body, customer }
}

async function act(h: H, token: string, t: { id: string; version: number }, verb: string, body: unknown) {
  return h.call('POST', `/tickets/${t.id}/${verb}`, { token, version: t.version, body })
}

const outbox = async (h: H, topic: string, ticketId: string) =>
  (await h.service.db.dataSource.query(
    `SELECT payload, notify FROM outbox_event WHERE topic = $1 AND payload->>'ticketId' = $2 ORDER BY seq`,
    [topic, ticketId],
  )) as Array<{ payload: Record<string, unknown>; notify: Array<Record<string, unknown>> }>

const logOf = async (h: H, token: string, id: string) => {
  const res = await h.call('GET', `/tickets/${id}/log`, { token })
  expect(res.status).toBe(200)
  return res.body as Array<{
    action: string
    fromStatus: string | null
    toStatus: string | null
    note: string | null
    actorName: string | null
  }>
}

describe('tickets', () => {
  const s = harnessSuite(startTicketsWithPeers, {
    boss: { dataScope: 'all', deptIds: ['00000000-0000-4000-8000-0000000000d1'] },
  })

  it('declares every staff route of its contract (portal accounts are built beside it)', () => {
    const mine = Object.fromEntries(
      Object.entries(ticketsRoutes).filter(([, r]) => !r.path.includes('/portal-accounts')),
    )
    expect(contractMismatches(mine, s.h.service.api.routes())).toEqual([])
  })

  it('opens a ticket with names looked up, SLA due times, an image and a log row, and publishes it', async () => {
    const photo = await uploadFile(s.h, TEST_PNG, 'image/png', '故障.png', s.boss.token)
    expect(photo.status).toBe(201)
    const { ticket, customer } = await openOne(s.h, s.boss.token, { imageIds: [photo.body.id] })
    expect(ticket).toMatchObject({
      number: expect.stringMatching(/^GD\d{8}\d{4}$/),
      status: 'new',
      channel: 'phone',
      customerName: customer.name,
      contactName: customer.contacts[0]!.name,
      contractNumber: customer.contracts[0]!.number,
      orderNumber: customer.orders[0]!.number,
      assigneeId: null,
      deptId: s.boss.deptId,
      reopenCount: 0,
    })
    expect(ticket.images.map((i: { id: string }) => i.id)).toEqual([photo.body.id])
    expect(new Date(ticket.responseDueAt) > new Date(ticket.createdAt)).toBe(true)
    expect(new Date(ticket.resolutionDueAt) > new Date(ticket.responseDueAt)).toBe(true)
    const log = await logOf(s.h, s.boss.token, ticket.id)
    expect(log.map((l) => [l.action, l.toStatus])).toEqual([['created', 'new']])
    const [changed] = await outbox(s.h, 'tickets.ticket.changed', ticket.id)
    expect(changed!.payload).toMatchObject({
      number: ticket.number,
      customerId: customer.id,
      contractId: customer.contracts[0]!.id,
      status: 'new',
      open: true,
      deleted: false,
    })
    const download = await fetch(`${s.h.base}/attachments/${photo.body.id}`, {
      headers: { authorization: `Bearer ${s.boss.token}` },
    })
    expect(download.status).toBe(200)
  })

  it('refuses links that are not the customer’s, unknown customers, non-images and someone else’s upload', async () => {
    const other = s.h.peers.addCustomer('别家公司')
    const customer = s.h.peers.addCustomer('本家公司')
    const base = { type: 'consult', priority: 'low', channel: 'email', title: 't', description: 'd' }
    const wrong = await s.h.call('POST', '/tickets', {
      token: s.boss.token,
      body: {
        ...base,
        customerId: customer.id,
        contactId: other.contacts[0]!.id,
        contractId: other.contracts[0]!.id,
        orderId: other.orders[0]!.id,
      },
    })
    expect(wrong.status).toBe(400)
    expect(fieldCodes(wrong)).toEqual({
      contactId: 'tickets.contact_not_customers',
      contractId: 'tickets.contract_not_customers',
      orderId: 'tickets.order_not_customers',
    })
    const unknown = await s.h.call('POST', '/tickets', {
      token: s.boss.token,
      body: { ...base, customerId: randomUUID() },
    })
    expect(fieldCodes(unknown)).toEqual({ customerId: 'tickets.customer_unknown' })
    const badDict = await s.h.call('POST', '/tickets', {
      token: s.boss.token,
      body: { ...base, type: 'nope', customerId: customer.id },
    })
    expect(badDict.status).toBe(400)
    expect(Object.keys(fieldCodes(badDict))).toEqual(['type'])
    const stranger = await s.h.user('stranger', { dataScope: 'all' })
    const theirs = await uploadFile(s.h, TEST_PNG, 'image/png', 'x.png', stranger.token)
    const stolen = await s.h.call('POST', '/tickets', {
      token: s.boss.token,
      body: { ...base, customerId: customer.id, imageIds: [theirs.body.id] },
    })
    expect(fieldCodes(stolen)).toEqual({ 'imageIds.0': 'attachment.unknown' })
  })

  it('answers 503 when a peer is down, and looks customers up for the form', async () => {
    const c = s.h.peers.addCustomer('查询测试有限公司')
    const options = await s.h.call('GET', '/lookups/customers?q=查询测试', { token: s.boss.token })
    expect(options.body).toEqual([{ id: c.id, name: c.name }])
    const links = await s.h.call('GET', `/lookups/customers/${c.id}`, { token: s.boss.token })
    expect(links.body).toEqual({
      id: c.id,
      name: c.name,
      contacts: c.contacts,
      contracts: c.contracts,
      orders: c.orders,
    })
    expect(
      (await s.h.call('GET', `/lookups/customers/${randomUUID()}`, { token: s.boss.token })).status,
    ).toBe(404)
    s.h.peers.down()
    try {
      const down = await s.h.call('GET', `/lookups/customers/${c.id}`, { token: s.boss.token })
      expect(down.status).toBe(503)
      expect(down.body.code).toBe('tickets.peer_unavailable')
    } finally {
      s.h.peers.up()
    }
    const noRight = await s.h.user('no-lookups', { permissions: ['tickets.ticket.read'] })
    expect((await s.h.call('GET', '/lookups/customers', { token: noRight.token })).status).toBe(403)
  })

  it('walks the flow: assign, process, resolve, feedback, close — each logged and audited', async () => {
    const agent = await s.h.user('agent-a', { deptIds: ['00000000-0000-4000-8000-0000000000a1'] })
    let { ticket } = await openOne(s.h, s.boss.token)
    const assigned = await act(s.h, s.boss.token, ticket, 'assign', { assigneeId: agent.id, note: '请处理' })
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200)
    expect(assigned.body).toMatchObject({
      status: 'assigned',
      assigneeId: agent.id,
      assigneeName: 'agent-a',
      deptId: agent.deptId,
    })
    expect(assigned.body.respondedAt).not.toBeNull()
    const [notice] = await outbox(s.h, 'tickets.ticket.assigned', ticket.id)
    expect(notice!.payload).toMatchObject({ assigneeId: agent.id, number: ticket.number, breach: null })
    expect(notice!.notify[0]).toMatchObject({ userId: agent.id, kind: 'ticket_assigned' })
    ticket = assigned.body
    // The agent (self scope) now sees it as its owner.
    const processed = await act(s.h, agent.token, ticket, 'process', { note: '已远程排查', internal: true })
    expect(processed.body.status).toBe('in_progress')
    const waiting = await act(s.h, agent.token, processed.body, 'process', {
      note: '等客户回复',
      status: 'waiting_customer',
    })
    expect(waiting.body.status).toBe('waiting_customer')
    const early = await act(s.h, agent.token, waiting.body, 'close', {})
    expect(early.status).toBe(422)
    expect(fieldCodes(early)).toEqual({
      status: 'tickets.ticket.not_resolved',
      resolution: 'tickets.ticket.resolution_required',
      satisfaction: 'tickets.ticket.feedback_required',
    })
    const resolved = await act(s.h, agent.token, waiting.body, 'resolve', { resolution: '更换电源' })
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: '更换电源' })
    const noFeedback = await act(s.h, agent.token, resolved.body, 'close', {})
    expect(fieldCodes(noFeedback)).toEqual({ satisfaction: 'tickets.ticket.feedback_required' })
    const rated = await act(s.h, agent.token, resolved.body, 'feedback', {
      satisfaction: 5,
      feedback: '很满意',
    })
    expect(rated.body).toMatchObject({ satisfaction: 5, feedback: '很满意', status: 'resolved' })
    const closed = await act(s.h, agent.token, rated.body, 'close', { note: '回访完成' })
    expect(closed.body.status).toBe('closed')
    expect(closed.body.closedAt).not.toBeNull()
    const log = await logOf(s.h, agent.token, ticket.id)
    expect(log.map((l) => [l.action, l.fromStatus, l.toStatus])).toEqual([
      ['created', null, 'new'],
      ['assigned', 'new', 'assigned'],
      ['processed', 'assigned', 'in_progress'],
      ['processed', 'in_progress', 'waiting_customer'],
      ['resolved', 'waiting_customer', 'resolved'],
      ['feedback', 'resolved', 'resolved'],
      ['closed', 'resolved', 'closed'],
    ])
    expect(log[2]).toMatchObject({ note: '已远程排查', actorName: 'agent-a' })
    const audit = await s.h.call('GET', `/tickets/${ticket.id}/audit`, { token: s.boss.token })
    expect(audit.status, JSON.stringify(audit.body)).toBe(200)
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'assign', 'update', 'complete', 'close']),
    )
    const statuses = (await outbox(s.h, 'tickets.ticket.changed', ticket.id)).map((e) => [
      e.payload.status,
      e.payload.open,
    ])
    expect(statuses).toEqual([
      ['new', true],
      ['assigned', true],
      ['in_progress', true],
      ['waiting_customer', true],
      ['resolved', false],
      ['closed', false],
    ])
    // Closed: no edits, no more steps.
    const edit = await s.h.call('PATCH', `/tickets/${ticket.id}`, {
      token: s.boss.token,
      version: closed.body.version,
      body: { title: 'x' },
    })
    expect(edit.body.code).toBe('tickets.ticket.closed')
  })

  it('refuses illegal transitions with both ends', async () => {
    const { ticket } = await openOne(s.h, s.boss.token)
    const resolve = await act(s.h, s.boss.token, ticket, 'resolve', { resolution: 'x' })
    expect(resolve.status).toBe(409)
    expect(resolve.body).toMatchObject({
      code: 'tickets.ticket.illegal_transition',
      params: { from: 'new', to: 'resolved' },
    })
    const reopen = await act(s.h, s.boss.token, ticket, 'reopen', { reason: 'x' })
    expect(reopen.body.params).toEqual({ from: 'new', to: 'reopened' })
    const feedback = await act(s.h, s.boss.token, ticket, 'feedback', { satisfaction: 3 })
    expect(feedback.status).toBe(409)
    const stale = await act(s.h, s.boss.token, { ...ticket, version: ticket.version + 5 }, 'assign', {
      assigneeId: s.boss.id,
    })
    expect(stale.status).toBe(412)
  })

  it('reopens within the window (with the permission), not after it, and counts it', async () => {
    const { ticket } = await openOne(s.h, s.boss.token)
    let t = (await act(s.h, s.boss.token, ticket, 'assign', { assigneeId: s.boss.id })).body
    t = (await act(s.h, s.boss.token, t, 'resolve', { resolution: '已解决' })).body
    const fromResolved = await act(s.h, s.boss.token, t, 'reopen', { reason: '客户说没好' })
    expect(fromResolved.body).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null })
    t = (await act(s.h, s.boss.token, fromResolved.body, 'assign', { assigneeId: s.boss.id })).body
    expect(t.status).toBe('assigned')
    t = (await act(s.h, s.boss.token, t, 'resolve', { resolution: '再次解决' })).body
    t = (await act(s.h, s.boss.token, t, 'feedback', { satisfaction: 4 })).body
    t = (await act(s.h, s.boss.token, t, 'close', {})).body
    const noPermission = await s.h.user('no-reopen', {
      dataScope: 'all',
      permissions: ['tickets.ticket.read', 'tickets.ticket.update'],
    })
    expect((await act(s.h, noPermission.token, t, 'reopen', { reason: 'x' })).status).toBe(403)
    // The old clock ran out long ago; reopening starts a new one from now.
    await s.h.service.db.dataSource.query(
      `UPDATE ticket SET resolution_due_at = now() - interval '30 days' WHERE id = $1`,
      [t.id],
    )
    const inside = await act(s.h, s.boss.token, t, 'reopen', { reason: '又坏了' })
    expect(inside.body).toMatchObject({ status: 'reopened', reopenCount: 2, closedAt: null })
    expect(new Date(inside.body.resolutionDueAt) > new Date()).toBe(true)
    // Closed eight days ago: outside the 7-day window.
    t = (await act(s.h, s.boss.token, inside.body, 'assign', { assigneeId: s.boss.id })).body
    t = (await act(s.h, s.boss.token, t, 'resolve', { resolution: '第三次' })).body
    t = (await act(s.h, s.boss.token, t, 'feedback', { satisfaction: 4 })).body
    t = (await act(s.h, s.boss.token, t, 'close', {})).body
    await s.h.service.db.dataSource.query(
      `UPDATE ticket SET closed_at = now() - interval '8 days' WHERE id = $1`,
      [t.id],
    )
    const outside = await act(s.h, s.boss.token, t, 'reopen', { reason: '太晚了' })
    expect(outside.status).toBe(409)
    expect(outside.body).toMatchObject({ code: 'tickets.ticket.reopen_window', params: { days: 7 } })
  })

  it('hides tickets outside a department-scoped agent’s departments (404 everywhere)', async () => {
    const mine = '00000000-0000-4000-8000-0000000000b1'
    const theirs = '00000000-0000-4000-8000-0000000000b2'
    const colleague = await s.h.user('colleague', { deptIds: [theirs] })
    const agent = await s.h.user('dept-agent', {
      dataScope: 'dept',
      deptIds: [mine],
      roles: ['service_agent'],
    })
    const { ticket } = await openOne(s.h, s.boss.token)
    // Unassigned, it is the desk's shared queue: any agent sees it and may take it.
    const queued = await s.h.call('GET', `/tickets/${ticket.id}`, { token: agent.token })
    expect(queued.status).toBe(200)
    const queue = await s.h.call('GET', `/tickets?customerId=${ticket.customerId}`, { token: agent.token })
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([ticket.id])
    const t = (await act(s.h, s.boss.token, ticket, 'assign', { assigneeId: colleague.id })).body
    expect(t.deptId).toBe(theirs)
    for (const [method, path, body] of [
      ['GET', `/tickets/${t.id}`, undefined],
      ['GET', `/tickets/${t.id}/log`, undefined],
      ['GET', `/tickets/${t.id}/audit`, undefined],
      ['PATCH', `/tickets/${t.id}`, { title: 'x' }],
      ['POST', `/tickets/${t.id}/process`, { note: 'x' }],
      ['POST', `/tickets/${t.id}/assign`, { assigneeId: agent.id }],
      ['DELETE', `/tickets/${t.id}`, undefined],
    ] as const) {
      const res = await s.h.call(method, path, { token: agent.token, version: t.version, body })
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    const list = await s.h.call('GET', `/tickets?customerId=${t.customerId}`, { token: agent.token })
    expect(list.body.items).toEqual([])
    const own = await s.h.call('GET', `/tickets?customerId=${t.customerId}`, { token: colleague.token })
    expect(own.body.items.map((i: { id: string }) => i.id)).toEqual([t.id])
  })

  it('edits links and priority (due times follow), deletes and restores with events, and lists by filter', async () => {
    const { ticket, customer } = await openOne(s.h, s.boss.token)
    const edited = await s.h.call('PATCH', `/tickets/${ticket.id}`, {
      token: s.boss.token,
      version: ticket.version,
      body: { priority: 'low', contractId: null, orderId: null, title: '改过的标题' },
    })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect(edited.body).toMatchObject({
      priority: 'low',
      contractId: null,
      contractNumber: null,
      title: '改过的标题',
    })
    expect(new Date(edited.body.resolutionDueAt) > new Date(ticket.resolutionDueAt)).toBe(true)
    const byTitle = await s.h.call('GET', '/tickets?q=改过的', { token: s.boss.token })
    expect(byTitle.body.items.map((i: { id: string }) => i.id)).toContain(ticket.id)
    const byCustomer = await s.h.call(
      'GET',
      `/tickets?q=${encodeURIComponent(customer.name.slice(2))}&open=true&priority=low`,
      { token: s.boss.token },
    )
    expect(byCustomer.body.items.map((i: { id: string }) => i.id)).toEqual([ticket.id])
    const closedOnly = await s.h.call('GET', `/tickets?customerId=${customer.id}&open=false`, {
      token: s.boss.token,
    })
    expect(closedOnly.body.items).toEqual([])
    const removed = await s.h.call('DELETE', `/tickets/${ticket.id}`, {
      token: s.boss.token,
      version: edited.body.version,
    })
    expect(removed.status).toBe(204)
    expect((await s.h.call('GET', `/tickets/${ticket.id}`, { token: s.boss.token })).status).toBe(404)
    const restored = await s.h.call('POST', `/tickets/${ticket.id}/restore`, { token: s.boss.token })
    expect(restored.status).toBe(200)
    const changes = (await outbox(s.h, 'tickets.ticket.changed', ticket.id)).map((e) => [
      e.payload.contractId,
      e.payload.deleted,
      e.payload.open,
    ])
    expect(changes).toEqual([
      [customer.contracts[0]!.id, false, true],
      [null, false, true],
      [null, true, false],
      [null, false, true],
    ])
  })

  it('flags breaches once per kind in the SLA round, and a late response without an event', async () => {
    const agent = await s.h.user('breach-agent', { dataScope: 'all' })
    const { ticket } = await openOne(s.h, s.boss.token)
    const t = (await act(s.h, s.boss.token, ticket, 'assign', { assigneeId: agent.id })).body
    const { ticket: late } = await openOne(s.h, s.boss.token)
    // Both clocks of the first passed, the response clock of the second.
    await s.h.service.db.dataSource.query(
      `UPDATE ticket SET response_due_at = now() - interval '2 hours', resolution_due_at = now() - interval '1 hour' WHERE id = $1`,
      [t.id],
    )
    await s.h.service.db.dataSource.query(
      `UPDATE ticket SET response_due_at = now() - interval '1 hour' WHERE id = $1`,
      [late.id],
    )
    await breachRound(s.h.service.db)
    await breachRound(s.h.service.db)
    const first = await outbox(s.h, 'tickets.ticket.breached', t.id)
    // Assigned at once, so it responded in time: only the resolution is breached.
    expect(first.map((e) => e.payload.breach)).toEqual(['resolution'])
    expect(first[0]!.notify[0]).toMatchObject({ userId: agent.id, kind: 'ticket_breached' })
    const second = await outbox(s.h, 'tickets.ticket.breached', late.id)
    expect(second.map((e) => e.payload.breach)).toEqual(['response'])
    const shown = await s.h.call('GET', `/tickets/${late.id}`, { token: s.boss.token })
    expect(shown.body).toMatchObject({ responseBreached: true, resolutionBreached: false })
    expect((await logOf(s.h, s.boss.token, late.id)).map((l) => l.action)).toEqual(['created', 'breached'])
    const breachedList = await s.h.call('GET', '/tickets?breached=response', { token: s.boss.token })
    expect(breachedList.body.items.map((i: { id: string }) => i.id)).toContain(late.id)
    // Responding late to a ticket the round has not seen yet sets the flag, without an event.
    const { ticket: slow } = await openOne(s.h, s.boss.token)
    await s.h.service.db.dataSource.query(
      `UPDATE ticket SET response_due_at = now() - interval '1 minute' WHERE id = $1`,
      [slow.id],
    )
    const answered = await act(s.h, s.boss.token, slow, 'assign', { assigneeId: agent.id })
    expect(answered.body.responseBreached).toBe(true)
    await breachRound(s.h.service.db)
    expect(await outbox(s.h, 'tickets.ticket.breached', slow.id)).toEqual([])
  })

  it('reads and changes the SLA settings with If-Match, and shows the targets from the dictionary', async () => {
    const settings = await s.h.call('GET', '/sla/settings', { token: s.boss.token })
    expect(settings.body).toMatchObject({
      timeZone: 'Asia/Shanghai',
      workdays: [1, 2, 3, 4, 5],
      dayStart: '09:00',
      dayEnd: '18:00',
      reopenWindowDays: 7,
      feedbackRequired: true,
      version: 1,
    })
    const targets = await s.h.call('GET', '/sla/targets', { token: s.boss.token })
    expect(targets.body).toContainEqual({ priority: 'low', responseHours: 24, resolveHours: 120 })
    const body = {
      workdays: [1, 2, 3, 4, 5, 6],
      dayStart: '08:30',
      dayEnd: '17:30',
      holidays: ['2027-01-01'],
      workingDates: ['2027-02-07'],
      reopenWindowDays: 7,
      feedbackRequired: true,
    }
    const stale = await s.h.call('PUT', '/sla/settings', { token: s.boss.token, version: 9, body })
    expect(stale.status).toBe(412)
    const bad = await s.h.call('PUT', '/sla/settings', {
      token: s.boss.token,
      version: 1,
      body: { ...body, dayEnd: '08:00' },
    })
    expect(fieldCodes(bad)).toEqual({ dayEnd: 'validation.day_end_after_start' })
    const agent = await s.h.user('sla-reader', { permissions: ['tickets.sla.read'] })
    expect((await s.h.call('PUT', '/sla/settings', { token: agent.token, version: 1, body })).status).toBe(
      403,
    )
    const saved = await s.h.call('PUT', '/sla/settings', { token: s.boss.token, version: 1, body })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ ...body, version: 2 })
    const restore = await s.h.call('PUT', '/sla/settings', {
      token: s.boss.token,
      version: 2,
      body: {
        ...body,
        workdays: [1, 2, 3, 4, 5],
        dayStart: '09:00',
        dayEnd: '18:00',
        holidays: [],
        workingDates: [],
      },
    })
    expect(restore.status).toBe(200)
  })
})
