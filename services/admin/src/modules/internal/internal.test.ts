import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReplyBody } from '@mosaic/service-kit/testing/expect'
import { signServiceToken } from '@mosaic/service-kit'
import { startAdmin, type AdminHarness } from '../../test-support/harness.js'

const SECRET = 'internal-test-secret-0123456789abcdef'

describe('admin internal endpoints and event inbox', () => {
  let h: AdminHarness
  let adminToken: string
  let salesToken: string
  const internal = (path: string, init: RequestInit = {}) =>
    fetch(`${h.base}/internal${path}`, {
      ...init,
      headers: { authorization: `Bearer ${salesToken}`, 'content-type': 'application/json', ...init.headers },
    })

  beforeAll(async () => {
    h = await startAdmin({ SERVICE_SECRET: SECRET })
    adminToken = await h.login()
    salesToken = await signServiceToken(SECRET, 'sales')
  })
  afterAll(() => h?.close())

  it('serves the snapshot (users and rules) to services only', async () => {
    const res = await internal('/snapshot')
    expect(res.status).toBe(200)
    const body: ReplyBody = await res.json()
    expect(body.users.map((u: { username: string }) => u.username)).toContain('admin')
    const kinds = new Set(body.rules.map((r: { kind: string }) => r.kind))
    expect(kinds).toEqual(new Set(['number', 'closure', 'pool']))
    expect(body.rules.find((r: { kind: string; key: string }) => r.key === 'customer').rule.prefix).toBe('KH')

    const asUser = await fetch(`${h.base}/internal/snapshot`, {
      headers: { authorization: `Bearer ${adminToken}` },
    })
    expect(asUser.status).toBe(401)
  })

  it('serves the live dictionaries', async () => {
    const body: ReplyBody = await (await internal('/dictionaries')).json()
    expect(body.types.find((t: { code: string }) => t.code === 'lead_source').entries.length).toBeGreaterThan(
      3,
    )
  })

  it('stores the notifications an event carries, once even if delivered twice', async () => {
    const me = await h.call('GET', '/auth/me', { token: adminToken })
    const envelope = {
      id: randomUUID(),
      topic: 'sales.customer.transferred',
      source: 'sales',
      occurredAt: new Date().toISOString(),
      actorId: null,
      payload: { customerId: randomUUID() },
      notify: [
        {
          userId: me.body.user?.id ?? me.body.id,
          kind: 'owner_changed',
          title: { zh: '客户已转给你', en: 'A customer was transferred to you' },
          link: '/sales/customers/x',
        },
      ],
    }
    for (let i = 0; i < 2; i++) {
      const res = await internal('/events', { method: 'POST', body: JSON.stringify(envelope) })
      expect(res.status).toBe(200)
      expect(((await res.json()) as ReplyBody).duplicate).toBe(i === 1)
    }
    const list = await h.call('GET', '/notifications', { token: adminToken })
    expect(
      list.body.items.filter((n: { sourceEvent: string }) => n.sourceEvent === envelope.id),
    ).toHaveLength(1)
  })

  it('publishes admin.user.changed and admin.rule.changed with every change, versions moving forward', async () => {
    const outbox = (topic: string) =>
      h.service.db.dataSource.query('SELECT payload FROM outbox_event WHERE topic = $1 ORDER BY seq', [topic])
    const created = await h.call('POST', '/users', {
      token: adminToken,
      body: { username: 'replicated', displayName: 'Replicated', password: 'password-123' },
    })
    const deleted = await h.call('DELETE', `/users/${created.body.id}`, {
      token: adminToken,
      headers: { 'if-match': `"${created.body.version}"` },
    })
    expect(deleted.status).toBe(204)
    const userEvents = (await outbox('admin.user.changed'))
      .map((r: { payload: ReplyBody }) => r.payload)
      .filter((p: { id: string }) => p.id === created.body.id)
    expect(userEvents.map((p: { deleted: boolean }) => p.deleted)).toEqual([false, true])
    expect(userEvents[1].version).toBeGreaterThan(userEvents[0].version)

    const pool = await h.call('GET', '/rules/pool', { token: adminToken })
    const rule = pool.body.items?.[0] ?? pool.body
    const patched = await h.call('PATCH', `/rules/pool/${rule.id}`, {
      token: adminToken,
      headers: { 'if-match': `"${rule.version}"` },
      body: { claimsPerDay: 3 },
    })
    expect(patched.status).toBe(200)
    const [last] = (await outbox('admin.rule.changed')).reverse()
    expect(last.payload).toMatchObject({ kind: 'pool', key: 'default', version: patched.body.version })
    expect(last.payload.rule.claimsPerDay).toBe(3)
  })
})
