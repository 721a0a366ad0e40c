import { expect } from 'vitest'
import { assertHostileInputRefused, type HostileInputOptions } from './testing-hostile.js'
import type { Service } from './service.js'
import type { Reply } from './testing-harness.js'

/**
 * What the tests of services with attachments and of every route share, so a new service's tests
 * state only their domain: a small valid PNG, an upload the way the web apps send one, and the
 * hostile-input run over every route the service declares.
 */

/** The PNG signature and a little body: enough for content sniffing to call it `image/png`. */
export const TEST_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
])

/** The part of a started harness these helpers use. */
export interface HarnessBase {
  base: string
}

/**
 * POSTs a file to `/attachments` as the apps' upload does (raw body, its type, the name URL-encoded
 * in `x-file-name`), and reads the answer like `call` does: status, parsed body, headers.
 */
export async function uploadFile(
  h: HarnessBase,
  body: Buffer,
  type: string,
  name: string,
  token: string,
): Promise<Reply> {
  const res = await fetch(`${h.base}/attachments`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': type,
      'x-file-name': encodeURIComponent(name),
    },
    body,
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers }
}

/**
 * Drives every route the harness's service declares with generated hostile input
 * (`assertHostileInputRefused`, 25 requests a route), after checking the service declares more than
 * `minRoutes` (so a broken registration does not pass by testing nothing).
 */
export async function assertEveryRouteRefusesHostileInput(
  h: HarnessBase & { service: Pick<Service, 'api'> },
  o: Pick<HostileInputOptions, 'token' | 'ids' | 'skip' | 'onAnswer'> & { minRoutes: number },
) {
  const { minRoutes, ...options } = o
  const routes = h.service.api.routes()
  expect(routes.length).toBeGreaterThan(minRoutes)
  await assertHostileInputRefused({ origin: new URL(h.base).origin, routes, runs: 25, ...options })
}
