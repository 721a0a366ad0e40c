import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { tickets } from '@mosaic/schemas'
import { HttpError, requireServiceToken } from '@mosaic/service-kit'

/** One customer as the stand-in peers know it: sales' card and orders' documents. */
export interface PeerCustomer extends tickets.CustomerCard, tickets.CustomerDocumentOptions {}

/**
 * Stand-ins for the sales and orders services' internal routes the tickets service reads, over real HTTP
 * with the kit's service-token check, answering from `customers` (tests change it as they go). Point
 * SALES_SERVICE_URL and ORDERS_SERVICE_URL at `url`; `down()` makes both answer 503 as a failing peer would.
 */
export async function startStandInPeers(secret: string) {
  const customers: PeerCustomer[] = []
  let failing = false
  const app = express()
  const guard = requireServiceToken(secret)
  app.use((_req, res, next) => (failing ? res.status(503).json({ title: 'down' }) : next()))
  app.get('/api/sales/internal/customers', guard, (req, res) => {
    const q = String(req.query.q ?? '')
    const limit = Number(req.query.limit ?? 20)
    const items = customers.filter((c) => c.name.includes(q)).slice(0, limit)
    res.json({ items: items.map((c) => tickets.CustomerOption.parse(c)) })
  })
  app.get('/api/sales/internal/customers/:id', guard, (req, res) => {
    const found = customers.find((c) => c.id === req.params.id)
    if (!found) return void res.status(404).json({ title: 'Not found', status: 404 })
    res.json(tickets.CustomerCard.parse(found))
  })
  app.get('/api/orders/internal/customers/:id/documents', guard, (req, res) => {
    const found = customers.find((c) => c.id === req.params.id)
    res.json(tickets.CustomerDocumentOptions.parse(found ?? { contracts: [], orders: [] }))
  })
  // The token check's refusals (401) as status codes; the tickets service reads nothing else of them.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(error instanceof HttpError ? error.status : 500).json({ title: 'refused' })
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    customers,
    /** The env a tickets harness needs to reach these peers. */
    env: { SERVICE_SECRET: secret, SALES_SERVICE_URL: url, ORDERS_SERVICE_URL: url },
    /** Adds a customer with one contact, one contract and one order of that contract. */
    addCustomer(name: string): PeerCustomer {
      const contractId = randomUUID()
      const customer: PeerCustomer = {
        id: randomUUID(),
        name,
        contacts: [{ id: randomUUID(), name: `${name}联系人`, phone: '13800000000' }],
        contracts: [{ id: contractId, number: `HT${customers.length + 1}`, name: `${name}合同` }],
        orders: [{ id: randomUUID(), number: `DD${customers.length + 1}`, contractId }],
      }
      customers.push(customer)
      return customer
    },
    down() {
      failing = true
    },
    up() {
      failing = false
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type StandInPeers = Awaited<ReturnType<typeof startStandInPeers>>
