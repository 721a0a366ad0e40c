import { beforeAll, describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from '../../test-support/harness.js'
import { expectProblem } from '@mosaic/service-kit/testing/expect'

describe('team members (协作人)', () => {
  const s = harnessSuite(() => startSales(), {
    owner: {},
    reader: {},
    writer: {},
    stranger: {},
  })
  let customer: { id: string; number: string }
  beforeAll(async () => {
    const res = await s.h.call('POST', '/customers', {
      token: s.owner.token,
      body: { name: 'Shared Co', contact: { name: 'Sam' } },
    })
    customer = res.body
    for (const [u, access] of [
      [s.reader, 'read'],
      [s.writer, 'write'],
    ] as const) {
      const add = await s.h.call('POST', `/customers/${customer.id}/team`, {
        token: s.owner.token,
        body: { userId: u.id, access },
      })
      expect(add.status, JSON.stringify(add.body)).toBe(201)
      expect(add.body).toMatchObject({ userId: u.id, userName: u.name, access, addedBy: 'owner' })
    }
  })

  const version = async () =>
    (await s.h.call('GET', `/customers/${customer.id}`, { token: s.owner.token })).body.version as number

  it('lists the team and audits each addition on the record', async () => {
    const team = await s.h.call('GET', `/customers/${customer.id}/team`, { token: s.reader.token })
    expect(team.body.map((t: { userName: string; access: string }) => [t.userName, t.access])).toEqual([
      ['reader', 'read'],
      ['writer', 'write'],
    ])
    const audit = (await s.h.call('GET', `/customers/${customer.id}/audit`, { token: s.owner.token })).body
    expect(audit[0]).toMatchObject({
      action: 'team_add',
      actorName: 'owner',
      // As data: the member's id (named in `names`) and their access, not a text blob.
      diff: {
        teamMember: { before: null, after: s.writer.id },
        teamAccess: { before: null, after: 'write' },
      },
      names: { [s.writer.id]: s.writer.name, [s.owner.id]: s.owner.name },
    })
  })

  it('a read member sees the record, its contacts and follow-ups, but cannot change it (403)', async () => {
    const seen = await s.h.call('GET', `/customers/${customer.id}`, { token: s.reader.token })
    expect(seen.status).toBe(200)
    expect(seen.body.access).toBe('read')
    const shared = await s.h.call('GET', '/customers?view=team', { token: s.reader.token })
    expect(shared.body.items.map((c: { id: string }) => c.id)).toEqual([customer.id])
    expect((await s.h.call('GET', '/customers?view=mine', { token: s.reader.token })).body.items).toEqual([])
    const contacts = await s.h.call('GET', `/customers/${customer.id}/contacts`, { token: s.reader.token })
    expect(contacts.body.map((c: { name: string }) => c.name)).toEqual(['Sam'])
    const patch = await s.h.call('PATCH', `/customers/${customer.id}`, {
      token: s.reader.token,
      version: await version(),
      body: { remark: 'from reader' },
    })
    expect(expectProblem(patch, 403).detail).toMatch(/read-only team member/)
    const followUp = await s.h.call('POST', '/followups', {
      token: s.reader.token,
      body: {
        targetType: 'customer',
        targetId: customer.id,
        subject: 'x',
        method: 'phone',
        content: 'x',
        contactedAt: new Date().toISOString(),
      },
    })
    expectProblem(followUp, 403)
  })

  it('a write member edits, but neither member may delete or manage the team', async () => {
    const patch = await s.h.call('PATCH', `/customers/${customer.id}`, {
      token: s.writer.token,
      version: await version(),
      body: { remark: 'from writer' },
    })
    expect(patch.status).toBe(200)
    expect(patch.body).toMatchObject({ remark: 'from writer', access: 'write' })
    for (const u of [s.reader, s.writer]) {
      const del = await s.h.call('DELETE', `/customers/${customer.id}`, {
        token: u.token,
        version: await version(),
      })
      expect(expectProblem(del, 403).detail).toMatch(/team members cannot/)
      const add = await s.h.call('POST', `/customers/${customer.id}/team`, {
        token: u.token,
        body: { userId: s.stranger.id, access: 'read' },
      })
      expectProblem(add, 403)
    }
    expect((await s.h.call('GET', `/customers/${customer.id}`, { token: s.owner.token })).status).toBe(200)
  })

  it('a stranger gets 404 for the record and its team', async () => {
    expectProblem(await s.h.call('GET', `/customers/${customer.id}`, { token: s.stranger.token }), 404)
    expectProblem(await s.h.call('GET', `/customers/${customer.id}/team`, { token: s.stranger.token }), 404)
    expect((await s.h.call('GET', '/customers', { token: s.stranger.token })).body.items).toEqual([])
  })

  it('refuses the owner, an unknown user and a second membership', async () => {
    const self = await s.h.call('POST', `/customers/${customer.id}/team`, {
      token: s.owner.token,
      body: { userId: s.owner.id, access: 'read' },
    })
    expectProblem(self, 409)
    const ghost = await s.h.call('POST', `/customers/${customer.id}/team`, {
      token: s.owner.token,
      body: { userId: '00000000-0000-4000-8000-000000000000', access: 'read' },
    })
    expectProblem(ghost, 400)
    const again = await s.h.call('POST', `/customers/${customer.id}/team`, {
      token: s.owner.token,
      body: { userId: s.reader.id, access: 'write' },
    })
    expectProblem(again, 409)
  })

  it('upgrading and removing a member changes what they may do at once', async () => {
    const up = await s.h.call('PATCH', `/customers/${customer.id}/team/${s.reader.id}`, {
      token: s.owner.token,
      body: { access: 'write' },
    })
    expect(up.body).toMatchObject({ userId: s.reader.id, access: 'write' })
    const patch = await s.h.call('PATCH', `/customers/${customer.id}`, {
      token: s.reader.token,
      version: await version(),
      body: { remark: 'now I can' },
    })
    expect(patch.status).toBe(200)
    const removed = await s.h.call('DELETE', `/customers/${customer.id}/team/${s.reader.id}`, {
      token: s.owner.token,
    })
    expect(removed.status).toBe(204)
    expectProblem(await s.h.call('GET', `/customers/${customer.id}`, { token: s.reader.token }), 404)
    const actions = (await s.h.call('GET', `/customers/${customer.id}/audit`, { token: s.owner.token })).body
      .map((a: { action: string }) => a.action)
      .slice(0, 3)
    expect(actions).toEqual(['team_remove', 'update', 'team_update'])
  })

  it('opportunities have teams too', async () => {
    const opp = await s.h.call('POST', '/opportunities', {
      token: s.owner.token,
      body: { name: 'Shared deal', customerId: customer.id },
    })
    await s.h.call('POST', `/opportunities/${opp.body.id}/team`, {
      token: s.owner.token,
      body: { userId: s.stranger.id, access: 'read' },
    })
    const seen = await s.h.call('GET', `/opportunities/${opp.body.id}`, { token: s.stranger.token })
    expect(seen.body).toMatchObject({ name: 'Shared deal', access: 'read' })
    expectProblem(
      await s.h.call('PATCH', `/opportunities/${opp.body.id}`, {
        token: s.stranger.token,
        version: seen.body.version,
        body: { remark: 'x' },
      }),
      403,
    )
    expectProblem(await s.h.call('GET', `/customers/${customer.id}`, { token: s.stranger.token }), 404)
  })
})
