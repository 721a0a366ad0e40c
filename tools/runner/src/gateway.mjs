// The single local origin: routes /api/<service>/ to services, /remotes/<name>/ to remote
// static servers and everything else to the shell. docker/nginx/gateway.conf is the
// production twin: its routes are generated from the same topology.json (gateway-parity.test.ts
// checks they agree); keep the rest of their behaviour (headers, refusals) in step.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { listen, closeServer, sendProblem, answerClientError, MAX_HEADER_BYTES } from './http-util.mjs'
import { resolveTopology, gatewayRoutes, remotesManifest } from './topology.mjs'

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/**
 * Internal endpoints are service-to-service only. Express matches paths case-insensitively
 * and clients can percent-encode or dot-segment their way around a naive substring test,
 * so compare normalised, decoded, lower-cased segments. Undecodable paths are refused too.
 */
export function isInternalApiPath(rawPath) {
  let decoded
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return true
  }
  const segments = path.posix.normalize(decoded).toLowerCase().split('/')
  return segments.includes('internal')
}

function filterHeaders(rawHeaders, keepUpgrade = false) {
  const connectionTokens = new Set()
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === 'connection') {
      for (const t of rawHeaders[i + 1].split(',')) connectionTokens.add(t.trim().toLowerCase())
    }
  }
  const out = []
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase()
    const isUpgradeHeader = keepUpgrade && (name === 'connection' || name === 'upgrade')
    if (!isUpgradeHeader && (HOP_BY_HOP.has(name) || connectionTokens.has(name))) continue
    if (name.startsWith('x-forwarded-') && name !== 'x-forwarded-for') continue
    out.push(rawHeaders[i], rawHeaders[i + 1])
  }
  return out
}

function forwardedRequestHeaders(req, keepUpgrade = false) {
  const headers = filterHeaders(req.rawHeaders, keepUpgrade)
  const client = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
  // The gateway is the edge: the client address is the peer it saw, never what the client claimed
  // (services trust this header from the gateway only, and rate-limit by it).
  for (let i = headers.length - 2; i >= 0; i -= 2)
    if (headers[i].toLowerCase() === 'x-forwarded-for') headers.splice(i, 2)
  headers.push('X-Forwarded-For', client)
  // The gateway is the edge: proto and host describe this hop, not what a client claimed.
  headers.push('X-Forwarded-Proto', 'http', 'X-Forwarded-Host', req.headers.host ?? '')
  return headers
}

/**
 * HTML through the gateway may not be framed, whatever served it (a dev server sets no CSP of its
 * own; the static servers send the full one, which this leaves alone).
 */
function withFramingRules(rawHeaders) {
  let html = false
  let csp = false
  let xfo = false
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase()
    if (name === 'content-type' && /^text\/html/i.test(rawHeaders[i + 1])) html = true
    if (name === 'content-security-policy') csp = true
    if (name === 'x-frame-options') xfo = true
  }
  if (!html) return rawHeaders
  const out = [...rawHeaders]
  if (!csp) out.push('Content-Security-Policy', "frame-ancestors 'none'")
  if (!xfo) out.push('X-Frame-Options', 'DENY')
  return out
}

function rawToObject(raw) {
  const obj = {}
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i].toLowerCase()
    obj[k] = k in obj ? [].concat(obj[k], raw[i + 1]) : raw[i + 1]
  }
  return obj
}

/** Decides what a request path is: the manifest, a refusal, or an upstream route. */
function classify(pathname, routes) {
  if (pathname === '/remotes.json') return { manifest: true }
  const match = routes.find((r) => pathname.startsWith(r.prefix) || pathname === r.prefix.slice(0, -1))
  if (pathname.startsWith('/api/') || pathname === '/api') {
    if (isInternalApiPath(pathname))
      return { refuse: [404, 'Not Found', 'Internal endpoints are not reachable through the gateway.'] }
    if (match?.kind !== 'api') return { refuse: [404, 'Not Found', `No service handles ${pathname}.`] }
  }
  if (pathname.startsWith('/remotes/') && match?.kind !== 'remote') {
    return { refuse: [404, 'Not Found', `No remote is mounted at ${pathname}.`] }
  }
  return match ? { route: match } : { refuse: [404, 'Not Found', `No route for ${pathname}.`] }
}

function unavailable(route) {
  const what =
    route.kind === 'api'
      ? `The ${route.name} service`
      : route.kind === 'remote'
        ? `The ${route.name} module`
        : 'The shell'
  return `${what} is unavailable.`
}

/**
 * @param {{ port?: number, host?: string, routes: Array<{name: string, prefix: string, target: string, kind: 'api'|'remote'|'app'}>,
 *           remotesJson?: object, remotesJsonFile?: string }} opts
 */
export async function createGateway({
  port = 0,
  host = '127.0.0.1',
  routes,
  remotesJson = { remotes: [] },
  remotesJsonFile,
  maxHeaderSize = MAX_HEADER_BYTES,
}) {
  const ordered = [...routes].sort((a, b) => b.prefix.length - a.prefix.length)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

  function serveManifest(req, res) {
    let body
    try {
      body = remotesJsonFile ? fs.readFileSync(remotesJsonFile, 'utf8') : JSON.stringify(remotesJson)
    } catch (err) {
      return sendProblem(
        res,
        500,
        'Internal Server Error',
        `Cannot read remotes manifest: ${err.code ?? err.message}`,
      )
    }
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Length': Buffer.byteLength(body),
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  function proxy(req, res, route) {
    const target = new URL(route.target)
    const upstream = http.request({
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      agent,
      headers: forwardedRequestHeaders(req),
    })
    upstream.on('response', (up) => {
      res.writeHead(up.statusCode ?? 502, up.statusMessage, withFramingRules(filterHeaders(up.rawHeaders)))
      up.pipe(res)
      up.on('error', () => res.destroy())
    })
    upstream.on('error', () => {
      if (!res.headersSent) sendProblem(res, 502, 'Bad Gateway', unavailable(route))
      else res.destroy()
    })
    req.on('error', () => upstream.destroy())
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy()
    })
    req.pipe(upstream)
  }

  const server = http.createServer({ maxHeaderSize }, (req, res) => {
    try {
      const pathname = (req.url ?? '/').split('?')[0]
      const decision = classify(pathname, ordered)
      if (decision.manifest) return serveManifest(req, res)
      if (decision.refuse) return sendProblem(res, ...decision.refuse)
      proxy(req, res, decision.route)
    } catch {
      if (!res.headersSent)
        sendProblem(res, 500, 'Internal Server Error', 'The gateway failed to handle the request.')
      else res.destroy()
    }
  })

  // WebSocket passthrough (e.g. Vite HMR when the shell runs its dev server behind us).
  const tunnels = new Set()
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy())
    const decision = classify((req.url ?? '/').split('?')[0], ordered)
    if (!decision.route) return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
    const target = new URL(decision.route.target)
    const upstream = http.request({
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: rawToObject(forwardedRequestHeaders(req, true)),
    })
    upstream.on('upgrade', (up, upSocket, upHead) => {
      const lines = [`HTTP/1.1 ${up.statusCode} ${up.statusMessage}`]
      for (let i = 0; i < up.rawHeaders.length; i += 2)
        lines.push(`${up.rawHeaders[i]}: ${up.rawHeaders[i + 1]}`)
      socket.write(lines.join('\r\n') + '\r\n\r\n')
      if (upHead.length) socket.write(upHead)
      if (head.length) upSocket.write(head)
      tunnels.add(socket)
      socket.on('close', () => tunnels.delete(socket))
      // HTTP sockets allow half-open; a tunnel must not, or a closed peer leaks both ends.
      for (const [a, b] of [
        [socket, upSocket],
        [upSocket, socket],
      ]) {
        a.pipe(b, { end: false })
        a.on('end', () => (a.end(), b.end()))
        a.on('close', () => b.destroy())
        a.on('error', () => b.destroy())
      }
    })
    upstream.on('response', (up) => {
      socket.end(`HTTP/1.1 ${up.statusCode} ${up.statusMessage}\r\nConnection: close\r\n\r\n`)
      up.resume()
    })
    upstream.on('error', () => socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n'))
    upstream.end()
  })
  server.on('clientError', answerClientError)

  const actualPort = await listen(server, port, host)
  return {
    server,
    port: actualPort,
    url: `http://localhost:${actualPort}`,
    close: async () => {
      for (const socket of tunnels) socket.destroy()
      await closeServer(server)
      agent.destroy()
    },
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'base-port': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  })
  const basePort = values['base-port'] ? Number(values['base-port']) : undefined
  const port = values.port ? Number(values.port) : process.env.PORT ? Number(process.env.PORT) : undefined
  const topology = resolveTopology({ port, basePort })
  const gw = await createGateway({
    port: topology.gateway.port,
    host: values.host,
    routes: gatewayRoutes(topology),
    remotesJson: remotesManifest(topology),
    remotesJsonFile: process.env.REMOTES_JSON || undefined,
  })
  console.log(`Gateway listening at ${gw.url}`)
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => gw.close().then(() => process.exit(0)))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(err.message)
    process.exit(1)
  })
}
