import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import express from 'express'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestLog } from './request-log.js'

describe('requestLog', () => {
  const lines: Array<Record<string, unknown>> = []
  let base = ''
  let close = () => {}

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line))
        done()
      },
    })
    const app = express()
    app.use(requestLog(pino(sink)))
    app.get('/ok', (req, res) => {
      req.log.info('handler says hi')
      res.json({ id: req.id })
    })
    app.get('/boom', (_req, res) => void res.status(500).json({}))
    app.get('/healthz', (_req, res) => void res.json({}))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    close = () => server.close()
  })
  afterAll(() => close())

  const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

  it('logs one line per request, never its headers, echoing a usable X-Request-Id', async () => {
    const res = await fetch(`${base}/ok?x=1`, {
      headers: { authorization: 'Bearer secret-token', cookie: 'refresh=secret', 'x-request-id': 'req-1' },
    })
    expect(res.headers.get('x-request-id')).toBe('req-1')
    expect(await res.json()).toEqual({ id: 'req-1' })
    await settle()
    const completed = lines.filter((l) => l.msg === 'request completed')
    expect(completed).toHaveLength(1)
    expect(completed[0]).toMatchObject({
      level: 30,
      reqId: 'req-1',
      req: { method: 'GET', url: '/ok?x=1' },
      res: { statusCode: 200 },
    })
    expect(typeof completed[0]!.responseTime).toBe('number')
    // The handler's own line carries the request id.
    expect(lines.find((l) => l.msg === 'handler says hi')).toMatchObject({ reqId: 'req-1' })
    expect(JSON.stringify(lines)).not.toContain('secret')
  })

  it('a server error is logged at error level; probes and unusable ids are not trusted or logged', async () => {
    lines.length = 0
    const boom = await fetch(`${base}/boom`, { headers: { 'x-request-id': 'has space' } })
    expect(boom.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    await fetch(`${base}/healthz`)
    await settle()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 50,
      res: { statusCode: 500 },
      reqId: boom.headers.get('x-request-id'),
    })
  })
})
