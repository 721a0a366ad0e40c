import type { AddressInfo } from 'node:net'
import express, { type ErrorRequestHandler } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requirePermission } from './express.js'
import type { Principal } from './principal.js'

const principals: Record<string, Principal> = {
  rep: {
    userId: 'u1',
    username: 'rep',
    deptId: null,
    roles: [],
    dataScope: 'self',
    kind: 'staff',
    permissions: ['sales.customer.read'],
  },
  manager: {
    userId: 'u2',
    username: 'boss',
    deptId: null,
    roles: [],
    dataScope: 'all',
    kind: 'staff',
    permissions: ['sales.customer.read', 'sales.customer.delete'],
  },
}

let base = ''
let close: () => void = () => {}

beforeAll(async () => {
  const app = express()
  app.use((req, _res, next) => {
    req.principal = principals[req.get('x-user') ?? '']
    next()
  })
  app.get('/customers', requirePermission('sales.customer.read'), (_req, res) => res.json({ ok: true }))
  app.delete('/customers/1', requirePermission('sales.customer.read', 'sales.customer.delete'), (_req, res) =>
    res.status(204).end(),
  )
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    res.status(err.status ?? 500).json({ title: err.title, permission: err.permission })
  }
  app.use(onError)
  const server = app.listen(0)
  await new Promise((r) => server.once('listening', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => server.close()
})
afterAll(() => close())

const call = (method: string, path: string, user?: string) =>
  fetch(base + path, { method, headers: user ? { 'x-user': user } : {} })

describe('requirePermission', () => {
  it('passes a principal that holds every code', async () => {
    expect((await call('GET', '/customers', 'rep')).status).toBe(200)
    expect((await call('DELETE', '/customers/1', 'manager')).status).toBe(204)
  })

  it('answers 401 without a principal', async () => {
    const res = await call('GET', '/customers')
    expect(res.status).toBe(401)
  })

  it('answers 403 naming the missing code', async () => {
    const res = await call('DELETE', '/customers/1', 'rep')
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ title: 'Forbidden', permission: 'sales.customer.delete' })
  })
})
