import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Principal } from '@mosaic/permissions'
import type { BaseConfig } from './config.js'
import type { Service } from './service.js'
import type { TokenVerifier } from './auth/verifier.js'
import { upsertUserReplica } from './records/user-replica.js'
import { createTestDatabase, createTestTokens } from './testing-database.js'
import type { ReplyBody } from './testing-expect.js'

export interface Reply<T = ReplyBody> {
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
  /** A body sent as it is (JSON unless `headers` say otherwise). */
  raw?: string
}

export interface TestUser {
  id: string
  name: string
  deptId: string | null
  token: string
  principal: Principal
}

export interface TestUserOptions {
  permissions?: string[]
  dataScope?: Principal['dataScope']
  /** The departments the scope covers, own department first. */
  deptIds?: string[]
  roles?: string[]
  /** Put into the service's user replica (as admin's `admin.user.changed` would); default true. */
  replica?: boolean
}

export interface ServiceHarnessOptions<C extends BaseConfig, S extends Service> {
  /** The service's name: its database prefix and its API base path `/api/<name>`. */
  name: string
  /** Parses the service's configuration from the test environment (add the service's test defaults here). */
  config: (env: Record<string, string | undefined>) => C
  /** Builds the service; `verifier` trusts the tokens `user()` and `mint()` sign. */
  build: (config: C, test: { verifier: TokenVerifier }) => Promise<S>
  /** Overrides of the environment. */
  env?: Record<string, string>
  /** What a test user holds unless the test says otherwise (e.g. every permission of the service). */
  permissions?: readonly string[]
  /** Keep an embedded database on disk so `restart()` finds it again (a server database always is). */
  restartable?: boolean
}

/**
 * A real service on a fresh database (server Postgres when TEST_DATABASE_URL is set, embedded
 * otherwise), listening on a loopback port, trusting the tokens minted here. A mode other than
 * `test` persists, so it gets a throwaway DATA_DIR rather than a developer's `.data`.
 */
export async function startServiceHarness<C extends BaseConfig, S extends Service>(
  o: ServiceHarnessOptions<C, S>,
) {
  const env = o.env ?? {}
  const testDb = await createTestDatabase(`mosaic_${o.name}`)
  const dataDir =
    (env.MOSAIC_MODE && env.MOSAIC_MODE !== 'test') || (o.restartable && !testDb.url)
      ? mkdtempSync(join(tmpdir(), `mosaic-${o.name}-test-`))
      : undefined
  const cleanUp = async () => {
    await testDb.drop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
  const tokens = await createTestTokens()
  let config: C
  let service: S
  let port: number
  try {
    config = o.config({
      MOSAIC_MODE: 'test',
      HOST: '127.0.0.1',
      DATABASE_URL: testDb.url,
      DATA_DIR: dataDir,
      ...env,
    })
    service = await o.build(config, { verifier: tokens.verifier })
    port = await service.listen(0)
  } catch (error) {
    await cleanUp()
    throw error
  }
  const base = `http://127.0.0.1:${port}/api/${o.name}`

  async function call<T = ReplyBody>(method: string, path: string, c: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...c.headers }
    if (c.token) headers.authorization = `Bearer ${c.token}`
    if (c.version !== undefined) headers['if-match'] = `"${c.version}"`
    let payload = c.raw
    if (c.body !== undefined) {
      headers['content-type'] = 'application/json'
      payload = JSON.stringify(c.body)
    } else if (c.raw !== undefined) headers['content-type'] ??= 'application/json'
    const res = await fetch(base + path, { method, headers, body: payload })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers }
  }

  /** A signed-in user holding `permissions` with `dataScope` (default: the harness' permissions, `self`). */
  async function user(name: string, u: TestUserOptions = {}): Promise<TestUser> {
    const id = randomUUID()
    const deptIds = u.deptIds ?? []
    const principal: Principal = {
      userId: id,
      username: name,
      displayName: name,
      deptId: deptIds[0] ?? null,
      scopeDeptIds: deptIds,
      roles: u.roles ?? [],
      permissions: u.permissions ?? [...(o.permissions ?? [])],
      dataScope: u.dataScope ?? 'self',
      kind: 'staff',
    }
    if (u.replica !== false) {
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

  let running = true
  const harness = {
    /** The running service (a new instance after `restart()`). */
    get service() {
      return service
    },
    config,
    base,
    call,
    user,
    /** A token for any principal, without touching the replica. */
    mint: tokens.mint,
    /** Closes the service, keeping its database: a service that is down (see `restart`). */
    async stop() {
      if (!running) return
      running = false
      await service.close()
    },
    /** Starts the service again on the same port and database, as a restarted process would. */
    async restart() {
      if (!testDb.url && !dataDir) throw new Error('start the harness with restartable: true')
      await harness.stop()
      service = await o.build(config, { verifier: tokens.verifier })
      await service.listen(port)
      running = true
    },
    async close() {
      await harness.stop()
      await cleanUp()
    },
  }
  return harness
}

export type ServiceHarness<C extends BaseConfig, S extends Service> = Awaited<
  ReturnType<typeof startServiceHarness<C, S>>
>

/** One user of a `harnessSuite`: the harness' `user()` options, and the username when it is not the key. */
export type SuiteUser = TestUserOptions & { username?: string }

interface StartedHarness {
  close(): Promise<void>
  /** Only a harness that signs in test users (`startServiceHarness`'s) may be given `users`. */
  user?(name: string, u?: TestUserOptions): Promise<TestUser>
}

/**
 * The service of a describe block (or a file): `start` runs before its tests, then the `users` are
 * signed in, in the order given; the service is closed after the tests. `s.h` and the users (`s.alice`)
 * are there once the block's tests and later hooks run.
 */
export function harnessSuite<H extends StartedHarness, N extends string = never>(
  start: () => Promise<H>,
  users: Record<N, SuiteUser> = {} as Record<N, SuiteUser>,
): { h: H } & Record<N, TestUser> {
  const suite = {} as { h: H } & Record<N, TestUser>
  beforeAll(async () => {
    suite.h = await start()
    for (const [key, { username, ...options }] of Object.entries(users) as Array<[N, SuiteUser]>) {
      if (!suite.h.user) throw new Error('this harness signs in no test users')
      ;(suite as Record<N, TestUser>)[key] = await suite.h.user(username ?? key, options)
    }
  })
  afterAll(() => suite.h?.close())
  return suite
}
