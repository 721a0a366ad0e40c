import type { admin } from '@mosaic/schemas'
import { DEFAULT_TIME_ZONE, datePartsIn, type DateParts } from './dates.js'

/**
 * How a document number is built from a number rule — pure, so the services that issue numbers,
 * the admin service's `example` and the admin screen's live preview all print the same thing.
 */

/** What formatting needs from a rule; the stored rule and the replica payload both fit. */
export interface NumberFormat {
  prefix: string
  datePattern: admin.DatePattern
  width: number
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

export function formatDatePart(pattern: admin.DatePattern, d: DateParts): string {
  switch (pattern) {
    case 'yyyyMMdd':
      return `${pad(d.year, 4)}${pad(d.month, 2)}${pad(d.day, 2)}`
    case 'yyMMdd':
      return `${pad(d.year % 100, 2)}${pad(d.month, 2)}${pad(d.day, 2)}`
    case 'yyyyMM':
      return `${pad(d.year, 4)}${pad(d.month, 2)}`
    case 'yyyy':
      return pad(d.year, 4)
    case 'none':
      return ''
  }
}

/**
 * prefix + date + sequence zero-padded to `width`. A sequence that outgrows the width is printed
 * in full: a longer number is still unique, a truncated one would repeat an earlier number.
 */
export function formatNumber(rule: NumberFormat, seq: number | bigint | string, date: DateParts): string {
  return `${rule.prefix}${formatDatePart(rule.datePattern, date)}${String(seq).padStart(rule.width, '0')}`
}

/** The key of the sequence that `at` draws from: a new key starts the count again at 1. */
export function periodKey(
  rule: { resetPeriod: admin.ResetPeriod },
  at: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  if (rule.resetPeriod === 'never') return 'all'
  const d = datePartsIn(at, timeZone)
  if (rule.resetPeriod === 'yearly') return pad(d.year, 4)
  if (rule.resetPeriod === 'monthly') return `${pad(d.year, 4)}-${pad(d.month, 2)}`
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`
}

/** The first number the rule would issue on `at`'s date, e.g. KH202611220001. */
export function exampleNumber(rule: NumberFormat, at: Date = new Date(), timeZone = DEFAULT_TIME_ZONE) {
  return formatNumber(rule, 1, datePartsIn(at, timeZone))
}
