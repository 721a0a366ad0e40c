import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishEvent } from '@mosaic/service-kit'
import { SECRET, startNode, type EventNode } from '@mosaic/service-kit/testing/nodes'
import { approvedContract, startFinance, type FinanceHarness } from '../../test-support/harness.js'

/**
 * The restart case through the real path: a publisher named `orders` (the kit's event
 * node: outbox, dispatcher, HTTP delivery) and a real finance service on a database that outlives it.
 */
describe('finance down while a contract is approved', () => {
  let finance: FinanceHarness
  let orders: EventNode

  beforeAll(async () => {
    finance = await startFinance({ SERVICE_SECRET: SECRET }, {}, { restartable: true })
    orders = await startNode({
      name: 'orders',
      env: { FINANCE_SERVICE_URL: new URL(finance.base).origin },
      events: { backoff: { baseMs: 100 } },
    })
  })
  afterAll(async () => {
    await orders?.close()
    await finance?.close()
  })

  const delivery = async (eventId: string) =>
    (
      await orders.query<{ attempts: number; delivered_at: Date | null; last_error: string | null }>(
        `SELECT attempts, delivered_at, last_error FROM outbox_delivery
          WHERE event_id = $1 AND subscriber = 'finance'`,
        [eventId],
      )
    )[0]!
  const receivablesOf = (contractId: string) =>
    finance.service.db.dataSource.query(
      `SELECT r.id, r.total::text, (SELECT count(*)::int FROM instalment i WHERE i.receivable_id = r.id) AS instalments
         FROM receivable r WHERE r.contract_id = $1`,
      [contractId],
    ) as Promise<Array<{ id: string; total: string; instalments: number }>>

  it('makes the receivable once finance is back, exactly once', async () => {
    await finance.stop()
    const contract = approvedContract({ id: randomUUID() })
    const eventId = await orders.service.db.transaction((m) =>
      publishEvent(m, { topic: 'orders.contract.approved', payload: contract }),
    )
    // The dispatcher may already be on it (a commit wakes it): one round at least has failed.
    await orders.service.events.flush()
    const failed = await delivery(eventId)
    expect(failed).toMatchObject({ delivered_at: null })
    expect(failed.attempts).toBeGreaterThanOrEqual(1)
    expect(failed.last_error).toMatch(/^finance unreachable/)

    await finance.restart()
    await orders.service.events.flush({ pending: true })
    const delivered = await delivery(eventId)
    expect(delivered).toMatchObject({ delivered_at: expect.any(Date) })
    expect(await receivablesOf(contract.id)).toEqual([
      { id: expect.any(String), total: '100000.00', instalments: 3 },
    ])

    // The publisher sending it again (it died before recording the delivery) changes nothing.
    await orders.query(
      `UPDATE outbox_delivery SET delivered_at = NULL, next_attempt_at = now()
        WHERE event_id = $1 AND subscriber = 'finance'`,
      [eventId],
    )
    await orders.service.events.flush({ pending: true })
    expect(await delivery(eventId)).toMatchObject({
      attempts: delivered.attempts + 1,
      delivered_at: expect.any(Date),
    })
    expect(await receivablesOf(contract.id)).toHaveLength(1)
    const [inbox] = await finance.service.db.dataSource.query(
      'SELECT source, topic FROM inbox_event WHERE event_id = $1',
      [eventId],
    )
    expect(inbox).toEqual({ source: 'orders', topic: 'orders.contract.approved' })
  })
})
