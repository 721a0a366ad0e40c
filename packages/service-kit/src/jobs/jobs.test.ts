import { afterEach, describe, expect, it } from 'vitest'
import { pino } from 'pino'
import { BaseConfig } from '../config.js'
import { createService, type Service, type ServiceParts } from '../service.js'
import { createTestDatabase, createTestTokens, type TestDatabase } from '../testing.js'
import { startJobs, type ServiceJob } from './jobs.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('background jobs of a service', () => {
  let testDb: TestDatabase | undefined
  afterEach(async () => {
    await testDb?.drop()
    testDb = undefined
  })

  async function serviceWith(jobs: ServiceJob<ServiceParts>[], onClose: () => void): Promise<Service> {
    testDb = await createTestDatabase()
    const tokens = await createTestTokens()
    const config = BaseConfig.parse({
      SERVICE_NAME: 'demo',
      MOSAIC_MODE: 'test',
      HOST: '127.0.0.1',
      DATABASE_URL: testDb.url,
    })
    return createService({
      config,
      database: { entities: [], migrations: [] },
      verifier: () => tokens.verifier,
      routes: () => {},
      jobs,
      onClose,
    })
  }

  it('start once the service listens and stop, a run in progress finished, before the database closes', async () => {
    const calls: string[] = []
    const service = await serviceWith(
      [
        {
          name: 'tick',
          everyMinutes: 0.001,
          run: async ({ db }) => {
            calls.push('run')
            await sleep(150)
            // The database is still open while the run finishes.
            await db.ping()
            calls.push('ran')
          },
        },
        { name: 'loop', start: () => (calls.push('start'), { stop: () => void calls.push('stop') }) },
      ],
      () => void calls.push('onClose'),
    )
    await sleep(200)
    expect(calls).toEqual([])
    await service.listen(0)
    await expect.poll(() => calls.at(-1), { timeout: 5000 }).toBe('run')
    await service.close()
    expect(calls[0]).toBe('start')
    // close() waited for the run it caught in progress; storage and the like are released last.
    expect(calls.slice(-4)).toEqual(['run', 'stop', 'ran', 'onClose'])
    const count = calls.length
    await sleep(100)
    expect(calls).toHaveLength(count)
  })

  it('an interval job never overlaps itself, survives a failing run, and 0 minutes means never', async () => {
    const logger = pino({ level: 'silent' })
    const errors: unknown[] = []
    logger.error = ((o: unknown) => void errors.push(o)) as typeof logger.error
    let active = 0
    let overlapped = false
    let runs = 0
    const handle = startJobs(
      [
        {
          name: 'flaky',
          everyMinutes: 0.0005,
          run: async () => {
            overlapped ||= active > 0
            active++
            runs++
            await sleep(80)
            active--
            if (runs === 1) throw new Error('first run fails')
          },
        },
        { name: 'never', everyMinutes: 0, run: async () => void errors.push('never ran') },
      ],
      { logger },
    )
    await expect.poll(() => runs, { timeout: 5000 }).toBeGreaterThanOrEqual(3)
    await handle.stop()
    expect(overlapped).toBe(false)
    expect(errors).toEqual([expect.objectContaining({ job: 'flaky' })])
  })
})
