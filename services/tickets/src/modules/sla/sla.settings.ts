import type { EntityManager } from 'typeorm'
import { defaultDictTypes } from '@mosaic/dictionary'
import type { tickets } from '@mosaic/schemas'
import {
  diffRecords,
  preconditionFailed,
  writeAudit,
  type Dictionaries,
  type RecordContext,
} from '@mosaic/service-kit'
import { addBusinessMinutes, type BusinessCalendar } from './sla.calendar.js'

interface SettingsRow {
  workdays: number[]
  day_start: string
  day_end: string
  holidays: string[]
  working_dates: string[]
  reopen_window_days: number
  feedback_required: boolean
  version: number
  updated_at: Date | null
}

const SELECT_SQL = `SELECT workdays, day_start, day_end,
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d ORDER BY d) AS holidays,
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(working_dates) d ORDER BY d) AS working_dates,
  reopen_window_days, feedback_required, version, updated_at FROM sla_settings WHERE id = 1`

/** The one row of settings (seeded by the migration), as the API shows it. */
export async function readSlaSettings(m: EntityManager, timeZone: string): Promise<tickets.SlaSettings> {
  const [row]: SettingsRow[] = await m.query(SELECT_SQL)
  return {
    timeZone,
    workdays: [...row!.workdays].sort((a, b) => a - b),
    dayStart: row!.day_start,
    dayEnd: row!.day_end,
    holidays: row!.holidays,
    workingDates: row!.working_dates,
    reopenWindowDays: row!.reopen_window_days,
    feedbackRequired: row!.feedback_required,
    version: row!.version,
    updatedAt: row!.updated_at?.toISOString() ?? null,
  }
}

export const calendarOf = (s: tickets.SlaSettings): BusinessCalendar => ({
  timeZone: s.timeZone,
  workdays: s.workdays,
  dayStart: s.dayStart,
  dayEnd: s.dayEnd,
  holidays: s.holidays,
  workingDates: s.workingDates,
})

/** PUT with If-Match: the whole settings, audited as one change of `sla_settings`. */
export async function updateSlaSettings(
  m: EntityManager,
  ctx: RecordContext,
  timeZone: string,
  version: number,
  body: tickets.SlaSettingsUpdate,
): Promise<tickets.SlaSettings> {
  await m.query('SELECT 1 FROM sla_settings WHERE id = 1 FOR UPDATE')
  const before = await readSlaSettings(m, timeZone)
  if (before.version !== version) throw preconditionFailed(before)
  const unique = <T>(list: readonly T[]) => [...new Set(list)]
  await m.query(
    `UPDATE sla_settings SET workdays = $1, day_start = $2, day_end = $3, holidays = $4::date[],
       working_dates = $5::date[], reopen_window_days = $6, feedback_required = $7,
       version = version + 1, updated_at = now(), updated_by = $8 WHERE id = 1`,
    [
      unique(body.workdays),
      body.dayStart,
      body.dayEnd,
      unique(body.holidays),
      unique(body.workingDates),
      body.reopenWindowDays,
      body.feedbackRequired,
      ctx.actor.id,
    ],
  )
  const after = await readSlaSettings(m, timeZone)
  const state = ({ version: _v, updatedAt: _u, ...rest }: tickets.SlaSettings) => rest
  await writeAudit(m, ctx, {
    action: 'update',
    entityType: 'sla_settings',
    entityId: 'sla_settings',
    entityTitle: 'SLA',
    diff: diffRecords(state(before), state(after)),
  })
  return after
}

const hoursOf = (extra: Record<string, unknown> | null | undefined, key: string) => {
  const value = extra?.[key]
  return typeof value === 'number' && value > 0 ? value : null
}

const BUILT_IN_PRIORITIES = defaultDictTypes().find((t) => t.code === 'ticket_priority')?.entries ?? []

/**
 * The targets per priority from the `ticket_priority` dictionary's extras (business hours); an entry
 * without them (an admin's own priority) takes the built-in catalog's values for the same value, if any.
 */
export async function slaTargets(dicts: Dictionaries): Promise<tickets.SlaTarget[]> {
  const entries = (await dicts.entries('ticket_priority')).filter((e) => e.enabled)
  return entries.map((e) => {
    const builtIn = BUILT_IN_PRIORITIES.find((b) => b.value === e.value)?.extra
    return {
      priority: e.value,
      responseHours: hoursOf(e.extra, 'responseHours') ?? hoursOf(builtIn, 'responseHours'),
      resolveHours: hoursOf(e.extra, 'resolveHours') ?? hoursOf(builtIn, 'resolveHours'),
    }
  })
}

/** Due times for `priority` counted from `from` (null where the priority has no target). */
export async function dueTimes(
  m: EntityManager,
  dicts: Dictionaries,
  timeZone: string,
  priority: string,
  from: Date,
): Promise<{ responseDueAt: Date | null; resolutionDueAt: Date | null }> {
  const target = (await slaTargets(dicts)).find((t) => t.priority === priority)
  const cal = calendarOf(await readSlaSettings(m, timeZone))
  const due = (hours: number | null | undefined) =>
    hours ? addBusinessMinutes(from, Math.round(hours * 60), cal) : null
  return { responseDueAt: due(target?.responseHours), resolutionDueAt: due(target?.resolveHours) }
}
