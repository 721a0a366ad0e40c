import http from 'node:http'
import net from 'node:net'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const created: string[] = []

export function tmpDir(prefix = 'mosaic-runner-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  created.push(dir)
  return dir
}

/** Call from afterAll in every file that uses tmpDir. */
export function removeTmpDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, content)
  }
}

/** A throwaway upstream on a loopback ephemeral port. */
export async function startUpstream(
  handler: http.RequestListener,
): Promise<{ server: http.Server; port: number; close: () => Promise<void> }> {
  const server = http.createServer(handler)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  return {
    server,
    port,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}

/** A port that was free a moment ago and has nothing listening now. */
export async function deadPort(): Promise<number> {
  const up = await startUpstream(() => {})
  await up.close()
  return up.port
}

export type RawResponse = {
  status: number
  headers: http.IncomingHttpHeaders
  rawHeaders: string[]
  body: string
}

/** Writes `text` as is on a fresh socket and resolves with everything the server sent back. */
export function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text))
    let data = ''
    socket.on('data', (chunk) => (data += chunk))
    socket.on('end', () => resolve(data))
    socket.on('error', (error) => (data ? resolve(data) : reject(error)))
  })
}

/** A GET whose head (a 20 kB header) is over every server's limit. */
export function oversizedHead(urlPath: string, { close = false } = {}): string {
  return `GET ${urlPath} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n${close ? 'Connection: close\r\n' : ''}\r\n`
}

/** http.request rather than fetch: fetch normalises paths (dot segments) and merges headers. */
export function request(
  port: number,
  urlPath: string,
  opts: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

/**
 * A stand-in service honouring the runner contract: PORT, DATA_DIR, /readyz, the init token
 * file and POST /api/<name>/init. FAKE_BEHAVIOUR selects a failure mode.
 */
const FAKE_SERVICE = `
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
const name = path.basename(path.resolve(process.cwd()));
const mode = process.env.FAKE_BEHAVIOUR ?? '';
console.log('fake ' + name + ' pid=' + process.pid);
if (mode === 'exit-on-start') { console.error('fake service failing on purpose'); process.exit(2); }
if (mode === 'ignore-term') process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
else process.on('SIGTERM', () => { console.log('graceful stop'); server.close(); server.closeAllConnections(); });
fs.mkdirSync(process.env.DATA_DIR, { recursive: true });
const token = 'tok-' + process.pid;
if (process.env.MOSAIC_MODE === 'demo') fs.writeFileSync(path.join(process.env.DATA_DIR, 'init-token'), token);
const server = http.createServer((req, res) => {
  const json = (status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
  if (req.url === '/readyz') return mode === 'never-ready' ? json(503, {}) : json(200, { ok: true });
  // Like the real service (the kit's route layer): POST /init takes no body.
  if (req.url === '/api/' + name + '/init' && (req.headers['content-length'] ?? '0') !== '0') return json(400, { detail: 'This endpoint takes no request body.' });
  if (req.url === '/api/' + name + '/init') return req.headers['x-init-token'] === token ? json(200, { roles: { created: 3, existing: 0 }, departments: { created: 0, existing: 1 }, adminUser: 'created' }) : json(403, { detail: 'bad token' });
  if (req.url === '/api/' + name + '/env') return json(200, process.env);
  if (req.url === '/api/' + name + '/crash') { json(200, {}); setTimeout(() => process.exit(3), 20); return; }
  json(404, {});
});
server.listen(Number(process.env.PORT), '127.0.0.1');
`

/** A repo tree with built-looking outputs for every row of the topology tables. */
export function makeFakeRepo(tables: {
  shell: { dir: string }
  remotes: Array<{ name: string; dir: string }>
  services: Array<{ dir: string }>
}): string {
  const root = tmpDir('mosaic-fake-repo-')
  const files: Record<string, string> = {
    [`${tables.shell.dir}/dist/index.html`]: '<!doctype html><title>fake shell</title>',
  }
  for (const r of tables.remotes) {
    files[`${r.dir}/dist/index.html`] = `<!doctype html><title>${r.name}</title>`
    files[`${r.dir}/dist/remoteEntry.js`] = `export const name = '${r.name}';`
  }
  for (const s of tables.services) files[`${s.dir}/dist/main.js`] = FAKE_SERVICE
  writeFiles(root, files)
  return root
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
