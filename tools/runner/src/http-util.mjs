/** Resolves with the bound port once listening (port 0 picks a free one). */
export function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server.address().port)
    })
  })
}

/** Closes a server including idle keep-alive sockets, so stopping it is immediate. */
export function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/** RFC 9457 problem details, the error shape used across Mosaic. */
export function sendProblem(res, status, title, detail) {
  const body = JSON.stringify({ type: 'about:blank', title, status, detail })
  res.writeHead(status, {
    'Content-Type': 'application/problem+json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  })
  res.end(res.req?.method === 'HEAD' ? undefined : body)
}

/** Node's default (16 KiB); request heads larger than this are answered 431. */
export const MAX_HEADER_BYTES = 16 * 1024

/**
 * Answers a request head the parser refused (too large → 431, else 400) with problem+json,
 * instead of dropping the socket.
 */
export function answerClientError(err, socket) {
  if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy()
  const [status, title, detail, code] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          'The request headers are too large.',
          'http.headers_too_large',
        ]
      : [400, 'Bad Request', 'The request is not valid.', 'http.bad_request']
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, code })
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  )
}
