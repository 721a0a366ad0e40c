import { beforeAll, describe, expect, test } from 'vitest'
import type { DemoStatus, finance, orders, sales, tickets } from '@mosaic/schemas'
import { baseUrl } from './support/browser.js'
import { apiLogin, until, type ApiSession } from './support/api.js'

/**
 * Journey: the administrator loads the demo company (POST /api/admin/demo; the system runs with
 * DEMO_CUSTOMERS=60, see global-setup) and waits until it is done. Then, through each service's API as
 * the demo users: a rep sees only their own customers; deals are open, won and lost; the finance clerk finds contracts' receivables
 * with their confirmed payments adding up to what was received; the service desk has tickets in several
 * states; a contact signs in to the portal. Loading again changes nothing: every count stays the same.
 */
const DEMO_PASSWORD = 'demo1234'
/** A contract whose receivable can hold money: it took effect (and may since have been completed or closed). */
const TOOK_EFFECT = ['approved', 'closing', 'completed', 'closed', 'terminated']
let admin: ApiSession

type Counted = { total: number | null; items: unknown[] }
const total = async (session: ApiSession, path: string) =>
  (await session.json<Counted>('GET', `${path}${path.includes('?') ? '&' : '?'}limit=1`)).total

/** What the whole demo company amounts to, counted through the APIs as the administrator. */
const census = async () => ({
  customers: await total(admin, '/api/sales/customers'),
  opportunities: await total(admin, '/api/sales/opportunities'),
  followUps: await total(admin, '/api/sales/followups'),
  quotes: await total(admin, '/api/orders/quotes'),
  contracts: await total(admin, '/api/orders/contracts'),
  orders: await total(admin, '/api/orders/sales-orders'),
  receivables: await total(admin, '/api/finance/receivables'),
  payments: await total(admin, '/api/finance/payments'),
  invoices: await total(admin, '/api/finance/invoices'),
  tickets: await total(admin, '/api/tickets/tickets'),
  portalAccounts: await total(admin, '/api/tickets/portal-accounts'),
  users: await total(admin, '/api/admin/users'),
})

const status = () => admin.json<DemoStatus>('GET', '/api/admin/demo')

beforeAll(async () => {
  admin = await apiLogin('admin', 'admin123')
})

describe('the demo company', () => {
  test('loads in the background, step by step, until done', { timeout: 900_000 }, async () => {
    const started = await admin.call('POST', '/api/admin/demo')
    expect(started.status).toBe(202)
    expect(((await started.json()) as DemoStatus).state).toBe('running')
    const began = Date.now()
    await until('the demo data to load', async () => (await status()).state !== 'running', 840_000)
    const done = await status()
    console.log(`demo company (60 customers) loaded in ${Math.round((Date.now() - began) / 1000)} s`)
    expect(done, JSON.stringify(done)).toMatchObject({ state: 'done', errorCode: null })
    for (const step of done.steps) expect(step.done, step.key).toBe(step.total)
    expect(done.steps.find((s) => s.key === 'customers')?.total).toBe(60)
  })

  test('a rep sees only their own customers, with contacts and follow-ups', async () => {
    const rep = await apiLogin('east.rep1', DEMO_PASSWORD)
    const mine = await rep.json<{ items: sales.Customer[]; total: number }>(
      'GET',
      '/api/sales/customers?limit=100',
    )
    expect(mine.items.length).toBeGreaterThan(0)
    expect(mine.items.every((c) => c.ownerId === rep.user.id)).toBe(true)
    expect(mine.total).toBeLessThan((await total(admin, '/api/sales/customers'))!)
    const first = mine.items[0]!
    expect(first.primaryContactName).toBeTruthy()
    const followUps = await rep.json<{ items: sales.FollowUp[] }>(
      'GET',
      `/api/sales/followups?targetType=customer&targetId=${first.id}`,
    )
    expect(followUps.items.length).toBeGreaterThan(0)
  })

  test('deals are won and lost as well as open, a lost one with its reason and a won one making its customer dealt', async () => {
    const closed = async (status: 'won' | 'lost') =>
      (
        await admin.json<{ items: sales.Opportunity[] }>(
          'GET',
          `/api/sales/opportunities?status=${status}&limit=100`,
        )
      ).items
    const won = await closed('won')
    const lost = await closed('lost')
    expect(won.length).toBeGreaterThan(0)
    expect(lost.length).toBeGreaterThan(0)
    expect(lost.every((o) => o.lostReason)).toBe(true)
    expect(await total(admin, '/api/sales/opportunities?status=open')).toBeGreaterThan(won.length)
    const customer = await admin.json<sales.Customer>('GET', `/api/sales/customers/${won[0]!.customerId}`)
    expect(customer.dealStatus).toBe('dealt')
  })

  test('finance has the receivables of the approved contracts, with the payments that make up what was received', async () => {
    const clerk = await apiLogin('finance.clerk', DEMO_PASSWORD)
    const receivables = await clerk.json<{ items: finance.Receivable[] }>(
      'GET',
      '/api/finance/receivables?limit=100',
    )
    const collected = receivables.items.filter((r) => Number(r.received) > 0)
    expect(collected.length).toBeGreaterThan(0)
    // Other journeys share this system: their contracts may since be closed, their payments pending.
    for (const r of collected) {
      const contract = await clerk.json<orders.Contract>('GET', `/api/orders/contracts/${r.contractId}`)
      expect(TOOK_EFFECT).toContain(contract.status)
      expect(contract.total).toBe(r.total)
      const payments = await clerk.json<{ items: finance.Payment[] }>(
        'GET',
        `/api/finance/payments?receivableId=${r.id}&status=confirmed&limit=100`,
      )
      expect(payments.items.every((p) => p.status === 'confirmed')).toBe(true)
      const cents = payments.items.reduce((sum, p) => sum + Math.round(Number(p.amount) * 100), 0)
      expect(cents).toBe(Math.round(Number(r.received) * 100))
    }
    // Some are collected in full and invoiced, some are still open.
    expect(receivables.items.some((r) => r.status === 'open')).toBe(true)
    expect(receivables.items.some((r) => Number(r.invoiced) > 0)).toBe(true)
  })

  test('the service desk has tickets in several states, and a contact signs in to the portal', async () => {
    const agent = await apiLogin('service.agent1', DEMO_PASSWORD)
    const list = await agent.json<{ items: tickets.Ticket[] }>('GET', '/api/tickets/tickets?limit=100')
    expect(new Set(list.items.map((t) => t.status)).size).toBeGreaterThanOrEqual(3)
    const portal = await fetch(`${baseUrl()}/api/tickets/portal/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'kh0000', password: DEMO_PASSWORD }),
    })
    expect(portal.status).toBe(200)
  })

  test('loading again changes nothing', async () => {
    const before = await census()
    const again = await admin.call('POST', '/api/admin/demo')
    expect(again.status).toBe(202)
    expect(((await again.json()) as DemoStatus).state).toBe('done')
    // Give anything a second load might have started the time to show.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    expect((await status()).state).toBe('done')
    expect(await census()).toEqual(before)
  })
})
