import { createServer, type RequestListener, type Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { formatProblem } from '@mosaic/schemas'
import { defaultCode, statusTitle } from '../errors.js'

/** Node's default (16 KiB): request heads larger than this are answered 431. */
export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024

/**
 * An HTTP server whose malformed or oversized request heads get a problem+json answer (431 for a
 * head over `maxHeaderSize`, 400 otherwise) instead of a dropped socket or a bare status line.
 */
export function createHttpServer(app: RequestListener, maxHeaderSize = DEFAULT_MAX_HEADER_BYTES): Server {
  const server = createServer({ maxHeaderSize }, app)
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
