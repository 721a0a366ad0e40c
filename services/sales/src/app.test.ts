import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from './test-support/harness.js'

describe('sales service', () => {
  const s = harnessSuite(() => startSales())

  it('is ready and publishes its OpenAPI document', async () => {
    const ready = await fetch(s.h.base + '/readyz')
    expect(ready.status).toBe(200)
    const doc = (await (await fetch(s.h.base + '/openapi.json')).json()) as { info: { title: string } }
    expect(doc.info.title).toBe('Mosaic sales API')
  })

  it('refuses requests without a token', async () => {
    const res = await s.h.call('GET', '/audit')
    expect(res.status).toBe(401)
  })
})
