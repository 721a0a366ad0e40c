import { randomUUID } from 'node:crypto'
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { Duplex } from 'node:stream'
import helmet from 'helmet'
import { formatProblem } from '@mosaic/schemas'
import { defaultCode, statusTitle } from '../errors.js'

/** Node's default (16 KiB): request heads larger than this are answered 431. */
export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024

/**
 * An HTTP server whose malformed or oversized request heads get a problem+json answer (431 for a
 * head over `maxHeaderSize`, 400 otherwise) instead of a dropped socket or a bare status line.
 */
export function createHttpServer(app: RequestListener, maxHeaderSize = DEFAULT_MAX_HEADER_BYTES): Server {
  const server = createServer({ maxHeaderSize }, withLivenessProbe(app))
  server.on('clientError', answerClientError)
  return server
}

export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const title = status === 408 ? 'Request Timeout' : statusTitle(status)
  const code = status === 408 ? 'http.bad_request' : defaultCode(status)
  const body = JSON.stringify({
    type: 'https://mosaic-crm.dev/problems/' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    title,
    status,
    detail: formatProblem(code, undefined, 'en'),
    code,
  })
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  )
}

/** The headers helmet (default options, as the service's stack uses it) puts on every answer. */
function securityHeaders(): Array<[string, string]> {
  const headers: Array<[string, string]> = []
  const collector = {
    setHeader: (name: string, value: string | number) => void headers.push([name, String(value)]),
    removeHeader: () => undefined,
  }
  helmet()({} as IncomingMessage, collector as unknown as ServerResponse, () => undefined)
  return headers
}

const LIVENESS_BODY = JSON.stringify({ status: 'ok' })
const REQUEST_ID = /^[\w-]{1,64}$/

/**
 * `GET /healthz` (liveness: the process answers) straight from the HTTP server, with the headers
 * the middleware stack would add (security headers, X-Request-Id echoed or generated) but without
 * its per-request work: probes come often and need no logger, cookies or body parser. Everything
 * else, including `/readyz` and `<base>/healthz`, goes through the app.
 */
export function withLivenessProbe(app: RequestListener): RequestListener {
  // One flat [name, value, …] list, written as is: no per-header validation and bookkeeping per probe.
  const fixed = [
    ...securityHeaders().flat(),
    'Content-Type',
    'application/json; charset=utf-8',
    'Content-Length',
    String(Buffer.byteLength(LIVENESS_BODY)),
  ]
  return (req, res) => {
    if (req.url !== '/healthz' || (req.method !== 'GET' && req.method !== 'HEAD')) return app(req, res)
    const incoming = req.headers['x-request-id']
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    res.writeHead(200, [...fixed, 'X-Request-Id', requestId])
    res.end(req.method === 'HEAD' ? undefined : LIVENESS_BODY)
  }
}
