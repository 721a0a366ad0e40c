// Serves a built app (`dist/`) for the local runner. Production uses nginx (docker/nginx);
// this mirrors its behaviour so `pnpm start` and e2e see the same headers.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { listen, closeServer, answerClientError, MAX_HEADER_BYTES } from './http-util.mjs'
import { htmlSecurityHeaders } from './security-headers.mjs'

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
}

const IMMUTABLE = 'public, max-age=31536000, immutable'

// Vite puts content-hashed files under assets/; everything else keeps its name across
// deploys (index.html, remoteEntry.js, json manifests) and must be revalidated.
function cacheControl(relPath) {
  return relPath.startsWith('/assets/') ? IMMUTABLE : 'no-cache'
}

function stripPrefix(urlPath, prefix) {
  if (!prefix) return urlPath
  if (urlPath === prefix) return '/'
  if (urlPath.startsWith(prefix + '/')) return urlPath.slice(prefix.length)
  return urlPath // also serve unprefixed paths so a remote works when opened directly
}

async function resolveFile(file) {
  const st = await fs.promises.stat(file).catch(() => null)
  if (st?.isFile()) return { file, size: st.size, mtimeMs: st.mtimeMs }
  if (st?.isDirectory()) return resolveFile(path.join(file, 'index.html'))
  return null
}

/**
 * The precompressed twin (`.br`, else `.gz`, written by the build) the client accepts, if any.
 * Only exact `br`/`gzip` tokens with a non-zero q count.
 */
export function pickEncoding(acceptEncoding = '') {
  const accepted = new Set()
  for (const part of String(acceptEncoding).split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    if (q && Number(q.slice(2)) === 0) continue
    accepted.add(token.trim())
  }
  return [
    ['br', '.br'],
    ['gzip', '.gz'],
  ].filter(([name]) => accepted.has(name) || accepted.has('*'))
}

async function precompressed(file, acceptEncoding) {
  for (const [encoding, ext] of pickEncoding(acceptEncoding)) {
    const st = await fs.promises.stat(file + ext).catch(() => null)
    if (st?.isFile()) return { encoding, file: file + ext, size: st.size, mtimeMs: st.mtimeMs }
  }
  return null
}

function sendText(res, status, text, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache',
    ...headers,
  })
  res.end(text)
}

/**
 * @param {{ root: string, port?: number, host?: string, prefix?: string, spa?: boolean, cors?: boolean }} opts
 * `prefix` (e.g. `/remotes/admin`) is stripped from request paths; `spa` answers unknown
 * extensionless paths with index.html (client-side routes) while missing files stay 404.
 */
export async function createStaticServer({
  root,
  port = 0,
  host = '127.0.0.1',
  prefix = '',
  spa = false,
  cors = true,
  maxHeaderSize = MAX_HEADER_BYTES,
}) {
  const rootDir = path.resolve(root)
  const base = prefix.replace(/\/+$/, '')

  const server = http.createServer({ maxHeaderSize }, async (req, res) => {
    const corsHeaders = cors ? { 'Access-Control-Allow-Origin': '*' } : {}
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...corsHeaders,
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': '*',
      })
      return res.end()
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD, OPTIONS' })

    let urlPath
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    } catch {
      return sendText(res, 400, 'Bad Request')
    }
    const rel = path.posix.normalize(stripPrefix(urlPath, base))
    const requested = path.join(rootDir, rel)
    if (urlPath.includes('\0') || (requested !== rootDir && !requested.startsWith(rootDir + path.sep))) {
      return sendText(res, 404, 'Not Found', corsHeaders)
    }
    let st = await resolveFile(requested)
    if (!st && spa && !path.posix.extname(rel)) st = await resolveFile(path.join(rootDir, 'index.html'))
    if (!st) return sendText(res, 404, 'Not Found', corsHeaders)

    const { file } = st
    const relServed = '/' + path.relative(rootDir, file).split(path.sep).join('/')
    // Content negotiation: the build's .br/.gz twin when the client accepts it (never the twin
    // itself asked for by name, which keeps its own type). Vary either way: caches must key on it.
    const twin = /\.(br|gz)$/.test(file) ? null : await precompressed(file, req.headers['accept-encoding'])
    const sent = twin ?? st
    const etag = `W/"${sent.size.toString(16)}-${Math.floor(sent.mtimeMs).toString(16)}${twin ? `-${twin.encoding}` : ''}"`
    const headers = {
      ...corsHeaders,
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': cacheControl(relServed),
      'X-Content-Type-Options': 'nosniff',
      ...(path.extname(file).toLowerCase() === '.html'
        ? htmlSecurityHeaders(await fs.promises.readFile(file, 'utf8').catch(() => ''))
        : {}),
      Vary: 'Accept-Encoding',
      ...(twin ? { 'Content-Encoding': twin.encoding } : {}),
      ETag: etag,
      'Last-Modified': new Date(st.mtimeMs).toUTCString(),
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers)
      return res.end()
    }
    res.writeHead(200, { ...headers, 'Content-Length': sent.size })
    if (req.method === 'HEAD') return res.end()
    const stream = fs.createReadStream(sent.file)
    stream.on('error', () => res.destroy())
    stream.pipe(res)
  })

  server.on('clientError', answerClientError)
  const actualPort = await listen(server, port, host)
  return {
    server,
    port: actualPort,
    url: `http://localhost:${actualPort}`,
    close: () => closeServer(server),
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      root: { type: 'string' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      prefix: { type: 'string', default: '' },
      spa: { type: 'boolean', default: false },
    },
  })
  if (!values.root)
    throw new Error('usage: static-server.mjs --root <dir> [--port N] [--prefix /remotes/x] [--spa]')
  const s = await createStaticServer({ ...values, port: Number(values.port) })
  console.log(`Serving ${values.root} at ${s.url}${values.prefix}/`)
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => s.close().then(() => process.exit(0)))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(err.message)
    process.exit(1)
  })
}
