import { randomUUID } from 'node:crypto'
import { PERMISSIONS, type Principal } from '@mosaic/permissions'
import { createTestDatabase, createTestTokens } from '@mosaic/service-kit/testing'
import { upsertUserReplica } from '@mosaic/service-kit'
import { SalesConfig } from '../config.js'
import { buildSalesService, type SalesServiceOptions } from '../app.js'

export interface Reply<T = any> {
  status: number
  body: T
  headers: Headers
}

export interface CallOptions {
  token?: string
  body?: unknown
  /** Sent as If-Match. */
  version?: number
  headers?: Record<string, string>
}

export interface TestUser {
  id: string
  name: string
  deptId: string | null
  token: string
  principal: Principal
}

const ALL_SALES = PERMISSIONS.filter((p) => p.service === 'sales').map((p) => p.code as string)

/**
 * A real sales service on a fresh database (server Postgres when TEST_DATABASE_URL is set,
 * embedded otherwise), listening on a loopback port, trusting tokens minted here.
 */
export async function startSales(
  env: Record<string, string> = {},
  options: Omit<SalesServiceOptions, 'verifier'> = {},
) {
  const testDb = await createTestDatabase('mosaic_sales')
  const tokens = await createTestTokens()
  const config = SalesConfig.parse({
    MOSAIC_MODE: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: testDb.url,
    RECYCLE_INTERVAL_MINUTES: '0',
    ...env,
  })
  const service = await buildSalesService(config, { ...options, verifier: tokens.verifier })
  const port = await service.listen(0)
  const base = `http://127.0.0.1:${port}/api/sales`

  async function call<T = any>(method: string, path: string, o: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...o.headers }
    if (o.token) headers.authorization = `Bearer ${o.token}`
    if (o.version !== undefined) headers['if-match'] = `"${o.version}"`
    if (o.body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(base + path, {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers }
  }

  /**
   * A signed-in user holding `permissions` (default: every sales permission) with `dataScope`.
   * `deptIds` are the departments the scope covers (own dept first). The user is also put into the
   * service's user replica (as admin's `admin.user.changed` events would), unless `replica: false`.
   */
  async function user(
    name: string,
    o: {
      permissions?: string[]
      dataScope?: Principal['dataScope']
      deptIds?: string[]
      roles?: string[]
      replica?: boolean
    } = {},
  ): Promise<TestUser> {
    const id = randomUUID()
    const deptIds = o.deptIds ?? []
    const principal: Principal = {
      userId: id,
      username: name,
      displayName: name,
      deptId: deptIds[0] ?? null,
      scopeDeptIds: deptIds,
      roles: o.roles ?? [],
      permissions: o.permissions ?? ALL_SALES,
      dataScope: o.dataScope ?? 'self',
      kind: 'staff',
    }
    if (o.replica !== false) {
      await service.db.transaction((m) =>
        upsertUserReplica(m, {
          id,
          username: name,
          displayName: name,
          deptId: principal.deptId,
          enabled: true,
          version: 1,
        }),
      )
    }
    return { id, name, deptId: principal.deptId, token: await tokens.mint(principal), principal }
  }

  return {
    service,
    config,
    base,
    call,
    user,
    async close() {
      await service.close()
      await testDb.drop()
    },
  }
}

export type SalesHarness = Awaited<ReturnType<typeof startSales>>
