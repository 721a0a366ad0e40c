import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startFinance } from '../../test-support/harness.js'
import { seedReceivable } from '../../test-support/receivables.js'
import { decidePayment, paymentBody, recordPayment } from '../../test-support/payments.js'

/** Cents as decimal text, in integers only. */
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`

type Step =
  | { kind: 'pay'; cents: number; outcome: 'approved' | 'rejected' | 'pending' }
  | { kind: 'writeoff'; payment: number; allocations: Array<{ instalment: number; cents: number }> }
  | { kind: 'reverse'; writeoff: number }
  | { kind: 'delete'; payment: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      cents: fc.integer({ min: 1, max: 60_000 }),
      outcome: fc.constantFrom(
        'approved' as const,
        'approved' as const,
        'rejected' as const,
        'pending' as const,
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('writeoff' as const),
      payment: fc.nat(6),
      allocations: fc.array(
        fc.record({ instalment: fc.nat(4), cents: fc.integer({ min: 1, max: 40_000 }) }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), writeoff: fc.nat(8) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), payment: fc.nat(6) }) },
)

/**
 * Whatever mix of payments (approved, rejected, pending), write-offs (valid or not), reversals and
 * deletions hits one receivable, its figures stay consistent after every step and nothing answers 5xx.
 */
describe('payments and write-offs keep a receivable consistent (property)', () => {
  const s = harnessSuite(() => startFinance(), { clerk: { dataScope: 'all' } })

  async function assertInvariants(receivableId: string) {
    const q = (sql: string) => s.h.service.db.dataSource.query(sql, [receivableId])
    const [r] = await q(
      `SELECT total, received, (received <= total) AS within,
              received = coalesce((SELECT sum(amount) FROM payment WHERE receivable_id = $1
                AND deleted_at IS NULL AND status = 'confirmed'), 0) AS received_is_confirmed,
              total = (SELECT sum(amount) FROM instalment WHERE receivable_id = $1 AND NOT cancelled) AS plan_is_total
         FROM receivable WHERE id = $1`,
    )
    expect(r).toMatchObject({ within: true, received_is_confirmed: true, plan_is_total: true })
    const overInstalment = await q(
      `SELECT i.id FROM instalment i WHERE i.receivable_id = $1 AND (i.matched > i.amount OR i.matched <>
         coalesce((SELECT sum(w.amount) FROM writeoff w WHERE w.instalment_id = i.id AND w.reversed_at IS NULL), 0))`,
    )
    expect(overInstalment).toEqual([])
    const overPayment = await q(
      `SELECT p.id FROM payment p WHERE p.receivable_id = $1 AND p.amount <
         coalesce((SELECT sum(w.amount) FROM writeoff w WHERE w.payment_id = p.id AND w.reversed_at IS NULL), 0)`,
    )
    expect(overPayment).toEqual([])
  }

  /** Answers by step kind and status: the runs must reach both accepted and refused write-offs. */
  const tally = new Map<string, number>()
  const count = (kind: string, status: number) =>
    tally.set(`${kind} ${status}`, (tally.get(`${kind} ${status}`) ?? 0) + 1)

  it(
    'outstanding never negative, instalments and payments never over-matched, received = confirmed',
    { timeout: 300_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 80_000 }), { minLength: 1, maxLength: 4 }),
          fc.array(step, { minLength: 4, maxLength: 14 }),
          async (plan, steps) => {
            const total = plan.reduce((a, b) => a + b, 0)
            const r = await seedReceivable(s.h, {
              owner: { id: s.clerk.id },
              total: money(total),
              plan: plan.map((cents) => ({ amount: money(cents) })),
            })
            const paymentIds: string[] = []
            const writeoffIds: string[] = []
            const token = s.clerk.token
            for (const st of steps) {
              let status: number
              if (st.kind === 'pay') {
                const res = await recordPayment(s.h, token, paymentBody(r.id, money(st.cents)))
                status = res.status
                if (res.status === 201) {
                  paymentIds.push(res.body.id)
                  if (st.outcome !== 'pending') await decidePayment(s.h, s.clerk, res.body.id, st.outcome)
                }
              } else if (st.kind === 'writeoff') {
                const id = paymentIds[st.payment % Math.max(paymentIds.length, 1)]
                if (!id) continue
                const allocations = st.allocations.map((a) => ({
                  instalmentId: r.instalments[a.instalment % r.instalments.length]!,
                  amount: money(a.cents),
                }))
                const res = await s.h.call('POST', `/payments/${id}/writeoffs`, {
                  token,
                  body: { allocations },
                })
                status = res.status
                if (res.status === 201) writeoffIds.push(...res.body.map((w: { id: string }) => w.id))
              } else if (st.kind === 'reverse') {
                const id = writeoffIds[st.writeoff % Math.max(writeoffIds.length, 1)]
                if (!id) continue
                status = (await s.h.call('POST', `/writeoffs/${id}/reverse`, { token })).status
              } else {
                const id = paymentIds[st.payment % Math.max(paymentIds.length, 1)]
                if (!id) continue
                const current = await s.h.call('GET', `/payments/${id}`, { token })
                if (current.status !== 200) continue
                status = (
                  await s.h.call('DELETE', `/payments/${id}`, { token, version: current.body.version })
                ).status
              }
              expect(status, JSON.stringify(st)).toBeLessThan(500)
              count(st.kind, status)
              await assertInvariants(r.id)
            }
          },
        ),
        {
          numRuns: 25,
          // One run that surely reaches both an accepted and a refused write-off, so the checks below do not
          // hang on what the random runs happened to draw (one CI run drew no accepted write-off at all).
          examples: [
            [
              [10_000],
              [
                { kind: 'pay', cents: 6_000, outcome: 'approved' },
                { kind: 'writeoff', payment: 0, allocations: [{ instalment: 0, cents: 5_000 }] },
                { kind: 'writeoff', payment: 0, allocations: [{ instalment: 0, cents: 5_000 }] },
                { kind: 'reverse', writeoff: 0 },
              ],
            ],
          ],
        },
      )
      expect(tally.get('writeoff 201') ?? 0, JSON.stringify([...tally])).toBeGreaterThan(0)
      expect(tally.get('writeoff 422') ?? 0, JSON.stringify([...tally])).toBeGreaterThan(0)
      expect(tally.get('pay 201') ?? 0).toBeGreaterThan(0)
    },
  )
})
