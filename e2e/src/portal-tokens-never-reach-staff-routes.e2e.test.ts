import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import type { sales, tickets } from '@mosaic/schemas'
import { portalRoutes, serviceRoutes, type RouteContract } from '@mosaic/schemas/contracts'
import { baseUrl } from './support/browser.js'
import { createCustomer, createSalesTeam, apiLogin, type ApiSession } from './support/api.js'

/**
 * Through the gateway, against every running service: a portal token (audience `portal`, signed by the tickets
 * service for a customer's contact) is refused by every staff route of every service, and a staff token by every
 * portal route. The routes come from the route contracts, so a route added later is swept too. A route that
 * answers a caller without any token (sign-in, refresh) is not a staff route and is left out — and listed, so
 * the sweep cannot quietly shrink to nothing.
 */
let portalToken: string
let staff: ApiSession

const fill = (path: string) =>
  path.replace(/:(\w+)/g, (_m, name: string) => (name === 'entityType' ? 'ticket' : randomUUID()))

async function send(route: RouteContract, token: string | null) {
  const method = route.method.toUpperCase()
  const res = await fetch(`${baseUrl()}${fill(route.path)}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
      'if-match': '"1"',
    },
    body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
  })
  await res.arrayBuffer()
  return res.status
}

beforeAll(async () => {
  const team = await createSalesTeam()
  staff = await apiLogin('admin', 'admin123')
  const rep = await apiLogin(team.rep1.username, team.rep1.password)
  const { customer } = await createCustomer(rep, `门户隔离测试 ${team.tag}`, {
    contacts: [`刘工 ${team.tag}`],
  })
  const contacts = await rep.json<{ items: sales.Contact[] }>(
    'GET',
    `/api/sales/contacts?customerId=${customer.id}`,
  )
  const account = `portal.${team.tag}`
  await staff.json<tickets.PortalAccount>('POST', '/api/tickets/portal-accounts', {
    customerId: customer.id,
    contactId: contacts.items[0]!.id,
    account,
    password: `Pw-${team.tag}-portal`,
    displayName: `刘工 ${team.tag}`,
    enabled: true,
  })
  const login = await fetch(`${baseUrl()}/api/tickets/portal/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, password: `Pw-${team.tag}-portal` }),
  })
  expect(login.status).toBe(200)
  portalToken = ((await login.json()) as tickets.PortalSession).token
})

describe('portal tokens and staff routes', () => {
  test('every staff route of every service refuses a portal token', async () => {
    const open: string[] = []
    const admitted: string[] = []
    let swept = 0
    for (const [service, routes] of Object.entries(serviceRoutes)) {
      for (const [name, route] of Object.entries(routes as Record<string, RouteContract>)) {
        if ((await send(route, null)) !== 401) {
          open.push(`${service}.${name}`)
          continue
        }
        swept++
        const status = await send(route, portalToken)
        if (status !== 401 && status !== 403)
          admitted.push(`${service}.${name} ${route.method} ${route.path}: ${status}`)
      }
    }
    expect(admitted).toEqual([])
    // Only sign-in style routes (and the first-run init, guarded by its own token) answer without a bearer
    // token; everything else was swept.
    expect(open.sort()).toEqual(['admin.init', 'admin.login', 'admin.logout', 'admin.refresh'])
    expect(swept).toBeGreaterThan(150)
  })

  test('every portal route but sign-in refuses a staff token', async () => {
    const admitted: string[] = []
    for (const [name, route] of Object.entries(portalRoutes as Record<string, RouteContract>)) {
      if (name === 'login') continue
      const status = await send(route, staff.token)
      if (status !== 401) admitted.push(`${name}: ${status}`)
    }
    expect(admitted).toEqual([])
  })
})
