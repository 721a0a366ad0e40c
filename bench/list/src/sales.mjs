// The sales service as the bench runs it: built from this checkout's sources (tsx, `source` condition), on a server
// database, trusting tokens minted here for the generated admin, managers and reps.
import { createHash } from 'node:crypto'
import { PERMISSIONS } from '@mosaic/permissions'
import { createTestTokens } from '@mosaic/service-kit/testing'
import { SalesConfig } from '@mosaic/svc-sales/config'
import { buildSalesService } from '@mosaic/svc-sales/app'

const ALL_SALES = PERMISSIONS.filter((p) => p.service === 'sales').map((p) => p.code)

/** Starts the sales service on `url`; `logLevel` 'info' logs requests the way production does. */
export async function startSalesOn(url, { logLevel = 'silent', mode = 'test' } = {}) {
  const tokens = await createTestTokens()
  const config = SalesConfig.parse({
    MOSAIC_MODE: mode,
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    RECYCLE_INTERVAL_MINUTES: '0',
    LOG_LEVEL: logLevel,
  })
  const service = await buildSalesService(config, { verifier: tokens.verifier })
  return { service, tokens, close: () => service.close() }
}

/** A token for a generated user: `admin` (all), `mgr-<d>` (department d), `rep-<d>-<r>` (own). */
export function principalOf(username) {
  const dept = username === 'admin' ? 0 : Number(username.split('-')[1])
  const dataScope = username === 'admin' ? 'all' : username.startsWith('mgr-') ? 'dept' : 'self'
  return {
    userId: md5Uuid('user' + username),
    username,
    displayName: username,
    deptId: md5Uuid('dept' + dept),
    scopeDeptIds: [md5Uuid('dept' + dept)],
    roles: [],
    permissions: ALL_SALES,
    dataScope,
    kind: 'staff',
  }
}

/** The generator's bench_uuid(text): md5 with the version nibble 4 and the variant 8 (generate.mjs). */
export function md5Uuid(text) {
  const m = createHash('md5').update(text).digest('hex')
  const h = `${m.slice(0, 12)}4${m.slice(13, 16)}8${m.slice(17)}`
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
