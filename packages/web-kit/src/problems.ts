import { formatProblem, type ProblemParamValue, type ProblemParams } from '@mosaic/schemas/problems'
import type { FieldError, Problem } from '@mosaic/schemas'
import { currentLocale } from './i18n'

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** A param as the reader should see it: timestamps in their own time zone and language. */
export function showParam(value: ProblemParamValue): string {
  if (value === null) return '—'
  if (typeof value === 'string' && ISO_DATETIME.test(value)) {
    const date = new Date(value)
    if (!Number.isNaN(date.getTime())) return date.toLocaleString(currentLocale())
  }
  return String(value)
}

/** A code in the reader's language, or undefined when this client does not know it. */
export function translateCode(code: string | undefined, params?: ProblemParams): string | undefined {
  return code ? formatProblem(code, params, currentLocale(), showParam) : undefined
}

/** The one line a user reads for a problem: its code translated, else the server's own words. */
export function problemMessage(problem: Pick<Problem, 'code' | 'params' | 'detail' | 'title'>): string {
  return translateCode(problem.code, problem.params) ?? problem.detail ?? problem.title
}

/** First message per field path, in the reader's language. */
export function fieldMessages(errors: readonly FieldError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors ?? []) out[e.field] ??= translateCode(e.code, e.params) ?? e.message
  return out
}
