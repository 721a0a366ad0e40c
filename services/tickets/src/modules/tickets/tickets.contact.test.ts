import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  builtInDictionaries,
  createDictionaries,
  createServiceClient,
  type RecordContext,
} from '@mosaic/service-kit'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { PEER_SECRET, startTicketsWithPeers } from '../../test-support/harness.js'
import { commentAsContact, confirmResolution, rejectResolution } from './tickets.actions.js'
import { readLog } from './tickets.log.js'
import { openTicket, type ContactOrigin, type TicketDeps } from './tickets.service.js'

/** The domain functions the portal's routes call for a signed-in contact, on a real service and database. */
describe('tickets on the contact’s side', () => {
  const s = harnessSuite(startTicketsWithPeers, { boss: { dataScope: 'all' } })

  const setup = () => {
    const customer = s.h.peers.addCustomer('门户客户有限公司')
    const contact = customer.contacts[0]!
    const origin: ContactOrigin = {
      kind: 'contact',
      accountId: randomUUID(),
      contactId: contact.id,
      contactName: contact.name,
      customerId: customer.id,
      customerName: customer.name,
    }
    const ctx: RecordContext = { actor: { id: null, name: contact.name } }
    const deps: TicketDeps = {
      dicts: createDictionaries(builtInDictionaries),
      timeZone: 'Asia/Shanghai',
      client: createServiceClient({
        source: 'tickets',
        peers: { sales: s.h.peers.url, orders: s.h.peers.url },
        secret: PEER_SECRET,
      }),
    }
    const tx = <T>(run: (m: Parameters<Parameters<typeof s.h.service.db.transaction>[0]>[0]) => Promise<T>) =>
      s.h.service.db.transaction(run)
    return { customer, origin, ctx, deps, tx }
  }

  it('opens a portal ticket, comments, and confirms the resolution, which closes it', async () => {
    const { customer, origin, ctx, deps, tx } = setup()
    const opened = await tx((m) =>
      openTicket(
        m,
        ctx,
        deps,
        {
          type: 'consult',
          title: '怎么开发票',
          description: '请说明流程',
          contractId: customer.contracts[0]!.id,
        },
        origin,
      ),
    )
    expect(opened).toMatchObject({
      channel: 'portal',
      status: 'new',
      priority: 'medium',
      customerId: customer.id,
      contactName: origin.contactName,
      contractNumber: customer.contracts[0]!.number,
      assigneeId: null,
      deptId: null,
    })
    let t = (
      await s.h.call('POST', `/tickets/${opened.id}/assign`, {
        token: s.boss.token,
        version: opened.version,
        body: { assigneeId: s.boss.id },
      })
    ).body
    t = (
      await s.h.call('POST', `/tickets/${t.id}/process`, {
        token: s.boss.token,
        version: t.version,
        body: { note: '请提供合同号', status: 'waiting_customer' },
      })
    ).body
    const commented = await tx((m) => commentAsContact(m, ctx, t.id, origin, '合同号见附件'))
    expect(commented.status).toBe('in_progress')
    t = (
      await s.h.call('POST', `/tickets/${t.id}/resolve`, {
        token: s.boss.token,
        version: commented.version,
        body: { resolution: '已发送流程说明' },
      })
    ).body
    const confirmed = await tx((m) =>
      confirmResolution(m, ctx, deps, t.id, origin, { satisfaction: 5, feedback: '谢谢' }),
    )
    expect(confirmed).toMatchObject({ status: 'closed', satisfaction: 5, feedback: '谢谢' })
    const log = await tx((m) => readLog(m, t.id))
    expect(log.map((l) => [l.action, l.actorKind, l.toStatus])).toEqual([
      ['created', 'contact', 'new'],
      ['assigned', 'staff', 'assigned'],
      ['processed', 'staff', 'waiting_customer'],
      ['commented', 'contact', 'in_progress'],
      ['resolved', 'staff', 'resolved'],
      ['confirmed', 'contact', 'closed'],
    ])
  })

  it('rejects a resolution (reopened), and never touches another customer’s ticket', async () => {
    const { origin, ctx, deps, tx } = setup()
    const opened = await tx((m) =>
      openTicket(m, ctx, deps, { type: 'repair', title: '漏水', description: '管道漏水' }, origin),
    )
    let t = (
      await s.h.call('POST', `/tickets/${opened.id}/assign`, {
        token: s.boss.token,
        version: opened.version,
        body: { assigneeId: s.boss.id },
      })
    ).body
    await expect(
      tx((m) => rejectResolution(m, ctx, deps, t.id, origin, { reason: '还没修' })),
    ).rejects.toMatchObject({
      status: 409,
      code: 'tickets.ticket.illegal_transition',
    })
    t = (
      await s.h.call('POST', `/tickets/${t.id}/resolve`, {
        token: s.boss.token,
        version: t.version,
        body: { resolution: '已修复' },
      })
    ).body
    const stranger = { ...origin, customerId: randomUUID() }
    await expect(tx((m) => commentAsContact(m, ctx, t.id, stranger, 'x'))).rejects.toMatchObject({
      status: 404,
    })
    const rejected = await tx((m) => rejectResolution(m, ctx, deps, t.id, origin, { reason: '还在漏' }))
    expect(rejected).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null })
    const log = await tx((m) => readLog(m, t.id))
    expect(log.at(-1)).toMatchObject({
      action: 'rejected',
      actorKind: 'contact',
      fromStatus: 'resolved',
      note: '还在漏',
    })
  })
})
