import type { EntityManager } from 'typeorm'
import type { NotificationRequest } from '@mosaic/schemas'
import { addCalendarDays, publishEvent, startOfToday, type Database } from '@mosaic/service-kit'

/** Where each kind of record keeps its next follow-up, and which of them still want one. */
const TARGETS = [
  { type: 'customer', table: 'customer', open: 'true', link: (id: string) => `/sales/customers/${id}` },
  {
    type: 'lead',
    table: 'lead',
    open: `status NOT IN ('converted', 'invalid')`,
    link: (id: string) => `/sales/leads?open=${id}`,
  },
  {
    type: 'opportunity',
    table: 'opportunity',
    open: `status IN ('open', 'closing')`,
    link: (id: string) => `/sales/opportunities?open=${id}`,
  },
] as const

const LABEL = {
  customer: { zh: '客户', en: 'customer' },
  lead: { zh: '线索', en: 'lead' },
  opportunity: { zh: '商机', en: 'opportunity' },
}

interface Due {
  id: string
  name: string
  owner_id: string
  next_followup_at: Date
}

/**
 * Follow-ups due today (business time zone) or overdue: each record's owner is notified once per
 * planned follow-up time (a new plan after the next follow-up is a new reminder). Idempotent.
 */
export async function sendFollowUpReminders(db: Database, now: Date, timeZone: string): Promise<number> {
  const endOfToday = addCalendarDays(startOfToday(now, timeZone), 1, timeZone)
  let sent = 0
  for (const target of TARGETS) {
    sent += await db.transaction(async (m) => {
      const due: Due[] = await m.query(
        `SELECT t.id, t.name, t.owner_id, t.next_followup_at FROM ${target.table} t
         WHERE t.deleted_at IS NULL AND t.owner_id IS NOT NULL AND t.next_followup_at < $1 AND ${target.open}
           AND NOT EXISTS (SELECT 1 FROM followup_reminder r WHERE r.entity_type = $2
                           AND r.entity_id = t.id AND r.due_at = t.next_followup_at)
         ORDER BY t.next_followup_at LIMIT 500`,
        [endOfToday, target.type],
      )
      for (const row of due) await remind(m, target.type, target.link(row.id), row)
      return due.length
    })
  }
  return sent
}

async function remind(m: EntityManager, type: keyof typeof LABEL, link: string, row: Due) {
  const inserted = await m.query(
    `INSERT INTO followup_reminder (entity_type, entity_id, due_at, owner_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING entity_id`,
    [type, row.id, row.next_followup_at, row.owner_id],
  )
  if (!inserted.length) return
  const notice: NotificationRequest = {
    userId: row.owner_id,
    kind: 'followup_due',
    title: {
      zh: `跟进提醒：${LABEL[type].zh}「${row.name}」`.slice(0, 300),
      en: `Follow-up due: ${LABEL[type].en} "${row.name}"`.slice(0, 300),
    },
    body: {
      zh: `计划跟进时间 ${new Date(row.next_followup_at).toISOString()}`,
      en: `Planned for ${new Date(row.next_followup_at).toISOString()}`,
    },
    link,
    entityType: type,
    entityId: row.id,
  }
  await publishEvent(m, {
    topic: 'sales.followup.due',
    payload: {
      entityType: type,
      entityId: row.id,
      name: row.name,
      dueAt: new Date(row.next_followup_at).toISOString(),
    },
    notify: [notice],
  })
}
