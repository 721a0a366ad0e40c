import { randomUUID } from 'node:crypto'
import type { finance, tickets } from '@mosaic/schemas'
import { startTickets, type TicketsHarness } from './harness.js'
import { startStandInPeers, type StandInPeers } from './portal-peers.js'

/** A customer of the stand-in sales service with one contact, its order and its statement figures. */
export interface TestCustomer {
  id: string
  name: string
  contact: { id: string; name: string; phone: string | null }
  contractId: string
  orderId: string
}

export function testCustomer(name: string, contactName: string): TestCustomer {
  return {
    id: randomUUID(),
    name,
    contact: { id: randomUUID(), name: contactName, phone: null },
    contractId: randomUUID(),
    orderId: randomUUID(),
  }
}

export const documentsOf = (c: TestCustomer): tickets.CustomerDocumentOptions => ({
  contracts: [{ id: c.contractId, number: `HT-${c.name}`, name: `${c.name} 合同` }],
  orders: [{ id: c.orderId, number: `DD-${c.name}`, contractId: c.contractId }],
})

export const ordersOf = (c: TestCustomer): tickets.PortalOrderList => ({
  items: [
    {
      id: c.orderId,
      number: `DD-${c.name}`,
      status: 'shipping',
      contractNumber: `HT-${c.name}`,
      contractName: `${c.name} 合同`,
      createdAt: '2026-11-01T02:00:00.000Z',
      deliveryDate: null,
      total: '1000.00',
      shippedPercent: 50,
      lines: [{ productName: '服务器', unit: '台', quantity: '2', shippedQuantity: '1' }],
      shipments: [],
    },
  ],
})

export const DIGEST = 'a'.repeat(64)

export const statementOf = (c: TestCustomer, from: string, to: string): finance.Statement => ({
  customerId: c.id,
  customerName: c.name,
  from,
  to,
  contracts: [],
  payments: [],
  invoices: [],
  totals: {
    contractTotal: '0.00',
    receivedInPeriod: '0.00',
    invoicedInPeriod: '0.00',
    outstandingAtEnd: '0.00',
  },
  digest: DIGEST,
  response: null,
  responseStale: false,
})

/**
 * Sales, orders and finance stand-ins answering for `customers` (any other customer is a 404 there), and a
 * tickets service using them. Finance refuses a response whose digest is not DIGEST with its 409.
 */
export async function startPortalWorld(customers: TestCustomer[], env: Record<string, string> = {}) {
  const peers = await startStandInPeers()
  const byId = (id: string) => customers.find((c) => c.id === id)
  const notFound = { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404 } }
  const known = (id: string, answer: (c: TestCustomer) => unknown) => {
    const c = byId(id)
    return c ? { status: 200, body: answer(c) } : notFound
  }
  peers.on(
    'GET /api/sales/internal/customers/:id',
    (p) => () => known(p.id!, (c) => ({ id: c.id, name: c.name, contacts: [c.contact] })),
  )
  peers.on('GET /api/orders/internal/customers/:id/documents', (p) => () => known(p.id!, documentsOf))
  peers.on('GET /api/orders/internal/customers/:id/orders', (p) => () => known(p.id!, ordersOf))
  peers.on(
    'GET /api/finance/internal/customers/:id/statement',
    (p) =>
      ({ query }) =>
        known(p.id!, (c) => statementOf(c, query.get('from')!, query.get('to')!)),
  )
  peers.on('POST /api/finance/internal/customers/:id/statement-responses', (p) => ({ body }) => {
    const c = byId(p.id!)
    if (!c) return notFound
    const answer = body as finance.InternalStatementRespond
    if (answer.digest !== DIGEST)
      return {
        status: 409,
        body: {
          type: 'https://mosaic-crm.dev/problems/finance.statement.changed',
          title: 'Conflict',
          status: 409,
          code: 'finance.statement.changed',
          detail: 'The statement changed since it was shown',
        },
      }
    const response: finance.StatementResponse = {
      id: randomUUID(),
      customerId: c.id,
      customerName: c.name,
      from: answer.from,
      to: answer.to,
      status: answer.status,
      note: answer.note ?? null,
      accountId: answer.accountId,
      respondentName: answer.respondentName,
      respondedAt: new Date().toISOString(),
      digest: answer.digest,
      outstandingAtEnd: '0.00',
      receivedInPeriod: '0.00',
      invoicedInPeriod: '0.00',
    }
    return { status: 201, body: response }
  })
  let h: TicketsHarness
  try {
    h = await startTickets({ SERVICE_SECRET: 's'.repeat(40), ...peers.env, ...env })
  } catch (error) {
    await peers.close()
    throw error
  }
  const agent = await h.user('agent')

  /** Creates an account for the customer's contact through the staff API. */
  async function account(c: TestCustomer, name: string, password = 'correct-horse-1') {
    const res = await h.call<tickets.PortalAccount>('POST', '/portal-accounts', {
      token: agent.token,
      body: {
        customerId: c.id,
        contactId: c.contact.id,
        account: name,
        password,
        displayName: `${name} user`,
      },
    })
    if (res.status !== 201) throw new Error(`account ${name}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }

  /** Signs in; the session (token and me). */
  async function login(name: string, password = 'correct-horse-1') {
    const res = await h.call<tickets.PortalSession>('POST', '/portal/auth/login', {
      body: { account: name, password },
    })
    if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }

  return {
    h,
    peers,
    agent,
    account,
    login,
    async close() {
      await h.close()
      await peers.close()
    },
  }
}

export type PortalWorld = Awaited<ReturnType<typeof startPortalWorld>>
export type { StandInPeers }
