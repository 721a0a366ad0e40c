import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { startAdmin, type AdminHarness } from '../../test-support/harness.js'
import { demoCustomers } from './demo.content.js'
import { DemoLedger } from './demo.ledger.js'
import { DEMO_PASSWORD, demoUserPlan } from './demo.people.js'

/**
 * The demo company loader's API. The kit's test support has no stand-in for the other services'
 * public APIs, so here no peer is configured: the load makes admin's own part (departments, users),
 * then fails on the first peer call with a problem code — which is what drives the status transitions
 * and the resume. The whole load against the real services is e2e/src/demo-company.e2e.test.ts.
 */
let demo: AdminHarness
let adminToken: string
beforeAll(async () => {
  demo = await startAdmin({ MOSAIC_MODE: 'demo', LOG_LEVEL: 'silent', DEMO_CUSTOMERS: '20' })
  adminToken = await demo.login()
})
afterAll(() => demo?.close())

const status = () => demo.call('GET', '/demo', { token: adminToken })
const count = async (sql: string) => (await demo.service.db.dataSource.query(sql))[0].n as number

async function settled() {
  await expect
    .poll(async () => (await status()).body.state, { timeout: 30_000, interval: 100 })
    .not.toBe('running')
  return (await status()).body
}

describe('access', () => {
  test('anonymous callers get 401, users without admin.init.run 403', async () => {
    expectProblem(await demo.call('GET', '/demo'), 401)
    expectProblem(await demo.call('POST', '/demo'), 401)
    const { token } = await demo.userWith(adminToken, {
      username: 'noinit',
      permissions: ['admin.user.read'],
    })
    expect(expectProblem(await demo.call('GET', '/demo', { token }), 403).code).toBe('http.forbidden')
    expect(expectProblem(await demo.call('POST', '/demo', { token }), 403).code).toBe('http.forbidden')
  })

  test('outside demo mode both routes refuse with admin.demo.not_demo_mode and nothing is made', async () => {
    const production = await startAdmin({
      MOSAIC_MODE: 'production',
      LOG_LEVEL: 'silent',
      INITIAL_ADMIN_PASSWORD: 'configured-secret-1',
    })
    try {
      const token = await production.login('admin', 'configured-secret-1')
      for (const method of ['GET', 'POST']) {
        const res = await production.call(method, '/demo', { token })
        expect(expectProblem(res, 409).code).toBe('admin.demo.not_demo_mode')
      }
      const [{ n }] = await production.service.db.dataSource.query('SELECT count(*)::int AS n FROM demo_load')
      expect(n).toBe(0)
    } finally {
      await production.close()
    }
  })
})

describe('status transitions and resuming', () => {
  test('idle before any load', async () => {
    const res = await status()
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      state: 'idle',
      startedAt: null,
      finishedAt: null,
      steps: [],
      errorCode: null,
      error: null,
    })
  })

  test('POST answers 202 running, makes the departments and users, then fails at the first peer call', async () => {
    const started = await demo.call('POST', '/demo', { token: adminToken })
    expect(started.status).toBe(202)
    expect(started.body.state).toBe('running')
    expect(started.body.steps.map((s: { key: string }) => s.key)).toEqual([
      'departments',
      'users',
      'products',
      'customers',
      'deals',
      'tickets',
      'portalAccounts',
    ])
    const failed = await settled()
    expect(failed).toMatchObject({ state: 'failed', errorCode: 'admin.demo.peer_missing' })
    expect(failed.error).toContain('sales')
    expect(failed.finishedAt).not.toBeNull()
    const steps = Object.fromEntries(failed.steps.map((s: { key: string }) => [s.key, s]))
    expect(steps.departments).toEqual({ key: 'departments', done: 5, total: 5 })
    expect(steps.users).toEqual({ key: 'users', done: 16, total: 16 })
    // Every step's total is known from the start.
    expect(steps.customers).toEqual({ key: 'customers', done: 0, total: 20 })

    // Every built-in role's users exist, each sales manager heads their department, and they sign in.
    const plan = demoUserPlan()
    expect(await count("SELECT count(*)::int AS n FROM app_user WHERE username LIKE '%.%'")).toBe(plan.length)
    const heads = await demo.service.db.dataSource.query(
      `SELECT d.name, u.username FROM dept d JOIN app_user u ON u.id = d.leader_user_id ORDER BY d.name`,
    )
    expect(heads.map((h: { username: string }) => h.username).sort()).toEqual([
      'east.manager',
      'north.manager',
      'south.manager',
    ])
    const rep = await demo.login('east.rep1', DEMO_PASSWORD)
    const me = await demo.call('GET', '/auth/me', { token: rep })
    expect(me.body.roles).toEqual(['sales_rep'])
  })

  test('POST again resumes: the same departments and users, nothing duplicated', async () => {
    const users = await count('SELECT count(*)::int AS n FROM app_user')
    const depts = await count('SELECT count(*)::int AS n FROM dept')
    const again = await demo.call('POST', '/demo', { token: adminToken })
    expect(again.status).toBe(202)
    expect(again.body.state).toBe('running')
    expect(again.body.errorCode).toBeNull()
    expect(await settled()).toMatchObject({ state: 'failed', errorCode: 'admin.demo.peer_missing' })
    expect(await count('SELECT count(*)::int AS n FROM app_user')).toBe(users)
    expect(await count('SELECT count(*)::int AS n FROM dept')).toBe(depts)
  })

  test('a load cut off by a restart reads as interrupted; a POST while running or after done changes nothing', async () => {
    const ledger = new DemoLedger(demo.service.db)
    await demo.service.db.dataSource.query("UPDATE demo_load SET state = 'running'")
    const whileRunning = await demo.call('POST', '/demo', { token: adminToken })
    expect(whileRunning.status).toBe(202)
    expect(whileRunning.body.state).toBe('running')
    expect(await count("SELECT count(*)::int AS n FROM demo_load WHERE state = 'running'")).toBe(1)

    await ledger.abandonInterrupted()
    expect((await status()).body).toMatchObject({ state: 'failed', errorCode: 'admin.demo.interrupted' })

    await demo.service.db.dataSource.query(
      "UPDATE demo_load SET state = 'done', error_code = NULL, error = NULL",
    )
    const before = (await status()).body
    const afterDone = await demo.call('POST', '/demo', { token: adminToken })
    expect(afterDone.status).toBe(202)
    expect(afterDone.body).toEqual(before)
  })
})

describe('content', () => {
  test('the same seed gives the same company, with distinct customer names', () => {
    const a = demoCustomers(3000)
    expect(demoCustomers(3000)).toEqual(a)
    expect(new Set(a.map((c) => c.name)).size).toBe(3000)
    expect(a.every((c) => c.followUpDaysAgo.every((d) => d >= 1 && d <= 360))).toBe(true)
    // Deals end as won or lost (a lost one with its reason), many stay open across the stages.
    const deals = a.flatMap((c) => (c.opportunity ? [c.opportunity] : []))
    const share = (outcome: string | null) => deals.filter((o) => o.outcome === outcome).length / deals.length
    expect(share('won')).toBeGreaterThan(0.1)
    expect(share('lost')).toBeGreaterThan(0.05)
    expect(share(null)).toBeGreaterThan(0.5)
    expect(deals.every((o) => (o.outcome === 'lost') === (o.lostReason !== null))).toBe(true)
    expect(new Set(deals.filter((o) => !o.outcome).map((o) => o.stage)).size).toBe(4)
  })
})
