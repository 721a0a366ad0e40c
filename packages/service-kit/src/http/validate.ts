import type { z } from 'zod'
import {
  DATE_YEAR_MAX,
  DATE_YEAR_MIN,
  isProblemCode,
  type FieldError,
  type ProblemCode,
  type ProblemParams,
} from '@mosaic/schemas'
import { fieldError, validationFailed } from '../errors.js'

type Issue = z.core.$ZodIssue & { input?: unknown }

export function toFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.flatMap((issue: Issue) => {
    const path = issue.path.map(String)
    // zod reports unknown keys on the parent object; name the offending fields instead.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined]
    const { code, params } = problemOf(issue)
    return keys.map((key) => {
      const field = [prefix, ...path, key].filter(Boolean).join('.') || '(body)'
      return fieldError(field, code, params)
    })
  })
}

/**
 * The translatable code for a zod issue. A schema may name a catalog code as its message
 * (`.regex(re, 'validation.phone')`), which wins over the generic reading of the issue.
 */
export function problemOf(issue: Issue): { code: ProblemCode; params?: ProblemParams } {
  if (issue.message === 'validation.date_out_of_range')
    return { code: issue.message, params: { min: `${DATE_YEAR_MIN}-01-01`, max: `${DATE_YEAR_MAX}-12-31` } }
  if (isProblemCode(issue.message)) {
    const params = issue.code === 'custom' ? (issue.params as ProblemParams | undefined) : undefined
    return params ? { code: issue.message, params } : { code: issue.message }
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return { code: 'validation.unknown_field' }
    case 'invalid_type':
      if (issue.input === undefined) return { code: 'validation.required' }
      return { code: 'validation.invalid_type', params: { expected: String(issue.expected) } }
    case 'too_small':
      return sized(issue.origin, 'min', Number(issue.minimum))
    case 'too_big':
      return sized(issue.origin, 'max', Number(issue.maximum))
    case 'invalid_format':
      return { code: FORMAT_CODES[issue.format] ?? 'validation.format' }
    case 'invalid_value':
      return { code: 'validation.one_of', params: { values: issue.values.map(String).join(', ') } }
    default:
      return { code: 'validation.invalid' }
  }
}

const FORMAT_CODES: Record<string, ProblemCode> = {
  email: 'validation.email',
  uuid: 'validation.id',
  guid: 'validation.id',
  date: 'validation.date',
  datetime: 'validation.datetime',
}

function sized(
  origin: string,
  bound: 'min' | 'max',
  limit: number,
): { code: ProblemCode; params?: ProblemParams } {
  if (origin === 'string') {
    if (bound === 'min')
      return limit <= 1
        ? { code: 'validation.required' }
        : { code: 'validation.too_short', params: { minimum: limit } }
    return { code: 'validation.too_long', params: { maximum: limit } }
  }
  if (origin === 'array' || origin === 'set') {
    return bound === 'min'
      ? { code: 'validation.too_few', params: { minimum: limit } }
      : { code: 'validation.too_many', params: { maximum: limit } }
  }
  return bound === 'min'
    ? { code: 'validation.too_small', params: { minimum: limit } }
    : { code: 'validation.too_big', params: { maximum: limit } }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.infer<S> {
  const result = schema.safeParse(value, { reportInput: true })
  if (!result.success) throw validationFailed(toFieldErrors(result.error, prefix))
  return result.data
}
