import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { tickets } from '@mosaic/schemas'
import { ticketsRoutes } from '@mosaic/schemas/contracts'
import { contractMismatches } from '@mosaic/service-kit/testing'
import { startPortalWorld, testCustomer, type PortalWorld } from '../../test-support/portal-fixture.js'

const acme = testCustomer('顶点科技', '张三')
const beta = testCustomer('贝塔贸易', '李四')

describe('customer accounts (staff)', () => {
  let w: PortalWorld
  beforeAll(async () => {
    w = await startPortalWorld([acme, beta])
  })
  afterAll(() => w?.close())

  const call = <T = tickets.PortalAccount>(
    method: string,
    path: string,
    o: Parameters<PortalWorld['h']['call']>[2] = {},
  ) => w.h.call<T>(method, path, { token: w.agent.token, ...o })

  it('creates an account with the customer and contact names from sales, never returning the hash', async () => {
    const created = await call('POST', '/portal-accounts', {
      body: {
        customerId: acme.id,
        contactId: acme.contact.id,
        account: 'Zhang.San',
        password: 'secret-pass-1',
        displayName: '张三',
      },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      customerName: '顶点科技',
      contactName: '张三',
      account: 'Zhang.San',
      enabled: true,
      lastLoginAt: null,
      version: 1,
    })
    const text = JSON.stringify(created.body)
    expect(text).not.toMatch(/argon2|passwordHash|password_hash|tokenVersion/)
    const one = await call('GET', `/portal-accounts/${created.body.id}`)
    expect(one.body).toEqual(created.body)
    // The audit trail records the creation without the hash.
    const [audit] = await w.h.service.db.transaction((m) =>
      m.query(`SELECT diff::text AS diff FROM audit_log WHERE entity_id = $1 AND action = 'create'`, [
        created.body.id,
      ]),
    )
    expect(audit.diff).toContain('Zhang.San')
    expect(audit.diff).not.toMatch(/argon2|passwordHash/)
  })

  it('refuses an account name already taken, in any letter case (409 on the field)', async () => {
    await w.account(acme, 'dup.name')
    const again = await call<{ code: string; errors: Array<{ field: string; code: string }> }>(
      'POST',
      '/portal-accounts',
      {
        body: {
          customerId: beta.id,
          contactId: beta.contact.id,
          account: 'DUP.Name',
          password: 'secret-pass-1',
          displayName: 'x',
        },
      },
    )
    expect(again.status).toBe(409)
    expect(again.body.errors).toEqual([
      expect.objectContaining({ field: 'account', code: 'portal.account_taken' }),
    ])
  })

  it('refuses an unknown customer, a contact of another customer, and answers 503 when sales is down', async () => {
    const base = { account: 'nobody.here', password: 'secret-pass-1', displayName: 'x' }
    const unknown = await call<{ errors: Array<{ field: string; code: string }> }>(
      'POST',
      '/portal-accounts',
      {
        body: { ...base, customerId: testCustomer('x', 'y').id, contactId: acme.contact.id },
      },
    )
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0]).toMatchObject({ field: 'customerId', code: 'portal.customer_unknown' })
    const foreign = await call<{ errors: Array<{ field: string; code: string }> }>(
      'POST',
      '/portal-accounts',
      {
        body: { ...base, customerId: acme.id, contactId: beta.contact.id },
      },
    )
    expect(foreign.status).toBe(400)
    expect(foreign.body.errors[0]).toMatchObject({ field: 'contactId', code: 'portal.contact_unknown' })
    const broken = testCustomer('断线', '王五')
    w.peers.on(`GET /api/sales/internal/customers/${broken.id}`, () => () => 'drop')
    const down = await call<{ code: string }>('POST', '/portal-accounts', {
      body: { ...base, customerId: broken.id, contactId: broken.contact.id },
    })
    expect(down.status).toBe(503)
    expect(down.body.code).toBe('tickets.peer_unavailable')
  })

  it('lists by customer, by keyword over account and display name, and by enabled', async () => {
    const gamma = testCustomer('伽马', '赵六')
    const a = await w.account(beta, 'list.alpha')
    await call('PATCH', `/portal-accounts/${a.id}`, {
      version: a.version,
      body: { displayName: '采购部 阿尔法' },
    })
    const b = await w.account(beta, 'list.bravo')
    await call('PATCH', `/portal-accounts/${b.id}`, { version: b.version, body: { enabled: false } })
    const names = async (query: string) =>
      (await call<{ items: tickets.PortalAccount[] }>('GET', `/portal-accounts?${query}`)).body.items
        .map((i) => i.account)
        .sort()
    expect(await names(`customerId=${beta.id}`)).toEqual(['list.alpha', 'list.bravo'])
    expect(await names(`customerId=${gamma.id}`)).toEqual([])
    expect(await names(`q=${encodeURIComponent('阿尔法')}`)).toEqual(['list.alpha'])
    expect(await names('q=BRAVO')).toEqual(['list.bravo'])
    expect(await names(`customerId=${beta.id}&enabled=false`)).toEqual(['list.bravo'])
    expect(await names(`customerId=${beta.id}&enabled=true`)).toEqual(['list.alpha'])
  })

  it('edits the display name with If-Match (412 when stale, 428 without)', async () => {
    const a = await w.account(acme, 'edit.me')
    expect((await call('PATCH', `/portal-accounts/${a.id}`, { body: { displayName: 'x' } })).status).toBe(428)
    const ok = await call('PATCH', `/portal-accounts/${a.id}`, {
      version: a.version,
      body: { displayName: '新名字' },
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ displayName: '新名字', version: 2 })
    expect(
      (await call('PATCH', `/portal-accounts/${a.id}`, { version: 1, body: { displayName: 'y' } })).status,
    ).toBe(412)
  })

  it('reset password: the old password and the old token stop working, the new password works', async () => {
    const a = await w.account(acme, 'reset.me', 'old-password-1')
    const session = await w.login('reset.me', 'old-password-1')
    expect((await w.h.call('GET', '/portal/me', { token: session.token })).status).toBe(200)
    const reset = await call('POST', `/portal-accounts/${a.id}/reset-password`, {
      version: a.version,
      body: { password: 'new-password-1' },
    })
    expect(reset.status).toBe(200)
    expect(reset.body.version).toBe(a.version + 1)
    expect((await w.h.call('GET', '/portal/me', { token: session.token })).status).toBe(401)
    const old = await w.h.call('POST', '/portal/auth/login', {
      body: { account: 'reset.me', password: 'old-password-1' },
    })
    expect(old.status).toBe(401)
    await w.login('reset.me', 'new-password-1')
  })

  it('reset password needs its own permission', async () => {
    const a = await w.account(acme, 'reset.perm')
    const editor = await w.h.user('editor', {
      permissions: ['tickets.portal-account.read', 'tickets.portal-account.update'],
    })
    const res = await w.h.call('POST', `/portal-accounts/${a.id}/reset-password`, {
      token: editor.token,
      version: a.version,
      body: { password: 'new-password-1' },
    })
    expect(res.status).toBe(403)
  })

  it('disable: an open session is refused at once, sign-in says disabled; enable lets them in again', async () => {
    const a = await w.account(acme, 'disable.me')
    const session = await w.login('disable.me')
    const off = await call('PATCH', `/portal-accounts/${a.id}`, {
      version: a.version,
      body: { enabled: false },
    })
    expect(off.body.enabled).toBe(false)
    expect((await w.h.call('GET', '/portal/me', { token: session.token })).status).toBe(401)
    const refused = await w.h.call<{ code: string }>('POST', '/portal/auth/login', {
      body: { account: 'disable.me', password: 'correct-horse-1' },
    })
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('portal.account_disabled')
    await call('PATCH', `/portal-accounts/${a.id}`, { version: off.body.version, body: { enabled: true } })
    // The old token stays dead; a new sign-in works.
    expect((await w.h.call('GET', '/portal/me', { token: session.token })).status).toBe(401)
    await w.login('disable.me')
    const actions = await w.h.service.db.transaction((m) =>
      m.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [a.id]),
    )
    expect(actions.map((r: { action: string }) => r.action)).toEqual(['create', 'disable', 'enable'])
  })

  it('delete is permanent and audited: the session ends, the name is free again', async () => {
    const a = await w.account(acme, 'delete.me')
    const session = await w.login('delete.me')
    expect((await call('DELETE', `/portal-accounts/${a.id}`)).status).toBe(428)
    expect((await call('DELETE', `/portal-accounts/${a.id}`, { version: a.version })).status).toBe(204)
    expect((await call('GET', `/portal-accounts/${a.id}`)).status).toBe(404)
    expect((await w.h.call('GET', '/portal/me', { token: session.token })).status).toBe(401)
    const [{ n }] = await w.h.service.db.transaction((m) =>
      m.query('SELECT count(*)::int AS n FROM portal_account WHERE id = $1', [a.id]),
    )
    expect(n).toBe(0)
    const actions = await w.h.service.db.transaction((m) =>
      m.query(`SELECT action, actor_name FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [a.id]),
    )
    expect(actions.map((r: { action: string }) => r.action)).toEqual(['create', 'delete', 'purge'])
    await w.account(beta, 'delete.me')
  })

  it('needs the permissions: read to list, create to create, delete to delete', async () => {
    const reader = await w.h.user('reader', { permissions: ['tickets.portal-account.read'] })
    expect((await w.h.call('GET', '/portal-accounts', { token: reader.token })).status).toBe(200)
    const create = await w.h.call('POST', '/portal-accounts', {
      token: reader.token,
      body: {
        customerId: acme.id,
        contactId: acme.contact.id,
        account: 'no.perm',
        password: 'secret-pass-1',
        displayName: 'x',
      },
    })
    expect(create.status).toBe(403)
    const nobody = await w.h.user('nobody', { permissions: [] })
    expect((await w.h.call('GET', '/portal-accounts', { token: nobody.token })).status).toBe(403)
  })

  it('a department-scoped agent manages every customer’s accounts (accounts are not owned records)', async () => {
    const a = await w.account(beta, 'scope.check')
    const scoped = await w.h.user('scoped', { dataScope: 'dept', deptIds: [crypto.randomUUID()] })
    expect((await w.h.call('GET', `/portal-accounts/${a.id}`, { token: scoped.token })).status).toBe(200)
  })

  it('declares the portal-account routes its contracts name', () => {
    const accountRoutes = Object.fromEntries(
      Object.entries(ticketsRoutes).filter(([name]) => /PortalAccount|PortalPassword/.test(name)),
    )
    expect(Object.keys(accountRoutes)).toHaveLength(6)
    expect(contractMismatches(accountRoutes, w.h.service.api.routes())).toEqual([])
  })
})
