import { z } from 'zod'
import { IsoDate } from '../common.js'

/** `HH:MM`, 00:00–24:00. */
const ClockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'validation.clock_time')

/**
 * The service desk's calendar and rules (one per installation, SPEC §3.1). SLA targets are per priority in
 * the `ticket_priority` dictionary (`responseHours`, `resolveHours`, counted in business hours). Business
 * hours are `dayStart`–`dayEnd` on `workdays` (1 = Monday … 7 = Sunday) in the business time zone, except
 * `holidays`; `workingDates` are extra working days (调休, e.g. a Saturday made a workday).
 */
export const SlaSettings = z.object({
  /** The business time zone (BUSINESS_TIME_ZONE), shown, not edited here. */
  timeZone: z.string(),
  workdays: z.array(z.number().int().min(1).max(7)),
  dayStart: z.string(),
  dayEnd: z.string(),
  holidays: z.array(z.string()),
  workingDates: z.array(z.string()),
  /** A closed ticket may be reopened within this many calendar days of closing. */
  reopenWindowDays: z.number().int(),
  /** Whether closing needs the customer's satisfaction rating (a resolution is always needed). */
  feedbackRequired: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
})
export type SlaSettings = z.infer<typeof SlaSettings>

export const SlaSettingsUpdate = z
  .strictObject({
    workdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    dayStart: ClockTime,
    dayEnd: ClockTime,
    holidays: z.array(IsoDate).max(400),
    workingDates: z.array(IsoDate).max(100),
    reopenWindowDays: z.number().int().min(0).max(365),
    feedbackRequired: z.boolean(),
  })
  .refine((s) => s.dayStart < s.dayEnd, { path: ['dayEnd'], message: 'validation.day_end_after_start' })
export type SlaSettingsUpdate = z.input<typeof SlaSettingsUpdate>

/** The targets in force, read from the `ticket_priority` dictionary (for the settings page and the ticket form). */
export const SlaTarget = z.object({
  priority: z.string(),
  responseHours: z.number().nullable(),
  resolveHours: z.number().nullable(),
})
export type SlaTarget = z.infer<typeof SlaTarget>
