import type { FieldError } from '@mosaic/schemas'
import { fieldError } from '../errors.js'

/**
 * Limits every request input obeys before any schema sees it. Schemas describe what a field
 * means; these say what no field may ever carry, whatever its schema (even `z.unknown()`).
 */
export const INPUT_LIMITS = {
  /** Objects/arrays nested deeper than this are refused. */
  depth: 12,
  /** Keys of one object, items of one array. */
  entries: 2_000,
  /** Characters of one string (schemas set tighter limits per field). */
  stringLength: 100_000,
} as const

/** Keys that reach `Object.prototype` when code merges a body into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Text Postgres cannot store (a NUL byte) or that is not valid Unicode (a lone surrogate, which
 * UTF-8 cannot encode). Both used to reach the database and come back as 500s.
 */
export function isStorableText(value: string): boolean {
  return !NOT_STORABLE.test(value)
}
const NOT_STORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Walks one request input (body, query or path params) and names every field that breaks the
 * rules above. `prefix` is the field path's start (`params` for path parameters).
 */
export function inspectInput(value: unknown, prefix?: string): FieldError[] {
  const errors: FieldError[] = []
  walk(value, prefix ? [prefix] : [], 0, errors)
  return errors
}

function fieldName(path: string[]): string {
  return path.join('.') || '(body)'
}

function walk(value: unknown, path: string[], depth: number, errors: FieldError[]): void {
  if (errors.length >= 50) return
  if (typeof value === 'string') {
    if (!isStorableText(value)) errors.push(fieldError(fieldName(path), 'validation.invalid_characters'))
    else if (value.length > INPUT_LIMITS.stringLength)
      errors.push(fieldError(fieldName(path), 'validation.too_long', { maximum: INPUT_LIMITS.stringLength }))
    return
  }
  if (value === null || typeof value !== 'object') return
  if (depth >= INPUT_LIMITS.depth) {
    errors.push(fieldError(fieldName(path), 'validation.too_deep', { maximum: INPUT_LIMITS.depth }))
    return
  }
  if (Array.isArray(value)) {
    if (value.length > INPUT_LIMITS.entries)
      return void errors.push(
        fieldError(fieldName(path), 'validation.too_many', { maximum: INPUT_LIMITS.entries }),
      )
    value.forEach((item, i) => walk(item, [...path, String(i)], depth + 1, errors))
    return
  }
  const keys = Object.keys(value)
  if (keys.length > INPUT_LIMITS.entries)
    return void errors.push(
      fieldError(fieldName(path), 'validation.too_many', { maximum: INPUT_LIMITS.entries }),
    )
  for (const key of keys) {
    const at = [...path, isStorableText(key) ? key : JSON.stringify(key).slice(1, -1)]
    if (!isStorableText(key)) errors.push(fieldError(fieldName(at), 'validation.invalid_characters'))
    else if (FORBIDDEN_KEYS.has(key)) errors.push(fieldError(fieldName(at), 'validation.forbidden_key'))
    else walk((value as Record<string, unknown>)[key], at, depth + 1, errors)
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** Path parameters that name a record: `:id` and `:<thing>Id`. */
export function isIdParam(name: string): boolean {
  return name === 'id' || /[a-z]Id$/.test(name)
}

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
}

/** Largest value of a Postgres `integer`; versions and counts beyond it cannot be stored or compared. */
export const INT4_MAX = 2_147_483_647
