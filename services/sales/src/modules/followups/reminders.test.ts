import { describe, expect, it } from 'vitest'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { startSales } from '../../test-support/harness.js'
import { poolFixtures } from '../../test-support/pool-fixtures.js'
import { sendFollowUpReminders } from './reminders.js'

const TZ = 'Asia/Shanghai'
const DAY = 86_400_000

describe('follow-up reminders', () => {
  const s = harnessSuite(() => startSales(), {
    rep: { username: 'reminded-rep' },
  })
  const outbox = async () =>
    (await s.h.service.db.dataSource.query(
      `SELECT payload, notify FROM outbox_event WHERE topic = 'sales.followup.due' ORDER BY seq`,
    )) as { payload: { entityId: string }; notify: { userId: string; link: string }[] }[]

  it('notifies the owner once per planned follow-up that is due today or overdue', async () => {
    const fx = poolFixtures(s.h)
    const now = new Date('2026-11-22T04:00:00Z') // noon in Shanghai
    const due = await fx.customer({ owner: s.rep })
    const later = await fx.customer({ owner: s.rep })
    const inPool = await fx.customer({ owner: null })
    const set = (id: string, at: Date | null) =>
      s.h.service.db.dataSource.query('UPDATE customer SET next_followup_at = $2 WHERE id = $1', [id, at])
    await set(due.id, new Date('2026-11-22T10:00:00Z')) // 18:00 today in Shanghai
    await set(later.id, new Date(now.getTime() + 2 * DAY))
    await set(inPool.id, new Date(now.getTime() - DAY))

    expect(await sendFollowUpReminders(s.h.service.db, now, TZ)).toBe(1)
    expect(await sendFollowUpReminders(s.h.service.db, now, TZ)).toBe(0)
    const events = await outbox()
    expect(events).toHaveLength(1)
    expect(events[0]!.payload.entityId).toBe(due.id)
    expect(events[0]!.notify[0]).toMatchObject({ userId: s.rep.id, link: `/sales/customers/${due.id}` })

    // A new plan is a new reminder.
    await set(due.id, new Date('2026-11-22T11:00:00Z'))
    expect(await sendFollowUpReminders(s.h.service.db, now, TZ)).toBe(1)
  })
})
