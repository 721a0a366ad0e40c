import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'

export interface FakeSales {
  server: Server
  url: string
  close(): Promise<void>
}

/**
 * A stand-in for sales' internal customer card route (`/api/sales/internal/customers/:id/card`):
 * the named customers exist (no contacts or opportunities), every other id is a 404; a call
 * without a bearer token is a 401.
 */
export function startFakeSales(customers: Record<string, string>): Promise<FakeSales> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sales')
    const card = /^\/api\/sales\/internal\/customers\/([^/]+)\/card$/.exec(url.pathname)
    const name = card ? customers[card[1]!] : undefined
    if (!card || !req.headers.authorization?.startsWith('Bearer ') || name === undefined) {
      const status = !card ? 404 : !req.headers.authorization ? 401 : 404
      res.writeHead(status, { 'content-type': 'application/problem+json' }).end(`{"status":${status}}`)
      return
    }
    const body = { id: card[1], number: `KH-${card[1]!.slice(0, 8)}`, name, ownerId: null, deptId: null }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ...body, contact: null, opportunity: null }))
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  )
}

/** The sales service's side of a quote: one customer with a contact and an opportunity. */
export const ACME = {
  id: randomUUID(),
  number: 'KH20261204000001',
  name: '顶点科技',
  ownerId: null,
  deptId: null,
}
export const ZHANG = { id: randomUUID(), name: '张三', phone: '13800000000' }
export const DEAL = { id: randomUUID(), name: '二期扩容' }
export const BROKEN = randomUUID()
/** Users the fake sales service keeps ACME from (outside their data scope there). */
export const hiddenFrom = new Set<string>()

/** A stand-in for sales' internal card route: it checks that a service token came with the call. */
export function fakeSales(): Promise<{ server: Server; url: string; calls: string[] }> {
  const calls: string[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sales')
    calls.push(url.pathname + url.search)
    const card = /^\/api\/sales\/internal\/customers\/([^/]+)\/card$/.exec(url.pathname)
    if (!card || !req.headers.authorization?.startsWith('Bearer ')) {
      res.writeHead(card ? 401 : 200, { 'content-type': 'application/json' }).end('{}')
      return
    }
    if (card[1] === BROKEN) {
      res.destroy()
      return
    }
    if (card[1] !== ACME.id || hiddenFrom.has(url.searchParams.get('userId') ?? '')) {
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}')
      return
    }
    const contactId = url.searchParams.get('contactId')
    const opportunityId = url.searchParams.get('opportunityId')
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        ...ACME,
        contact: contactId === ZHANG.id ? ZHANG : null,
        opportunity: opportunityId === DEAL.id ? DEAL : null,
      }),
    )
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls }),
    ),
  )
}
