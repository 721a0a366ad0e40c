import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tickets } from '@mosaic/schemas'
import { portalRoutes } from '@mosaic/schemas/contracts'
import { contractMismatches } from '@mosaic/service-kit/testing'
import { startPortalWorld, testCustomer, type PortalWorld } from '../../test-support/portal-fixture.js'

const acme = testCustomer('顶点科技', '张三')
const beta = testCustomer('贝塔贸易', '李四')
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fe0dc7f5d80000000049454e44ae426082',
  'hex',
)

describe('portal tickets', () => {
  let w: PortalWorld
  let a: tickets.PortalSession
  let a2: tickets.PortalSession
  let b: tickets.PortalSession
  beforeAll(async () => {
    w = await startPortalWorld([acme, beta])
    for (const [c, name] of [
      [acme, 'acme.one'],
      [acme, 'acme.two'],
      [beta, 'beta.one'],
    ] as const)
      await w.account(c, name)
    a = await w.login('acme.one')
    a2 = await w.login('acme.two')
    b = await w.login('beta.one')
  })
  afterAll(() => w?.close())

  const upload = async (token: string) => {
    const res = await fetch(`${w.h.base}/portal/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png', 'x-file-name': 'screen.png' },
      body: PNG,
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { id: string }).id
  }
  const open = async (token: string, title: string, imageIds: string[] = []) => {
    const res = await w.h.call<tickets.PortalTicket>('POST', '/portal/tickets', {
      token,
      body: { type: 'consult', title, description: `${title}：详情`, imageIds },
    })
    expect(res.status).toBe(201)
    return res.body
  }
  // A supervisor seeing every ticket (a portal ticket has no department until it is assigned).
  const staff = async (method: string, path: string, version: number, body: unknown) => {
    const boss = await w.h.user('boss', { dataScope: 'all' })
    return w.h.call<tickets.Ticket>(method, path, { token: boss.token, version, body })
  }

  it('keeps each customer to its own tickets, by list and by id, for reads and every action', async () => {
    const image = await upload(a.token)
    const mine = await open(a.token, '打印机卡纸', [image])
    expect(mine).toMatchObject({ channel: 'portal', status: 'new', contactName: '张三' })
    expect(mine.images.map((i) => i.id)).toEqual([image])
    const theirs = await open(b.token, '发票抬头错误')
    const listA = await w.h.call<{ items: tickets.PortalTicket[] }>('GET', '/portal/tickets', {
      token: a.token,
    })
    expect(listA.body.items.map((t) => t.title)).toEqual(['打印机卡纸'])
    // Another contact of the same customer sees the customer's tickets and their images.
    const listA2 = await w.h.call<{ items: tickets.PortalTicket[] }>('GET', '/portal/tickets?open=true', {
      token: a2.token,
    })
    expect(listA2.body.items.map((t) => t.id)).toEqual([mine.id])
    const download = await fetch(`${w.h.base}/portal/attachments/${image}`, {
      headers: { authorization: `Bearer ${a2.token}` },
    })
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true)
    expect((await w.h.call('GET', `/portal/attachments/${image}`, { token: b.token })).status).toBe(404)
    // B's contact, even with A's ids: 404 everywhere.
    expect((await w.h.call('GET', `/portal/tickets/${mine.id}`, { token: b.token })).status).toBe(404)
    for (const [path, body] of [
      ['comments', { note: '看看' }],
      ['confirm', { satisfaction: 5 }],
      ['reject', { reason: '没解决' }],
    ] as const)
      expect(
        (await w.h.call('POST', `/portal/tickets/${mine.id}/${path}`, { token: b.token, body })).status,
      ).toBe(404)
    expect((await w.h.call('GET', `/portal/tickets/${randomUUID()}`, { token: a.token })).status).toBe(404)
    const listB = await w.h.call<{ items: tickets.PortalTicket[] }>('GET', '/portal/tickets', {
      token: b.token,
    })
    expect(listB.body.items.map((t) => t.id)).toEqual([theirs.id])
  })

  it('shows the log without internal notes; comments, confirms and rejects as the contact', async () => {
    const t = await open(a.token, '网络断开')
    const assigned = await staff('POST', `/tickets/${t.id}/assign`, 1, { assigneeId: w.agent.id })
    expect(assigned.body).toMatchObject({ status: 'assigned' })
    let s = assigned.body
    s = (
      await staff('POST', `/tickets/${t.id}/process`, s.version, {
        note: '内部：怀疑是交换机',
        internal: true,
      })
    ).body
    await staff('POST', `/tickets/${t.id}/process`, s.version, {
      note: '请重启路由器',
      status: 'waiting_customer',
    })
    const commented = await w.h.call<tickets.PortalTicketDetail>('POST', `/portal/tickets/${t.id}/comments`, {
      token: a.token,
      body: { note: '已重启，仍然不行' },
    })
    expect(commented.status).toBe(200)
    expect(commented.body.status).toBe('in_progress')
    const notes = commented.body.log.map((l) => l.note)
    expect(notes).toContain('请重启路由器')
    expect(notes).toContain('已重启，仍然不行')
    expect(notes).not.toContain('内部：怀疑是交换机')
    const detail = await w.h.call<tickets.PortalTicketDetail>('GET', `/portal/tickets/${t.id}`, {
      token: a.token,
    })
    expect(detail.body.log.some((l) => l.internal)).toBe(false)
    expect(JSON.stringify(detail.body)).not.toContain('交换机')
    s = (
      await w.h.call<tickets.Ticket>('GET', `/tickets/${t.id}`, {
        token: (await w.h.user('boss', { dataScope: 'all' })).token,
      })
    ).body
    const resolved = await staff('POST', `/tickets/${t.id}/resolve`, s.version, {
      resolution: '更换了交换机端口',
    })
    expect(resolved.body.status).toBe('resolved')
    const rejected = await w.h.call<tickets.PortalTicketDetail>('POST', `/portal/tickets/${t.id}/reject`, {
      token: a.token,
      body: { reason: '明天又断了' },
    })
    expect(rejected.body.status).toBe('reopened')
  })

  it('declares every portal route of the contracts', () => {
    expect(contractMismatches(portalRoutes, w.h.service.portal.routes())).toEqual([])
  })
})
