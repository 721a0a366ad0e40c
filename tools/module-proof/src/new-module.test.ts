import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { RunningSystem } from '@mosaic/runner'
import { createTestDatabase, type TestDatabase } from '@mosaic/service-kit/testing'
import { applyDocSteps, editedFiles, newFiles, readDocSteps, REPO_ROOT } from './module-doc.js'
import { copyWorkspace, linkNewPackage, runScript } from './workspace-copy.js'

/** What the copy starts from: the packages and admin built as `pnpm build` leaves them. */
const BUILT = [
  'packages/schemas/dist/index.js',
  'packages/service-kit/dist/index.js',
  'packages/permissions/dist/index.js',
  'services/admin/dist/main.js',
]

/**
 * Like Promise.all, but a failure is reported only once every step has ended: a build still writing
 * into the copy would otherwise outlive its removal.
 */
async function settled(steps: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(steps)).find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
}

const NAME = 'equipment'
const SERVICE = `services/${NAME}`
const REMOTE = `apps/${NAME}`

/**
 * docs/adding-a-module.md, followed to the letter in a copy of the workspace: its blocks written and its edits
 * applied, the new packages linked as `pnpm install` would, `pnpm topology` run, the shared packages the doc
 * changed rebuilt, the service, the remote and the shell (which provides the schemas to remotes) built, the new
 * packages typechecked, the service's own test run; then admin and the new module started under the runner
 * (sales is left out: nothing here needs it), called through the gateway and opened in Chromium.
 */
describe('a module added by following docs/adding-a-module.md', () => {
  let copy: string
  let system: RunningSystem | undefined
  const databases: TestDatabase[] = []
  const log: string[] = []

  beforeAll(async () => {
    const missing = BUILT.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)))
    if (missing.length)
      throw new Error(`Build the workspace first (pnpm build); missing: ${missing.join(', ')}`)
    copy = await copyWorkspace(REPO_ROOT)
    applyDocSteps(copy, readDocSteps())
    for (const dir of [SERVICE, REMOTE]) linkNewPackage(copy, path.join(copy, dir))
    await runScript(copy, 'topology')
    const inCopy = (dir: string, script: string) => runScript(path.join(copy, dir), script)
    // The doc's edits change the permission catalog and the kit's peer list: admin (whose super administrator
    // holds every code), the shell and the service read them built. The service's build and typecheck read the
    // kit's dist, so they wait for its rebuild; the remote, the shell (which provides the schemas, contracts
    // included, to every remote) and the service's test (sources) need only the schemas and permissions.
    const shared = settled([inCopy('packages/schemas', 'build'), inCopy('packages/permissions', 'build')])
    const afterKit = shared
      .then(() => inCopy('packages/service-kit', 'build'))
      .then(() => settled([inCopy(SERVICE, 'build'), inCopy(SERVICE, 'typecheck')]))
    const afterShared = shared.then(() =>
      settled([inCopy(REMOTE, 'build'), inCopy('apps/shell', 'build'), inCopy(SERVICE, 'test')]),
    )
    await settled([afterKit, afterShared, inCopy(REMOTE, 'typecheck')])
    system = await startModule()
  })

  afterAll(async () => {
    await system?.stop()
    await Promise.all(databases.map((db) => db.drop()))
    // MODULE_PROOF_KEEP=1 keeps the copy to look into a failure.
    if (copy && !process.env.MODULE_PROOF_KEEP) fs.rmSync(copy, { recursive: true, force: true })
  })

  /** The copy's own runner: it reads the copy's topology.json, with the doc's rows in it. */
  async function startModule(): Promise<RunningSystem> {
    const runner = (await import(
      pathToFileURL(path.join(copy, 'tools/runner/src/start.mjs')).href
    )) as typeof import('@mosaic/runner')
    const services = runner.SERVICES.filter((s) => s.name === 'admin' || s.name === NAME)
    const remotes = runner.REMOTES.filter((r) => r.name === NAME)
    expect(services.map((s) => s.name)).toEqual(['admin', NAME])
    expect(remotes).toHaveLength(1)
    const env: Record<string, string | undefined> = { MOSAIC_MODE: 'demo', LOG_LEVEL: 'warn' }
    // On a Postgres server (TEST_DATABASE_URL) each service gets a fresh database; else embedded ones.
    for (const s of services) {
      const db = await createTestDatabase(`module_proof_${s.name}`)
      databases.push(db)
      env[`${s.name.toUpperCase()}_DATABASE_URL`] = db.url
    }
    return runner.startSystem({
      repoRoot: copy,
      build: false,
      freePorts: true,
      dataRoot: path.join(copy, '.data'),
      env,
      tables: { services, remotes },
      readyTimeoutMs: 300_000,
      log: (line) => log.push(line),
    })
  }

  const gateway = (p: string, init?: RequestInit) => fetch(`${system!.url}${p}`, init)

  async function adminToken(): Promise<string> {
    const res = await gateway('/api/admin/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin123' }),
    })
    expect(res.status, log.join('\n')).toBe(200)
    return ((await res.json()) as { accessToken: string }).accessToken
  }

  /** The new service learns admin's users from admin (replica seeding): a first call may come too early. */
  async function untilKnown(call: () => Promise<Response>): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await call()
      if (res.status !== 401 || attempt === 60) return res
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }

  it('writes the files the doc counts and makes its edits', () => {
    for (const file of newFiles(readDocSteps())) expect(fs.existsSync(path.join(copy, file)), file).toBe(true)
    for (const file of editedFiles(readDocSteps()))
      expect(fs.readFileSync(path.join(copy, file), 'utf8'), file).not.toBe(
        fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'),
      )
    expect(fs.readFileSync(path.join(copy, 'docker/nginx/gateway.conf'), 'utf8')).toContain(`/api/${NAME}/`)
    expect(fs.readFileSync(path.join(copy, 'docker-compose.yml'), 'utf8')).toContain(`mosaic_${NAME}`)
  })

  it('answers an administrator through the gateway: record an asset, list it, read it', async () => {
    const token = await adminToken()
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const created = await untilKnown(() =>
      gateway(`/api/${NAME}/assets`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Chiller CH-200', serialNumber: 'SN-0042' }),
      }),
    )
    const asset = (await created.json()) as { id: string; name: string; version: number }
    expect(created.status, JSON.stringify(asset)).toBe(201)
    const list = await gateway(`/api/${NAME}/assets`, { headers })
    expect(list.status).toBe(200)
    const page = (await list.json()) as { items: { id: string; name: string }[]; total: number }
    expect(page.items.map((a) => [a.id, a.name])).toEqual([[asset.id, 'Chiller CH-200']])
    const one = await gateway(`/api/${NAME}/assets/${asset.id}`, { headers })
    expect(await one.json()).toMatchObject({ id: asset.id, serialNumber: 'SN-0042', version: 1 })
  })

  it('refuses a call without a token', async () => {
    expect((await gateway(`/api/${NAME}/assets`)).status).toBe(401)
  })

  it(`serves the remote: listed in /remotes.json, its entry under /remotes/${NAME}/`, async () => {
    const manifest = (await (await gateway('/remotes.json')).json()) as {
      remotes: { name: string; entry: string }[]
    }
    const entry = manifest.remotes.find((r) => r.name === NAME)
    expect(entry?.entry).toBe(`/remotes/${NAME}/remoteEntry.js`)
    const res = await gateway(entry!.entry)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/javascript/)
    expect(await res.text()).toContain('./routes')
  })

  it('shows the page in the shell, where an admin records an asset', async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    })
    try {
      const page = await browser.newPage({ baseURL: system!.url, locale: 'en-US' })
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await page.goto('/login')
      await page
        .locator('[data-testid="login-username"] input, input[data-testid="login-username"]')
        .fill('admin')
      await page
        .locator('[data-testid="login-password"] input, input[data-testid="login-password"]')
        .fill('admin123')
      await page.getByTestId('login-submit').click()
      await page.waitForURL((url) => !url.pathname.startsWith('/login'))
      await page.goto(`/${NAME}/assets`)
      const name = page.locator('[data-testid="asset-name"] input, input[data-testid="asset-name"]')
      await name.fill('Projector EB-X51')
      await page.getByTestId('asset-create').click()
      await expect
        .poll(() => page.getByText('Projector EB-X51').count(), { timeout: 30_000 })
        .toBeGreaterThan(0)
      expect(errors).toEqual([])
    } finally {
      await browser.close()
    }
  }, 120_000)
})
