import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startFinance } from '../../test-support/harness.js'
import { approve, writeOff } from '../../test-support/receivables.js'
import { overdueRound } from './receivables.overdue.js'

const SECRET = 'overdue-test-secret-0123456789abcdef0123'
const EAST = randomUUID()
/** Far ahead of the real clock: only the rounds' fixed days make anything due. */
const DATES = { signDate: '2099-01-10', startDate: '2099-01-15', endDate: '2099-12-31' }

describe('the overdue round', () => {
  // The job never runs on its own here: each test runs a round for a fixed business day.
  const s = harnessSuite(() => startFinance({ SERVICE_SECRET: SECRET, OVERDUE_INTERVAL_MINUTES: '0' }), {
    owner: { username: '王销售', deptIds: [EAST] },
    clerk: { username: 'clerk', dataScope: 'all' },
  })
  const db = () => s.h.service.db
  const receivable = async (id: string) =>
    (await s.h.call('GET', `/receivables/${id}`, { token: s.clerk.token })).body
  const overdueEvents = async (receivableId: string) =>
    (await db().dataSource.query(
      `SELECT payload, notify FROM outbox_event WHERE topic = 'finance.receivable.overdue'
         AND payload->>'receivableId' = $1 ORDER BY seq`,
      [receivableId],
    )) as Array<{ payload: Record<string, unknown>; notify: Array<Record<string, unknown>> }>

  it('tells the owner once of instalments newly past due, with the contract and the amount', async () => {
    const { contract, receivableId } = await approve(s.h, SECRET, { id: s.owner.id, deptId: EAST }, DATES)
    const plan = (await s.h.call('GET', `/receivables/${receivableId}/plan`, { token: s.clerk.token })).body
    await writeOff(s.h, receivableId, plan.instalments[0].id, '10000.00')

    // The day of the due date is not past it yet.
    await overdueRound(db(), '2099-01-10')
    expect(await overdueEvents(receivableId)).toEqual([])

    await overdueRound(db(), '2099-01-11')
    expect(await receivable(receivableId)).toMatchObject({
      overdue: true,
      overdueAmount: '20000.00',
      prepayStatus: 'overdue',
      retentionStatus: 'held',
    })
    const [told] = await overdueEvents(receivableId)
    expect(told!.payload).toMatchObject({
      contractId: contract.id,
      contractNumber: contract.number,
      ownerId: s.owner.id,
      overdueAmount: '20000.00',
      instalments: [{ id: plan.instalments[0].id, seq: 1, dueDate: '2099-01-10', remaining: '20000.00' }],
    })
    expect(told!.notify).toEqual([
      {
        userId: s.owner.id,
        kind: 'receivable_overdue',
        title: {
          zh: `合同「${contract.number}」回款逾期`,
          en: `Payment overdue on contract ${contract.number}`,
        },
        body: {
          zh: '华东制造有限公司：1 期已过期未付清，共 20000.00 元',
          en: '华东制造有限公司: 1 instalment(s) past due, 20000.00 outstanding',
        },
        link: `/finance/receivables?open=${receivableId}`,
        entityType: 'receivable',
        entityId: receivableId,
      },
    ])

    // Another round the same day, or a later one before the next due date, tells nothing again.
    await overdueRound(db(), '2099-01-11')
    await overdueRound(db(), '2099-06-01')
    expect(await overdueEvents(receivableId)).toHaveLength(1)

    // Past the end date the progress payment is told, alone.
    await overdueRound(db(), '2100-01-01')
    const events = await overdueEvents(receivableId)
    expect(events).toHaveLength(2)
    expect(events[1]!.payload).toMatchObject({
      overdueAmount: '65000.00',
      instalments: [{ seq: 2, dueDate: '2099-12-31', remaining: '65000.00' }],
    })
  })

  it('a retention falls due on its release date even when nothing is left to tell', async () => {
    const { receivableId } = await approve(s.h, SECRET, { id: s.owner.id, deptId: EAST }, DATES)
    // Everything was told already (say, by an earlier round): only the statuses are left to move.
    await db().dataSource.query(
      'UPDATE instalment SET overdue_notified_at = now() WHERE receivable_id = $1',
      [receivableId],
    )
    expect(await receivable(receivableId)).toMatchObject({ retentionStatus: 'held', overdue: false })
    const round = await overdueRound(db(), '2100-01-16')
    expect(round.refreshed).toBeGreaterThanOrEqual(1)
    expect(await receivable(receivableId)).toMatchObject({
      retentionStatus: 'due',
      prepayStatus: 'overdue',
      overdue: true,
      overdueAmount: '100000.00',
    })
    expect(await overdueEvents(receivableId)).toEqual([])
  })

  it('tells nobody about a cancelled or collected receivable', async () => {
    const { contract, receivableId } = await approve(s.h, SECRET, { id: s.owner.id, deptId: EAST }, DATES)
    const plan = (await s.h.call('GET', `/receivables/${receivableId}/plan`, { token: s.clerk.token })).body
    for (const i of plan.instalments) await writeOff(s.h, receivableId, i.id, i.amount)
    const voided = await approve(s.h, SECRET, { id: s.owner.id, deptId: EAST }, DATES)
    await db().dataSource.query("UPDATE receivable SET status = 'cancelled' WHERE id = $1", [
      voided.receivableId,
    ])
    await overdueRound(db(), '2101-01-01')
    expect(await receivable(receivableId)).toMatchObject({ status: 'collected', overdue: false })
    expect(contract.id).toBeTruthy()
    expect(await overdueEvents(receivableId)).toEqual([])
    expect(await overdueEvents(voided.receivableId)).toEqual([])
  })
})
