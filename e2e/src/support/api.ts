import type { admin, sales } from '@mosaic/schemas'
import { baseUrl } from './browser.js'

/** A signed-in API session through the gateway, for setting up what a journey starts from. */
export interface ApiSession {
  user: admin.Me
  /** The staff access token (for sweeps that send it where it must be refused). */
  token: string
  call: (method: string, path: string, body?: unknown, ifMatch?: number) => Promise<Response>
  /** Like `call`, but any non-2xx answer fails the setup with the service's problem text. */
  json: <T>(method: string, path: string, body?: unknown, ifMatch?: number) => Promise<T>
}

export async function apiLogin(username: string, password: string): Promise<ApiSession> {
  const res = await fetch(`${baseUrl()}/api/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  const { accessToken, user } = (await res.json()) as admin.TokenResponse
  const call = (method: string, path: string, body?: unknown, ifMatch?: number) =>
    fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  async function json<T>(method: string, path: string, body?: unknown, ifMatch?: number): Promise<T> {
    const r = await call(method, path, body, ifMatch)
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
    return (await r.json()) as T
  }
  return { user, token: accessToken, call, json }
}

export interface TeamMember {
  id: string
  username: string
  password: string
  displayName: string
}

export interface SalesTeam {
  tag: string
  deptId: string
  rep1: TeamMember
  rep2: TeamMember
  manager: TeamMember
  admin: ApiSession
}

/** Unique per run and per file, short enough for usernames (3–32 chars). */
export const uniqueTag = () => `${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`

/**
 * As the demo administrator: a fresh department with two sales reps and their manager, then
 * waits until the sales service's user replica (fed by admin.user.changed events) knows them all.
 */
export async function createSalesTeam(): Promise<SalesTeam> {
  const tag = uniqueTag()
  const adminSession = await apiLogin('admin', 'admin123')
  const roles = await adminSession.json<{ items: admin.Role[] }>('GET', '/api/admin/roles?limit=100')
  const roleId = (code: string) => {
    const role = roles.items.find((r) => r.code === code)
    if (!role) throw new Error(`built-in role ${code} is missing`)
    return role.id
  }
  const dept = await adminSession.json<admin.Dept>('POST', '/api/admin/depts', { name: `E2E 销售部 ${tag}` })
  const user = async (key: string, displayName: string, role: string): Promise<TeamMember> => {
    const username = `${key}.${tag}`
    const password = `pw-${tag}-${key}`
    const created = await adminSession.json<admin.User>('POST', '/api/admin/users', {
      username,
      displayName,
      password,
      deptId: dept.id,
      roleIds: [roleId(role)],
    })
    return { id: created.id, username, password, displayName }
  }
  const team = {
    tag,
    deptId: dept.id,
    rep1: await user('rep1', `一号销售 ${tag}`, 'sales_rep'),
    rep2: await user('rep2', `二号销售 ${tag}`, 'sales_rep'),
    manager: await user('mgr', `销售经理 ${tag}`, 'sales_manager'),
    admin: adminSession,
  }
  await waitForDirectory(adminSession, [team.rep1, team.rep2, team.manager])
  return team
}

/** Polls until `check` holds: for what arrives asynchronously (events), never a fixed sleep. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

function waitForDirectory(session: ApiSession, users: TeamMember[]) {
  const known = async (u: TeamMember) => {
    const r = await session.call('GET', `/api/sales/users?q=${encodeURIComponent(u.username)}`)
    if (!r.ok) return false
    const list = (await r.json()) as sales.DirectoryUser[]
    return list.some((d) => d.id === u.id && d.deptId !== null)
  }
  return until('the sales directory to know the new users', async () =>
    (await Promise.all(users.map(known))).every(Boolean),
  )
}

/** A customer owned by the session's user, with contacts and opportunities as the journey needs. */
export async function createCustomer(
  session: ApiSession,
  name: string,
  extra: { contacts?: string[]; opportunities?: Array<{ name: string; expectedAmount?: string }> } = {},
) {
  const [first, ...others] = extra.contacts ?? []
  const customer = await session.json<sales.Customer>('POST', '/api/sales/customers', {
    name,
    status: 'intention',
    ...(first ? { contact: { name: first, phone: '13800000000' } } : {}),
  })
  for (const contact of others)
    await session.json<sales.Contact>('POST', '/api/sales/contacts', {
      customerId: customer.id,
      name: contact,
    })
  const opportunities: sales.Opportunity[] = []
  for (const o of extra.opportunities ?? [])
    opportunities.push(
      await session.json<sales.Opportunity>('POST', '/api/sales/opportunities', {
        customerId: customer.id,
        name: o.name,
        expectedAmount: o.expectedAmount ?? null,
      }),
    )
  return { customer, opportunities }
}
