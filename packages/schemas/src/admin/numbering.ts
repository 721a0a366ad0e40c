import type { ProblemCode } from '../problems/index.js'
/**
 * How a document number is built from a number rule — pure, so the services that issue numbers,
 * the admin service's `example` and the admin screen's live preview all print the same thing.
 */

export const DATE_PATTERNS = ['yyyyMMdd', 'yyMMdd', 'yyyyMM', 'yyyy', 'none'] as const
export type DatePattern = (typeof DATE_PATTERNS)[number]

export const RESET_PERIODS = ['daily', 'monthly', 'yearly', 'never'] as const
export type ResetPeriod = (typeof RESET_PERIODS)[number]

/** Business dates (which day a number belongs to) are reckoned here unless a service says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

export interface DateParts {
  year: number
  /** 1–12 */
  month: number
  day: number
}

/** What formatting needs from a rule; the stored rule and the replica payload both fit. */
export interface NumberFormat {
  prefix: string
  datePattern: DatePattern
  width: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar date of `at` in `timeZone` (a server's own zone never matters). */
export function datePartsIn(at: Date, timeZone: string = DEFAULT_TIME_ZONE): DateParts {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    formatters.set(timeZone, f)
  }
  const parts = f.formatToParts(at)
  const get = (type: 'year' | 'month' | 'day') => Number(parts.find((p) => p.type === type)!.value)
  return { year: get('year'), month: get('month'), day: get('day') }
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

export function formatDatePart(pattern: DatePattern, d: DateParts): string {
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
  rule: { resetPeriod: ResetPeriod },
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

const GRAIN: Record<DatePattern, number> = { yyyyMMdd: 3, yyMMdd: 3, yyyyMM: 2, yyyy: 1, none: 0 }
const NEEDS: Record<ResetPeriod, number> = { daily: 3, monthly: 2, yearly: 1, never: 0 }
const NEEDS_PROBLEM = {
  daily: 'admin.rule.reset_needs_day',
  monthly: 'admin.rule.reset_needs_month',
  yearly: 'admin.rule.reset_needs_year',
} as const satisfies Record<Exclude<ResetPeriod, 'never'>, ProblemCode>

/**
 * A reset finer than the date in the number would repeat numbers (a daily reset under `yyyyMM`
 * issues …0001 again every day of the month). Returns the reason, or null when the pair is safe.
 */
export function resetPeriodProblem(datePattern: DatePattern, resetPeriod: ResetPeriod): ProblemCode | null {
  if (resetPeriod === 'never' || GRAIN[datePattern] >= NEEDS[resetPeriod]) return null
  return NEEDS_PROBLEM[resetPeriod]
}
