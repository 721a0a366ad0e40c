import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { orders } from '@mosaic/schemas'

/**
 * A stand-in for the orders service's internal routes the sales service calls (the other side is
 * tested against the real orders service in services/orders/src/modules/internal/internal.test.ts):
 * `GET /products?ids=` and `GET /customers/:id/{quotes,contracts}?ownerId=`, answering from what the test put
 * in, shaped by the same schemas. A call without a bearer token is a 401; `down` makes every call fail.
 */
export interface FakeOrders {
  url: string
  products: Map<string, orders.ProductSnapshot>
  /** customer id → its quotes. */
  quotes: Map<string, orders.CustomerDocument[]>
  /** customer id → its contracts. */
  contracts: Map<string, orders.CustomerDocument[]>
  calls: string[]
  down: boolean
  product(p: Partial<orders.ProductSnapshot> & { code: string }): orders.ProductSnapshot
  close(): Promise<void>
}

export function startFakeOrders(): Promise<FakeOrders> {
  const fake = {
    products: new Map<string, orders.ProductSnapshot>(),
    quotes: new Map<string, orders.CustomerDocument[]>(),
    contracts: new Map<string, orders.CustomerDocument[]>(),
    calls: [] as string[],
    down: false,
    product(p: Partial<orders.ProductSnapshot> & { code: string }) {
      const full = orders.ProductSnapshot.parse({
        id: randomUUID(),
        name: `产品 ${p.code}`,
        unit: 'set',
        referencePrice: '10.00',
        onSale: true,
        deleted: false,
        ...p,
      })
      fake.products.set(full.id, full)
      return full
    },
  }
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://orders')
    fake.calls.push(url.pathname + url.search)
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (fake.down) return void res.destroy()
    if (!req.headers.authorization?.startsWith('Bearer ')) return send(401, { status: 401 })
    if (url.pathname === '/api/orders/internal/products') {
      const ids = orders.ProductSnapshotQuery.safeParse({ ids: url.searchParams.get('ids') ?? undefined })
      if (!ids.success) return send(400, { status: 400 })
      const items = ids.data.ids.split(',').flatMap((id) => fake.products.get(id) ?? [])
      return send(200, orders.ProductSnapshots.parse({ items }))
    }
    const docs = /^\/api\/orders\/internal\/customers\/([^/]+)\/(quotes|contracts)$/.exec(url.pathname)
    if (docs) {
      const owner = url.searchParams.get('ownerId')
      const kind = docs[2] as 'quotes' | 'contracts'
      const items = (fake[kind].get(docs[1]!) ?? []).filter((q) => !owner || q.ownerId === owner)
      return send(200, orders.CustomerDocuments.parse({ items }))
    }
    send(404, { status: 404 })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(
        Object.assign(fake, {
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        }),
      ),
    ),
  )
}
