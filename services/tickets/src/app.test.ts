import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTickets, type TicketsHarness } from './test-support/harness.js'

describe('tickets service', () => {
  let h: TicketsHarness
  beforeAll(async () => {
    h = await startTickets()
  })
  afterAll(() => h?.close())

  it('starts on its own database and answers its health check', async () => {
    const res = await h.call('GET', '/readyz')
    expect(res.status).toBe(200)
  })
})
