import { beforeAll, describe, expect, it } from 'vitest'
import { startJobs } from '@mosaic/service-kit'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales, type TestUser } from '../../test-support/harness.js'
import { poolFixtures } from '../../test-support/pool-fixtures.js'
import { businessClockJob } from './business-clock.js'

const TZ = 'Asia/Shanghai'
const DAY = 86_400_000

describe('the business clock', () => {
  const s = harnessSuite(() => startSales({ BUSINESS_TIME_ZONE: TZ }))
  let f: ReturnType<typeof poolFixtures>
  let alice: TestUser

  beforeAll(async () => {
    f = poolFixtures(s.h)
    alice = await s.h.user('alice')
  })

  // The service starts its jobs once it listens and stops them before it closes (the kit's
  // jobs.test.ts); here: the clock recycles on its own once started, and nothing before.
  it('runs on a schedule once started, and stops', async () => {
    const c = await f.customer({ owner: alice, ownerSince: new Date(Date.now() - 60 * DAY) })
    const job = businessClockJob({ minutes: 0.001, timeZone: TZ })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await f.reload(c.id)).ownerId).toBe(alice.id)
    const running = startJobs([job], { db: s.h.service.db, logger: s.h.service.logger })
    try {
      await expect.poll(async () => (await f.reload(c.id)).ownerId, { timeout: 10_000 }).toBeNull()
    } finally {
      await running.stop()
    }
  })
})
