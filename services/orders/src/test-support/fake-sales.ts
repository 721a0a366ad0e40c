import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

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
