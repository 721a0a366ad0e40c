import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Server } from 'node:http'
import express from 'express'
import { pino } from 'pino'
import { sensitiveRateLimit } from './rate-limit.js'
import { problemHandler } from './problem.js'

let server: Server
let base: string

beforeAll(async () => {
  const app = express()
  app.post(
    '/login',
    sensitiveRateLimit({ perMinute: 2, code: 'auth.too_many_logins' }),
    (_req, res) => void res.json({ ok: true }),
  )
  app.use(problemHandler(pino({ level: 'silent' })))
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const address = server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test('answers 429 problem+json once a client exceeds its per-minute budget', async () => {
  const statuses = []
  for (let i = 0; i < 3; i++) statuses.push((await fetch(`${base}/login`, { method: 'POST' })).status)
  expect(statuses).toEqual([200, 200, 429])
  const res = await fetch(`${base}/login`, { method: 'POST' })
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
  expect(await res.json()).toMatchObject({
    status: 429,
    title: 'Too Many Requests',
    code: 'auth.too_many_logins',
  })
})
