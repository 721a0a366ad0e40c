import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { finance, tickets } from '@mosaic/schemas'
import { portalRoutes, ticketsRoutes } from '@mosaic/schemas/contracts'
import { forgedPortalTokens } from '../../test-support/portal.js'
import {
  DIGEST,
  documentsOf,
  ordersOf,
  startPortalWorld,
  testCustomer,
  type PortalWorld,
} from '../../test-support/portal-fixture.js'

const acme = testCustomer('顶点科技', '张三')
const beta = testCustomer('贝塔贸易', '李四')
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fe0dc7f5d80000000049454e44ae426082',
  'hex',
)

/** Every path parameter filled: record ids with random UUIDs, other parameters with a plausible word. */
const fill = (path: string) =>
  path.replace(/:(\w+)/g, (_m, name: string) => (/id$/i.test(name) ? randomUUID() : 'ticket'))
const relative = (path: string) => path.replace(/^\/api\/tickets/, '')

describe('portal isolation', () => {
  let w: PortalWorld
  let a: { token: string; me: tickets.PortalMe }
  let b: { token: string; me: tickets.PortalMe }
  beforeAll(async () => {
    w = await startPortalWorld([acme, beta])
    await w.account(acme, 'acme.zhang')
    await w.account(beta, 'beta.li')
    a = await w.login('acme.zhang')
    b = await w.login('beta.li')
  })
  afterAll(() => w?.close())

  const asA = <T = unknown>(method: string, path: string, o: Record<string, unknown> = {}) =>
    w.h.call<T>(method, path, { token: a.token, ...o })

  it('shows a contact only their customer’s documents and orders, whatever the request names', async () => {
    const docs = await asA('GET', `/portal/documents?customerId=${beta.id}`)
    expect(docs).toMatchObject({ status: 200, body: documentsOf(acme) })
    const orders = await asA<tickets.PortalOrderList>('GET', `/portal/orders?customerId=${beta.id}`)
    expect(orders).toMatchObject({ status: 200, body: ordersOf(acme) })
    expect(JSON.stringify(orders.body)).not.toContain(beta.orderId)
    const asked = w.peers.calls.filter((c) => c.path.startsWith('/api/orders/')).map((c) => c.path)
    expect(asked.every((p) => p.includes(acme.id) && !p.includes(beta.id))).toBe(true)
  })

  it('reads the statement for the token’s customer and period only', async () => {
    const res = await asA<finance.Statement>(
      'GET',
      `/portal/statement?from=2026-01-01&to=2026-06-30&customerId=${beta.id}`,
    )
    expect(res.status).toBe(200)
    expect(finance.Statement.parse(res.body)).toMatchObject({
      customerId: acme.id,
      from: '2026-01-01',
      to: '2026-06-30',
    })
    const bad = await asA('GET', '/portal/statement?from=2026-06-30&to=2026-01-01')
    expect(bad.status).toBe(400)
  })

  it('answers the statement as the contact (account and contact name added), passing finance’s 409 on', async () => {
    const body = { from: '2026-01-01', to: '2026-06-30', digest: DIGEST, status: 'confirmed' }
    const ok = await asA<finance.StatementResponse>('POST', '/portal/statement/responses', { body })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ customerId: acme.id, accountId: a.me.accountId, respondentName: '张三' })
    const sent = w.peers.calls.filter((c) => c.path.endsWith('/statement-responses')).at(-1)!
    expect(sent.path).toBe(`/api/finance/internal/customers/${acme.id}/statement-responses`)
    expect(finance.InternalStatementRespond.parse(sent.body)).toMatchObject({ accountId: a.me.accountId })
    const stale = await asA<{ code: string }>('POST', '/portal/statement/responses', {
      body: { ...body, digest: 'b'.repeat(64) },
    })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('finance.statement.changed')
    const noNote = await asA('POST', '/portal/statement/responses', { body: { ...body, status: 'disputed' } })
    expect(noNote.status).toBe(400)
  })

  it('answers 503 in words when orders or finance are down or answer something else', async () => {
    w.peers.on(`GET /api/orders/internal/customers/${beta.id}/orders`, () => () => 'drop')
    w.peers.on(`GET /api/orders/internal/customers/${beta.id}/documents`, () => () => ({
      status: 200,
      body: { nope: 1 },
    }))
    w.peers.on(`GET /api/finance/internal/customers/${beta.id}/statement`, () => () => ({
      status: 500,
      body: {},
    }))
    const orders = await w.h.call<{ code: string; detail: string }>('GET', '/portal/orders', {
      token: b.token,
    })
    expect(orders.status).toBe(503)
    expect(orders.body.code).toBe('portal.orders_unavailable')
    expect(orders.body.detail).toMatch(/orders service/)
    expect((await w.h.call('GET', '/portal/documents', { token: b.token })).status).toBe(503)
    const statement = await w.h.call<{ code: string }>(
      'GET',
      '/portal/statement?from=2026-01-01&to=2026-01-31',
      {
        token: b.token,
      },
    )
    expect(statement).toMatchObject({ status: 503, body: { code: 'portal.finance_unavailable' } })
  })

  it('serves an uploaded image to its uploader only; other customers get 404; images only', async () => {
    const res = await fetch(`${w.h.base}/portal/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${a.token}`,
        'content-type': 'image/png',
        'x-file-name': 'screen.png',
      },
      body: PNG,
    })
    expect(res.status).toBe(201)
    const image = (await res.json()) as { id: string; contentType: string }
    expect(image.contentType).toBe('image/png')
    const mine = await fetch(`${w.h.base}/portal/attachments/${image.id}`, {
      headers: { authorization: `Bearer ${a.token}` },
    })
    expect(mine.status).toBe(200)
    expect(Buffer.from(await mine.arrayBuffer()).equals(PNG)).toBe(true)
    expect((await w.h.call('GET', `/portal/attachments/${image.id}`, { token: b.token })).status).toBe(404)
    expect((await w.h.call('GET', `/portal/attachments/${randomUUID()}`, { token: a.token })).status).toBe(
      404,
    )
    const pdf = await fetch(`${w.h.base}/portal/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${a.token}`,
        'content-type': 'application/pdf',
        'x-file-name': 'x.pdf',
      },
      body: Buffer.from('%PDF-1.4 test'),
    })
    expect(pdf.status).toBe(415)
  })

  it('refuses a portal token on EVERY staff route of the service (401), by contract and as declared', async () => {
    const routes = [
      ...Object.values(ticketsRoutes).map((r) => ({ method: r.method, path: r.path })),
      ...w.h.service.api.routes().map((r) => ({ method: r.method, path: r.path })),
      ...w.h.service.internal.routes().map((r) => ({ method: r.method, path: r.path })),
    ]
    expect(routes.length).toBeGreaterThan(20)
    const answers: string[] = []
    for (const route of routes) {
      const path = relative(fill(route.path))
      const res = await w.h.call(route.method.toUpperCase(), path, {
        token: a.token,
        ...(route.method === 'get' ? {} : { body: {} }),
      })
      if (res.status !== 401) answers.push(`${route.method} ${path} → ${res.status}`)
    }
    expect(answers).toEqual([])
    // The same staff routes with a staff token are not all 401: the sweep would see a broken route.
    expect((await w.h.call('GET', '/portal-accounts', { token: w.agent.token })).status).toBe(200)
  })

  it('refuses a staff token on every portal route (401)', async () => {
    const routes = Object.entries(portalRoutes).filter(([name]) => name !== 'login')
    const answers: string[] = []
    for (const [, route] of routes) {
      const path = relative(fill(route.path))
      const res = await w.h.call(route.method.toUpperCase(), path, {
        token: w.agent.token,
        ...(route.method === 'get' ? {} : { body: {} }),
      })
      if (res.status !== 401) answers.push(`${route.method} ${path} → ${res.status}`)
    }
    expect(answers).toEqual([])
    for (const route of w.h.service.portal.routes().filter((r) => r.access !== 'public')) {
      const res = await w.h.call(route.method.toUpperCase(), relative(fill(route.path)), {
        token: w.agent.token,
      })
      expect(res.status, `${route.method} ${route.path}`).toBe(401)
    }
  })

  it('refuses forged portal tokens (wrong key, alg none, HS256 with the public key, wrong iss/aud, expired, edited)', async () => {
    const forged = await forgedPortalTokens(w.h.service, {
      accountId: a.me.accountId,
      customerId: acme.id,
      contactId: acme.contact.id,
      tokenVersion: 0,
    })
    expect(Object.keys(forged)).toHaveLength(8)
    for (const [name, token] of Object.entries(forged)) {
      const res = await w.h.call('GET', '/portal/me', { token })
      expect(res.status, name).toBe(401)
      expect((await w.h.call('GET', '/portal/orders', { token })).status, name).toBe(401)
    }
    // The genuine token of the same account still works: the forgeries failed on their own.
    expect((await asA('GET', '/portal/me')).status).toBe(200)
  })
})
