import { afterAll, afterEach, describe, expect, it } from 'vitest'
import path from 'node:path'
import fs from 'node:fs'
import { startSystem, serviceEnv, describeInit, ensureServiceSecret } from './system.mjs'
import { resolveTopology, SHELL, REMOTES, SERVICES } from './topology.mjs'
import { isAlive, makeFakeRepo, request, tmpDir, removeTmpDirs } from './test-helpers.ts'

type System = Awaited<ReturnType<typeof startSystem>>
const tables = { shell: SHELL, remotes: REMOTES, services: SERVICES }
const running: System[] = []

async function start(env: Record<string, string> = {}, opts: Record<string, unknown> = {}) {
  const lines: string[] = []
  const repoRoot = (opts.repoRoot as string) ?? makeFakeRepo(tables)
  const sys = await startSystem({
    repoRoot,
    build: false,
    freePorts: true,
    log: (l: string) => lines.push(l),
    env: { DATA_ROOT: tmpDir('mosaic-data-'), MOSAIC_MODE: '', ...env },
    ...opts,
  })
  running.push(sys)
  return { sys, lines, repoRoot }
}

const pidOf = (sys: System, name: string) => sys.services[name].child.pid as number
const gatewayGet = (sys: System, p: string) => request(sys.servers.gateway.port, p)

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()))
})

describe('startSystem', () => {
  it('runs services, initialises, serves everything behind one localhost origin and stops cleanly', async () => {
    const { sys, lines } = await start({
      ADMIN_DATABASE_URL: 'postgres://a@db/admin',
      DATABASE_URL: 'postgres://shared/x',
    })
    expect(sys.url).toBe(`http://localhost:${sys.topology.gateway.port}`)
    expect(lines).toContain(`Mosaic CRM is running at ${sys.url}`)
    expect(lines).toContain('Demo login: admin / admin123')
    expect(lines).toContain('Initialised: 3 roles, admin user created')

    const env = JSON.parse((await gatewayGet(sys, '/api/admin/env')).body)
    const adminPort = sys.topology.services.find((s) => s.name === 'admin')!.port
    expect(env).toMatchObject({
      PORT: String(adminPort),
      MOSAIC_MODE: 'demo',
      DATA_DIR: path.join(sys.dataRoot, 'admin'),
      DATABASE_URL: 'postgres://a@db/admin',
      PUBLIC_ORIGIN: sys.url,
      JWKS_URL: `http://localhost:${adminPort}/api/admin/.well-known/jwks.json`,
    })
    expect(env.ADMIN_DATABASE_URL).toBeUndefined()
    expect(env.SERVICE_SECRET).toBe(fs.readFileSync(path.join(sys.dataRoot, 'service-secret'), 'utf8'))

    const manifest = JSON.parse((await gatewayGet(sys, '/remotes.json')).body)
    expect(manifest.remotes).toContainEqual({ name: 'admin', entry: '/remotes/admin/remoteEntry.js' })
    const entry = await gatewayGet(sys, '/remotes/admin/remoteEntry.js')
    expect(entry.status).toBe(200)
    expect(entry.body).toBe("export const name = 'admin';")
    expect(entry.headers['access-control-allow-origin']).toBe('*')
    expect((await gatewayGet(sys, '/admin/users')).body).toContain('fake shell')

    const pid = pidOf(sys, 'admin')
    expect(await sys.stop()).toBe(0)
    expect(await sys.done).toBe(0)
    expect(isAlive(pid)).toBe(false)
    await expect(gatewayGet(sys, '/')).rejects.toThrow()
  })

  it('can stop and restart a remote and a service for fallback tests', async () => {
    const { sys } = await start()
    await sys.stopRemote('admin')
    const down = await gatewayGet(sys, '/remotes/admin/remoteEntry.js')
    expect(down.status).toBe(502)
    expect(down.headers['content-type']).toBe('application/problem+json')
    expect((await gatewayGet(sys, '/')).status).toBe(200)
    await sys.startRemote('admin')
    expect((await gatewayGet(sys, '/remotes/admin/remoteEntry.js')).status).toBe(200)

    await sys.stopService('admin')
    expect((await gatewayGet(sys, '/api/admin/env')).status).toBe(502)
    await sys.startService('admin')
    expect((await gatewayGet(sys, '/api/admin/env')).status).toBe(200)
    expect(sys.servers.gateway.server.listening).toBe(true)
  })

  it('shuts everything down with the exit code when a service dies unexpectedly', async () => {
    const { sys, lines } = await start()
    await gatewayGet(sys, '/api/admin/crash')
    expect(await sys.done).toBe(3)
    expect(lines).toContain('Service admin exited with code 3 unexpectedly; shutting down.')
    expect(sys.servers.gateway.server.listening).toBe(false)
  })

  it('fails start-up with the service output when a service exits early', async () => {
    await expect(start({ FAKE_BEHAVIOUR: 'exit-on-start' })).rejects.toThrow(
      /exited with code 2[\s\S]*fake service failing on purpose/,
    )
  })

  it('fails start-up and kills the service when it is never ready', async () => {
    const lines: string[] = []
    const repoRoot = makeFakeRepo(tables)
    const err = await startSystem({
      repoRoot,
      build: false,
      freePorts: true,
      // Long enough for a loaded machine to start the fake and let it print its pid.
      readyTimeoutMs: 3000,
      log: (l: string) => lines.push(l),
      env: { DATA_ROOT: tmpDir(), FAKE_BEHAVIOUR: 'never-ready' },
    }).catch((e: Error) => e)
    expect(String(err)).toMatch(/(admin|sales) was not ready within 3 s/)
    const pid = Number(lines.find((l) => l.includes('pid='))!.split('pid=')[1])
    expect(isAlive(pid)).toBe(false)
  })

  it('SIGKILLs a service that ignores SIGTERM after the stop timeout', async () => {
    const { sys } = await start({ FAKE_BEHAVIOUR: 'ignore-term' }, { stopTimeoutMs: 300 })
    const pid = pidOf(sys, 'admin')
    await sys.stop()
    expect(sys.services.admin.exitInfo).toMatchObject({ signal: 'SIGKILL' })
    expect(isAlive(pid)).toBe(false)
  })

  it('refuses to start when build output is missing', async () => {
    const repoRoot = makeFakeRepo(tables)
    fs.rmSync(path.join(repoRoot, 'services/admin/dist'), { recursive: true })
    await expect(start({}, { repoRoot })).rejects.toThrow(
      /Build output missing[\s\S]*services\/admin\/dist\/main.js/,
    )
  })

  it('skips the demo line outside demo mode', async () => {
    const { lines } = await start({ MOSAIC_MODE: 'production' })
    expect(lines.some((l) => l.startsWith('Demo login'))).toBe(false)
    expect(lines.some((l) => l.startsWith('Initialisation skipped'))).toBe(true)
  })
})

describe('describeInit', () => {
  it('names what was created and says when nothing was', () => {
    const counts = (created: number, existing: number) => ({ created, existing })
    expect(
      describeInit({
        roles: counts(5, 0),
        dictionaryEntries: counts(40, 2),
        departments: counts(0, 1),
        adminUser: 'created',
      }),
    ).toBe('5 roles, 40 dictionary entries, admin user created')
    expect(describeInit({ roles: counts(0, 5), adminUser: 'existing' })).toBe(
      'nothing new (already initialised)',
    )
  })
})

describe('serviceEnv', () => {
  it('gives each service only its own database URL', () => {
    const topology = resolveTopology({
      basePort: 40000,
      services: [
        { name: 'admin', dir: 'services/admin', port: 3001 },
        { name: 'sales', dir: 'services/sales', port: 3002 },
      ],
    })
    const baseEnv = {
      ADMIN_DATABASE_URL: 'pg://admin',
      SALES_DATABASE_URL: 'pg://sales',
      DATABASE_URL: 'pg://shared',
      KEEP: '1',
    }
    const env = serviceEnv(topology.services[1], { topology, baseEnv, dataRoot: '/d', mode: 'demo' })
    expect(env).toMatchObject({
      DATABASE_URL: 'pg://sales',
      PORT: '40022',
      DATA_DIR: '/d/sales',
      KEEP: '1',
      JWKS_URL: 'http://localhost:40021/api/admin/.well-known/jwks.json',
      PUBLIC_ORIGIN: 'http://localhost:40000',
      ADMIN_SERVICE_URL: 'http://localhost:40021',
      SALES_SERVICE_URL: 'http://localhost:40022',
    })
    expect(env.ADMIN_DATABASE_URL).toBeUndefined()
    expect(
      serviceEnv(topology.services[0], {
        topology,
        baseEnv: { DATABASE_URL: 'pg://shared' },
        dataRoot: '/d',
        mode: 'demo',
      }).DATABASE_URL,
    ).toBeUndefined()
  })

  it('gives every service the same SERVICE_SECRET', () => {
    const topology = resolveTopology({ basePort: 40000 })
    const ctx = { topology, baseEnv: {}, dataRoot: '/d', mode: 'demo', serviceSecret: 's'.repeat(43) }
    const secrets = topology.services.map((s) => serviceEnv(s, ctx).SERVICE_SECRET)
    expect(secrets.length).toBeGreaterThan(0)
    expect(new Set(secrets)).toEqual(new Set(['s'.repeat(43)]))
  })
})

describe('ensureServiceSecret', () => {
  it('creates an owner-only secret once and keeps returning it', () => {
    const root = path.join(tmpDir('mosaic-secret-'), 'nested')
    const secret = ensureServiceSecret(root)
    expect(secret).toMatch(/^[\w-]{43}$/)
    const file = path.join(root, 'service-secret')
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(ensureServiceSecret(root)).toBe(secret)
    expect(fs.readFileSync(file, 'utf8')).toBe(secret)
  })
})

afterAll(removeTmpDirs)
