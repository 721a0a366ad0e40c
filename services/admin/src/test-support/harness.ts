import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase } from '@mosaic/service-kit/testing'
import { AdminConfig } from '../config.js'
import { buildAdminService, type AdminService } from '../app.js'
import { initialise, DEMO_ADMIN } from '../modules/init/init.service.js'

export interface Reply<T = any> {
  status: number
  body: T
  headers: Headers
}

export interface CallOptions {
  token?: string
  body?: unknown
  headers?: Record<string, string>
  raw?: string
}

/**
 * A real admin service on a fresh database (server Postgres when TEST_DATABASE_URL is set,
 * embedded otherwise), listening on a loopback port and initialised like a new installation.
 */
export async function startAdmin(env: Record<string, string> = {}) {
  const testDb = await createTestDatabase('mosaic_admin')
  // Test mode keeps embedded data in memory; other modes persist, so give them a throwaway
  // directory rather than a developer's `.data`.
  const dataDir =
    env.MOSAIC_MODE && env.MOSAIC_MODE !== 'test'
      ? mkdtempSync(join(tmpdir(), 'mosaic-admin-test-'))
      : undefined
  const config = AdminConfig.parse({
    MOSAIC_MODE: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: testDb.url,
    DATA_DIR: dataDir,
    INIT_TOKEN: 'test-init-token-0123456789',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    LOGIN_IP_RATE_LIMIT_PER_MINUTE: '10000',
    ...env,
  })
  const service: AdminService = await buildAdminService(config)
  await initialise(service.db, config)
  const port = await service.listen(0)
  const base = `http://127.0.0.1:${port}/api/admin`

  async function call<T = any>(method: string, path: string, o: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...o.headers }
    if (o.token) headers.authorization = `Bearer ${o.token}`
    let payload: string | undefined = o.raw
    if (o.body !== undefined) {
      headers['content-type'] = 'application/json'
      payload = JSON.stringify(o.body)
    } else if (o.raw !== undefined) headers['content-type'] ??= 'application/json'
    const res = await fetch(base + path, { method, headers, body: payload })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers }
  }

  async function login(username = DEMO_ADMIN.username, password = DEMO_ADMIN.password) {
    const res = await call('POST', '/auth/login', { body: { username, password } })
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body.accessToken as string
  }

  /** Creates a user holding exactly `permissions` with `dataScope`, in `deptId`, and signs them in. */
  async function userWith(
    adminToken: string,
    o: { username: string; permissions: string[]; dataScope?: string; deptId?: string | null },
  ) {
    const role = await call('POST', '/roles', {
      token: adminToken,
      body: {
        code: `r_${o.username}`.slice(0, 32).toLowerCase(),
        name: `Role ${o.username}`,
        permissions: o.permissions,
        dataScope: o.dataScope ?? 'all',
      },
    })
    if (role.status !== 201) throw new Error(`role: ${JSON.stringify(role.body)}`)
    const user = await call('POST', '/users', {
      token: adminToken,
      body: {
        username: o.username,
        displayName: o.username,
        password: 'password-123',
        roleIds: [role.body.id],
        deptId: o.deptId ?? null,
      },
    })
    if (user.status !== 201) throw new Error(`user: ${JSON.stringify(user.body)}`)
    return { user: user.body, token: await login(o.username, 'password-123') }
  }

  return {
    service,
    config,
    base,
    call,
    login,
    userWith,
    async close() {
      await service.close()
      await testDb.drop()
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type AdminHarness = Awaited<ReturnType<typeof startAdmin>>

/** The refresh cookie's value from a Set-Cookie header. */
export function refreshCookie(headers: Headers): string | undefined {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('mosaic_rt='))
  return cookie?.split(';')[0]?.slice('mosaic_rt='.length) || undefined
}
