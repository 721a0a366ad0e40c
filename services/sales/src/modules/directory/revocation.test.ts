import { randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { harnessSuite, type TestUser } from '@mosaic/service-kit/testing'
import { signServiceToken } from '@mosaic/service-kit'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { startSales } from '../../test-support/harness.js'

/**
 * Admin disables a user (or changes their roles): its `admin.user.changed` event reaches sales'
 * inbox, and the user's still-unexpired access token stops working here within about a second.
 */
const SECRET = randomBytes(32).toString('base64url')
const s = harnessSuite(() => startSales({ SERVICE_SECRET: SECRET }))

/** Delivers an event as admin's dispatcher does: POST to the inbox with an admin service token. */
async function deliver(payload: Record<string, unknown>) {
  const res = await fetch(`${s.h.base}/internal/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await signServiceToken(SECRET, 'admin')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      id: randomUUID(),
      topic: 'admin.user.changed',
      source: 'admin',
      occurredAt: new Date().toISOString(),
      actorId: null,
      payload,
    }),
  })
  expect(res.status, await res.clone().text()).toBe(200)
}

/** Admin's `admin.user.changed` payload for a test user: both cases differ only in `enabled` and `version`. */
const deliverChange = (rep: TestUser, change: { enabled: boolean; version: number }) =>
  deliver({
    id: rep.id,
    username: rep.name,
    displayName: rep.name,
    deptId: null,
    ...change,
    authVersion: 1,
  })

async function refusedWithin(token: string, ms: number) {
  const started = Date.now()
  for (;;) {
    const res = await s.h.call('GET', '/customers?limit=1', { token })
    if (res.status !== 200 || Date.now() - started > ms) return { res, elapsed: Date.now() - started }
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('revocation reaches sales through the user replica', () => {
  it('a disabled user’s old token → 401 auth.account_unavailable within seconds of the event', async () => {
    const rep = await s.h.user('leaving.rep')
    expect((await s.h.call('GET', '/customers?limit=1', { token: rep.token })).status).toBe(200)
    await deliverChange(rep, { enabled: false, version: 2 })
    const { res, elapsed } = await refusedWithin(rep.token, 3000)
    expect(expectProblem(res, 401)).toMatchObject({ code: 'auth.account_unavailable' })
    expect(elapsed).toBeLessThan(2000)
  })

  it('a role or scope change (auth version bumped) → 401 auth.token_outdated', async () => {
    const rep = await s.h.user('moved.rep')
    expect((await s.h.call('GET', '/customers?limit=1', { token: rep.token })).status).toBe(200)
    // Same record version: a role change moves only the auth version, and the replica takes it.
    await deliverChange(rep, { enabled: true, version: 1 })
    const { res } = await refusedWithin(rep.token, 3000)
    expect(expectProblem(res, 401)).toMatchObject({ code: 'auth.token_outdated' })
  })
})
