import { startServiceHarness } from '@mosaic/service-kit/testing'
import { AdminConfig } from '../config.js'
import { buildAdminService } from '../app.js'
import { initialise, DEMO_ADMIN } from '../modules/init/init.service.js'

export type { CallOptions, Reply } from '@mosaic/service-kit/testing'

/**
 * A real admin service on a fresh database, listening on a loopback port and initialised like a
 * new installation. Admin signs its own tokens: tests sign in (`login`, `userWith`).
 */
export async function startAdmin(env: Record<string, string> = {}) {
  const h = await startServiceHarness({
    name: 'admin',
    config: (e) =>
      AdminConfig.parse({
        INIT_TOKEN: 'test-init-token-0123456789',
        LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
        LOGIN_IP_RATE_LIMIT_PER_MINUTE: '10000',
        ...e,
      }),
    build: async (config) => {
      const service = await buildAdminService(config)
      await initialise(service.db, config)
      return service
    },
    env,
  })
  const { call } = h

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

  // Not `user`/`mint`: admin has no user replica and trusts only the tokens it signs itself.
  return { service: h.service, config: h.config, base: h.base, call, login, userWith, close: h.close }
}

export type AdminHarness = Awaited<ReturnType<typeof startAdmin>>

/** A started admin service and the demo admin's token: what most test files begin with. */
export async function startSignedIn(env: Record<string, string> = {}) {
  const h = await startAdmin(env)
  return { h, adminToken: await h.login() }
}

/** The refresh cookie's value from a Set-Cookie header. */
export function refreshCookie(headers: Headers): string | undefined {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('mosaic_rt='))
  return cookie?.split(';')[0]?.slice('mosaic_rt='.length) || undefined
}
