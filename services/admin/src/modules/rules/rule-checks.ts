import type { EntityManager } from 'typeorm'
import type { FieldError, ProblemCode, admin } from '@mosaic/schemas'
import { fieldError, validationFailed } from '@mosaic/service-kit'

/** A schema's cross-field issues as the field errors of a 400. */
export function throwIssues(issues: admin.RuleIssue[]) {
  if (issues.length) throw validationFailed(issues.map((i) => fieldError(i.path.join('.'), i.code, i.params)))
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
  code: ProblemCode,
): Promise<FieldError[]> {
  if (!values.length) return []
  const rows: { v: string }[] = await m.query(sql, [[...new Set(values)]])
  const found = new Set(rows.map((r) => r.v))
  return values.flatMap((v, i) => (found.has(v) ? [] : [fieldError(field(i), code)]))
}

export const unknownRoles = (m: EntityManager, field: string, codes: readonly string[]) =>
  missing(
    m,
    'SELECT code AS v FROM role WHERE code = ANY($1) AND deleted_at IS NULL',
    codes,
    (i) => `${field}.${i}`,
    'admin.rule.unknown_role',
  )

export const unknownUsers = (m: EntityManager, ids: readonly string[]) =>
  missing(
    m,
    'SELECT id::text AS v FROM app_user WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL',
    ids,
    (i) => `userLimits.${i}.userId`,
    'admin.rule.unknown_user',
  )

export const unknownDepts = (m: EntityManager, ids: readonly string[]) =>
  missing(
    m,
    'SELECT id::text AS v FROM dept WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL',
    ids,
    (i) => `deptLimits.${i}.deptId`,
    'admin.rule.unknown_dept',
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
    .map((l) => fieldError(`levelOverrides.${l}`, 'admin.rule.unknown_level'))
}

export function throwIfAny(errors: FieldError[]) {
  if (errors.length) throw validationFailed(errors)
}
