import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSales, type SalesHarness } from './test-support/harness.js'

describe('sales service', () => {
  let h: SalesHarness
  beforeAll(async () => {
    h = await startSales()
  })
  afterAll(() => h?.close())

  it('is ready and publishes its OpenAPI document', async () => {
    const ready = await fetch(h.base + '/readyz')
    expect(ready.status).toBe(200)
    const doc = (await (await fetch(h.base + '/openapi.json')).json()) as { info: { title: string } }
    expect(doc.info.title).toBe('Mosaic sales API')
  })

  it('refuses requests without a token', async () => {
    const res = await h.call('GET', '/audit')
    expect(res.status).toBe(401)
  })
})
