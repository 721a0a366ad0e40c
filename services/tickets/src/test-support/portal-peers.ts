import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What a stand-in route answers: a status and JSON body, or `'drop'` to break the connection (peer down). */
export type StandInReply = { status: number; body?: unknown } | 'drop'
export type StandInRoute = (call: { path: string; query: URLSearchParams; body: unknown }) => StandInReply

export interface StandInCall {
  method: string
  path: string
  query: string
  body: unknown
}

/**
 * A stand-in for other services' internal endpoints over real HTTP (one server for sales, orders and finance:
 * the paths carry the service's name). Routes are `'<METHOD> <path pattern>'` with `:name` parameters; a
 * call without a bearer token is a 401, an unknown path a 404. Tests answer with the shared schemas' shapes.
 */
export async function startStandInPeers() {
  const routes: Array<{
    method: string
    pattern: RegExp
    names: string[]
    reply: (p: Record<string, string>) => StandInRoute
  }> = []
  const calls: StandInCall[] = []
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer')
    const body = await readJson(req)
    calls.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search, body })
    const send = (status: number, payload: unknown) =>
      void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload ?? {}))
    if (!req.headers.authorization?.startsWith('Bearer ')) return send(401, { status: 401 })
    for (const route of routes) {
      const match = route.method === req.method ? route.pattern.exec(url.pathname) : null
      if (!match) continue
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]))
      const reply = route.reply(params)({ path: url.pathname, query: url.searchParams, body })
      if (reply === 'drop') return void res.destroy()
      return send(reply.status, reply.body)
    }
    send(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'http.not_found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    calls,
    /** Peer URLs for the tickets service's environment. */
    env: { SALES_SERVICE_URL: url, ORDERS_SERVICE_URL: url, FINANCE_SERVICE_URL: url },
    /** Adds (or, declared later, overrides) a route: `on('GET /api/sales/internal/customers/:id', (p) => …)`. */
    on(route: string, reply: (params: Record<string, string>) => StandInRoute) {
      const [method, path] = route.split(' ') as [string, string]
      const names: string[] = []
      const pattern = new RegExp(
        `^${path.replace(/:(\w+)/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`,
      )
      routes.unshift({ method, pattern, names, reply })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type StandInPeers = Awaited<ReturnType<typeof startStandInPeers>>

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}
