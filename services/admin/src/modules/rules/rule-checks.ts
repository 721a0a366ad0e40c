import type { EntityManager } from 'typeorm'
import type { FieldError } from '@mosaic/schemas'
import { validationFailed } from '@mosaic/service-kit'

/** A schema's cross-field issues as the field errors of a 400. */
export function throwIssues(issues: { path: (string | number)[]; message: string }[]) {
  if (issues.length)
    throw validationFailed(issues.map((i) => ({ field: i.path.join('.'), message: i.message })))
}

/**
 * Ids or codes in `values` that `sql` (selecting `v` for the `$1` array) does not find, as one
 * field error each at `<field>.<index><suffix>`.
 */
async function missing(
  m: EntityManager,
  sql: string,
  values: readonly string[],
  field: (index: number) => string,
  message: string,
): Promise<FieldError[]> {
  if (!values.length) return []
  const rows: { v: string }[] = await m.query(sql, [[...new Set(values)]])
  const found = new Set(rows.map((r) => r.v))
  return values.flatMap((v, i) => (found.has(v) ? [] : [{ field: field(i), message }]))
}

export const unknownRoles = (m: EntityManager, field: string, codes: readonly string[]) =>
  missing(
    m,
    'SELECT code AS v FROM role WHERE code = ANY($1) AND deleted_at IS NULL',
    codes,
    (i) => `${field}.${i}`,
    'No such role',
  )

export const unknownUsers = (m: EntityManager, ids: readonly string[]) =>
  missing(
    m,
    'SELECT id::text AS v FROM app_user WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL',
    ids,
    (i) => `userLimits.${i}.userId`,
    'No such user',
  )

export const unknownDepts = (m: EntityManager, ids: readonly string[]) =>
  missing(
    m,
    'SELECT id::text AS v FROM dept WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL',
    ids,
    (i) => `deptLimits.${i}.deptId`,
    'No such department',
  )

/** Levels are the `customer_level` dictionary's values; a disabled level may still hold customers. */
export async function unknownLevels(m: EntityManager, levels: readonly string[]): Promise<FieldError[]> {
  if (!levels.length) return []
  const rows: { v: string }[] = await m.query(
    "SELECT value AS v FROM dict_entry WHERE type_code = 'customer_level' AND value = ANY($1) AND deleted_at IS NULL",
    [levels],
  )
  const found = new Set(rows.map((r) => r.v))
  return levels
    .filter((l) => !found.has(l))
    .map((l) => ({ field: `levelOverrides.${l}`, message: 'Not a customer level in the dictionary' }))
}

export function throwIfAny(errors: FieldError[]) {
  if (errors.length) throw validationFailed(errors)
}
