import type { tickets } from '@mosaic/schemas'

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/

export type SlaForm = tickets.SlaSettingsUpdate & {
  workdays: number[]
  holidays: string[]
  workingDates: string[]
}

export const slaFormOf = (s: tickets.SlaSettings): SlaForm => ({
  workdays: [...s.workdays].sort(),
  dayStart: s.dayStart,
  dayEnd: s.dayEnd,
  holidays: [...s.holidays].sort(),
  workingDates: [...s.workingDates].sort(),
  reopenWindowDays: s.reopenWindowDays,
  feedbackRequired: s.feedbackRequired,
})

/** The update as the contract takes it: days in week order, dates sorted and each once. */
export const slaPayload = (f: SlaForm): tickets.SlaSettingsUpdate => ({
  workdays: [...new Set(f.workdays)].sort(),
  dayStart: f.dayStart.trim(),
  dayEnd: f.dayEnd.trim(),
  holidays: [...new Set(f.holidays)].sort(),
  workingDates: [...new Set(f.workingDates)].sort(),
  reopenWindowDays: f.reopenWindowDays,
  feedbackRequired: f.feedbackRequired,
})

/** What the form refuses before sending, by field: the same rules the contract applies. */
export function slaProblems(f: SlaForm): Partial<Record<'workdays' | 'dayStart' | 'dayEnd', string>> {
  const out: Partial<Record<'workdays' | 'dayStart' | 'dayEnd', string>> = {}
  if (!f.workdays.length) out.workdays = 'workdaysRequired'
  if (!CLOCK.test(f.dayStart.trim())) out.dayStart = 'clockFormat'
  if (!CLOCK.test(f.dayEnd.trim())) out.dayEnd = 'clockFormat'
  else if (!out.dayStart && f.dayEnd.trim() <= f.dayStart.trim()) out.dayEnd = 'endAfterStart'
  return out
}
