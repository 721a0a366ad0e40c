import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'

/** The sales service's side of a document: one customer with a contact and an opportunity. */
export const ACME = {
  id: randomUUID(),
  number: 'KH20261204000001',
  name: '顶点科技',
  ownerId: null,
  deptId: null,
}
export const ZHANG = { id: randomUUID(), name: '张三', phone: '13800000000' }
export const DEAL = { id: randomUUID(), name: '二期扩容' }
/** A customer whose card request breaks the connection (sales unreachable). */
export const BROKEN = randomUUID()

/**
 * The lookup an import's customer column makes: ACME (unless hidden from the user) and `others`,
 * by name or number.
 */
function answerLookup(
  req: IncomingMessage,
  res: ServerResponse,
  others: Record<string, string>,
  hiddenFrom: Set<string>,
) {
  let raw = ''
  req.on('data', (chunk) => (raw += chunk))
  req.on('end', () => {
    const body = JSON.parse(raw) as { texts: string[]; userId: string }
    const known = [
      ...(hiddenFrom.has(body.userId) ? [] : [{ id: ACME.id, number: ACME.number, name: ACME.name }]),
      ...Object.entries(others).map(([id, name]) => ({ id, number: `KH-${id.slice(0, 8)}`, name })),
    ]
    const items = known.filter((c) => body.texts.some((t) => t === c.number || t === c.name))
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items }))
  })
}

/** The lookup an import's contact column makes: ZHANG among ACME's contacts (trimmed, case ignored). */
function answerContactLookup(req: IncomingMessage, res: ServerResponse, hiddenFrom: Set<string>) {
  let raw = ''
  req.on('data', (chunk) => (raw += chunk))
  req.on('end', () => {
    const body = JSON.parse(raw) as { pairs: { customerId: string; name: string }[]; userId: string }
    const items = hiddenFrom.has(body.userId)
      ? []
      : body.pairs
          .filter((p) => p.customerId === ACME.id && p.name.trim().toLowerCase() === ZHANG.name)
          .map((p) => ({ id: ZHANG.id, customerId: ACME.id, name: p.name.trim() }))
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items }))
  })
}

export interface FakeSales {
  server: Server
  url: string
  /** Every path (with query) called, in order. */
  calls: string[]
  /** Users the fake keeps ACME from (outside their data scope in sales). */
  hiddenFrom: Set<string>
  close(): Promise<void>
}

/**
 * A stand-in for sales' internal card route: it checks that a service token came with the call.
 * ACME has a contact and an opportunity; `others` (id → name) are further customers without them;
 * any other id is a 404.
 */
export function fakeSales(others: Record<string, string> = {}): Promise<FakeSales> {
  const calls: string[] = []
  const hiddenFrom = new Set<string>()
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sales')
    calls.push(url.pathname + url.search)
    if (url.pathname === '/api/sales/internal/customers/lookup' && req.method === 'POST') {
      answerLookup(req, res, others, hiddenFrom)
      return
    }
    if (url.pathname === '/api/sales/internal/contacts/lookup' && req.method === 'POST') {
      answerContactLookup(req, res, hiddenFrom)
      return
    }
    const card = /^\/api\/sales\/internal\/customers\/([^/]+)\/card$/.exec(url.pathname)
    if (!card || !req.headers.authorization?.startsWith('Bearer ')) {
      res.writeHead(card ? 401 : 200, { 'content-type': 'application/json' }).end('{}')
      return
    }
    if (card[1] === BROKEN) {
      res.destroy()
      return
    }
    const other = others[card[1]!]
    if (other !== undefined) {
      const body = {
        id: card[1],
        number: `KH-${card[1]!.slice(0, 8)}`,
        name: other,
        ownerId: null,
        deptId: null,
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ...body, contact: null, opportunity: null }))
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
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        calls,
        hiddenFrom,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  )
}
