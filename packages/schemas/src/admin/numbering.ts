import type { ProblemCode } from '../problems/index.js'
/**
 * A number rule's vocabulary and the one check that spans its fields. Printing a number (prefix,
 * date part in the business time zone, sequence) and its reset periods are `@mosaic/numbering`.
 */

export const DATE_PATTERNS = ['yyyyMMdd', 'yyMMdd', 'yyyyMM', 'yyyy', 'none'] as const
export type DatePattern = (typeof DATE_PATTERNS)[number]

export const RESET_PERIODS = ['daily', 'monthly', 'yearly', 'never'] as const
export type ResetPeriod = (typeof RESET_PERIODS)[number]

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
