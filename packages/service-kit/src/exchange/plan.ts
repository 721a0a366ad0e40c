import type { EntityManager } from 'typeorm'
import {
  formatProblem,
  type DuplicateMode,
  type ImportMapping,
  type ImportRowError,
  type ProblemParams,
} from '@mosaic/schemas'
import { fieldError, HttpError, validationFailed } from '../errors.js'
import type { AggregateContext } from '../records/aggregate.js'
import type { SheetRow } from './read-file.js'
import {
  keyOf,
  type ScopedText,
  normaliseKey,
  type ExchangeDeps,
  type ExchangeField,
  type ExchangeSpec,
  type ImportValues,
  type Existing,
} from './spec.js'
import {
  buildLookups,
  CellProblem,
  readCell,
  scopedLookup,
  unescapeCell,
  type ScopedLookup,
} from './values.js'

/** One data row after the dry run's checks: what it would do. */
export interface PlannedRow {
  line: number
  values: ImportValues
  outcome: 'create' | 'update' | 'skip'
  existing: Existing | null
}

export interface Plan {
  rows: PlannedRow[]
  errors: ImportRowError[]
}

interface Column {
  index: number
  header: string
  field: ExchangeField
}

/** A field every row (and so the mapping) must give: required, or a business key that is not optional. */
const mustHave = (field: ExchangeField) => field.required || (field.businessKey && !field.keyOptional)

/** Rows per business-key lookup (one query each). */
const KEY_CHUNK = 5000

export function rowError(
  line: number,
  column: string | null,
  field: string | null,
  code: string,
  params?: ProblemParams,
): ImportRowError {
  const message = formatProblem(code, params, 'en') ?? code
  return {
    row: line,
    column,
    field,
    code,
    ...(params && Object.keys(params).length ? { params } : {}),
    message,
  }
}

/** The file columns the mapping reads, checked against the file and the spec (400 naming each problem). */
export function mappedColumns(spec: ExchangeSpec, headers: string[], mapping: ImportMapping): Column[] {
  const fields = new Map(spec.fields.filter((f) => !f.readOnly).map((f) => [f.key, f]))
  const problems = []
  const columns: Column[] = []
  const used = new Set<string>()
  for (const [header, key] of Object.entries(mapping)) {
    if (key === null) continue
    const index = headers.indexOf(header)
    const field = fields.get(key)
    if (index < 0) problems.push(fieldError(`mapping.${header}`, 'import.unknown_column', { column: header }))
    else if (!field) problems.push(fieldError(`mapping.${header}`, 'import.unknown_field', { field: key }))
    else if (used.has(key))
      problems.push(fieldError(`mapping.${header}`, 'import.field_mapped_twice', { field: key }))
    else columns.push({ index, header, field })
    used.add(key)
  }
  for (const field of fields.values())
    if (mustHave(field) && !used.has(field.key))
      problems.push(fieldError(`mapping`, 'import.required_unmapped', { field: field.key }))
  // A scoped reference is read within its `within` column's record: that column must be read too.
  for (const c of columns)
    if (c.field.scopedRef && !used.has(c.field.scopedRef.within))
      problems.push(fieldError(`mapping`, 'import.required_unmapped', { field: c.field.scopedRef.within }))
  if (problems.length) throw validationFailed(problems)
  return columns
}

/** Header → field key by label (either language) or key, for the preview's suggested mapping. */
export function suggestMapping(spec: ExchangeSpec, headers: string[]): ImportMapping {
  const byText = new Map<string, string>()
  for (const f of spec.fields.filter((x) => !x.readOnly))
    for (const text of [f.key, f.label.zh, f.label.en]) byText.set(text.trim().toLowerCase(), f.key)
  const taken = new Set<string>()
  const mapping: ImportMapping = {}
  for (const header of headers) {
    const key =
      byText.get(
        header
          .trim()
          .replace(/\s*\*$/, '')
          .toLowerCase(),
      ) ?? null
    mapping[header] = key && !taken.has(key) ? key : null
    if (key) taken.add(key)
  }
  return mapping
}

/**
 * The dry run: every row read and checked (required, formats, dictionaries, people, departments,
 * references, duplicates inside the file, the domain's own check), and matched by business key to
 * decide create / update / skip. Label lookups are one query per field for the whole file.
 */
export async function planImport(
  m: EntityManager,
  ctx: AggregateContext,
  spec: ExchangeSpec,
  deps: ExchangeDeps & { timeZone: string },
  o: { headers: string[]; rows: SheetRow[]; mapping: ImportMapping; duplicates: DuplicateMode },
): Promise<Plan> {
  const columns = mappedColumns(spec, o.headers, o.mapping)
  const textsOf = (field: ExchangeField) => {
    const column = columns.find((c) => c.field === field)
    const texts = new Set<string>()
    if (column) for (const row of o.rows) if (row.cells[column.index]) texts.add(row.cells[column.index]!)
    return texts
  }
  const lookups = await buildLookups(
    m,
    ctx,
    deps.dicts,
    columns.map((c) => c.field),
    textsOf,
  )
  const readPlain = (c: Column, row: SheetRow) =>
    readCell(c.field, row.cells[c.index] ?? '', lookups.get(c.field.key), deps.timeZone)
  const scoped = await scopedLookups(m, ctx, columns, o.rows, readPlain)
  // Scoped references last: their `within` value is read first, whatever the columns' order.
  const ordered = [
    ...columns.filter((c) => !scoped.has(c.field.key)),
    ...columns.filter((c) => scoped.has(c.field.key)),
  ]
  const errors: ImportRowError[] = []
  const read: { line: number; values: ImportValues; key: string[] | null; ok: boolean }[] = []
  const firstLineOfKey = new Map<string, number>()
  const keyColumns = columns.filter((c) => c.field.businessKey)
  for (const row of o.rows) {
    const values: ImportValues = {}
    let ok = true
    for (const c of ordered) {
      const within = scoped.get(c.field.key)
      const value = within
        ? readCell(
            c.field,
            row.cells[c.index] ?? '',
            (text) => within(values[c.field.scopedRef!.within], text),
            deps.timeZone,
          )
        : readPlain(c, row)
      if (value instanceof CellProblem) {
        errors.push(rowError(row.line, c.header, c.field.key, value.code, value.params))
        ok = false
      } else if (value === null && mustHave(c.field)) {
        errors.push(rowError(row.line, c.header, c.field.key, 'import.required'))
        ok = false
      } else if (value !== null) values[c.field.key] = value
    }
    // A row without any key value (an optional key, e.g. a number the service issues) always creates.
    const key = keyColumns.some((c) => values[c.field.key] !== undefined)
      ? keyColumns.map((c) => normaliseKey(String(values[c.field.key] ?? '')))
      : null
    if (key && ok) {
      const joined = keyOf(key)
      const first = firstLineOfKey.get(joined)
      if (first !== undefined) {
        const shown = keyColumns.map((c) => row.cells[c.index]).join(' / ')
        errors.push(
          rowError(row.line, keyColumns[0]!.header, keyColumns[0]!.field.key, 'import.duplicate_in_file', {
            row: first,
            key: shown,
          }),
        )
        ok = false
      } else firstLineOfKey.set(joined, row.line)
    }
    read.push({ line: row.line, values, key, ok })
  }
  const existing = await findAll(
    m,
    ctx,
    spec,
    read.filter((r) => r.ok && r.key).map((r) => r.key!),
  )
  const rows: PlannedRow[] = []
  for (const r of read) {
    if (!r.ok) continue
    const found = r.key ? (existing.get(keyOf(r.key)) ?? null) : null
    if (found?.writable === false) {
      const c = keyColumns[0]!
      errors.push(
        rowError(r.line, c.header, c.field.key, 'import.not_writable', {
          value: String(r.values[c.field.key]),
        }),
      )
      continue
    }
    const outcome = !found ? 'create' : o.duplicates === 'update' ? 'update' : 'skip'
    // The key found the record; it is not rewritten (a case or spacing variant would rename it).
    if (outcome === 'update') for (const c of keyColumns) delete r.values[c.field.key]
    if (outcome !== 'skip') {
      const problems = domainCheck(spec, r.values, outcome, r.line, columns)
      if (problems.length) {
        errors.push(...problems)
        continue
      }
    }
    rows.push({ line: r.line, values: r.values, outcome, existing: found })
  }
  errors.sort((a, b) => a.row - b.row)
  return { rows, errors }
}

/**
 * The scoped references' lookups, one batched call per field: each row's text with the id its
 * `within` cell reads as (rows whose `within` cell is unreadable ask nothing).
 */
async function scopedLookups(
  m: EntityManager,
  ctx: AggregateContext,
  columns: Column[],
  rows: SheetRow[],
  readPlain: (c: Column, row: SheetRow) => unknown,
): Promise<Map<string, ScopedLookup>> {
  const lookups = new Map<string, ScopedLookup>()
  for (const c of columns.filter((x) => x.field.scopedRef)) {
    const withinColumn = columns.find((x) => x.field.key === c.field.scopedRef!.within)!
    const pairs = new Map<string, ScopedText>()
    for (const row of rows) {
      const text = unescapeCell(row.cells[c.index] ?? '')
      const within = text ? readPlain(withinColumn, row) : null
      if (typeof within === 'string') pairs.set(keyOf([within, text]), { within, text })
    }
    lookups.set(c.field.key, await scopedLookup(m, ctx, c.field, [...pairs.values()]))
  }
  return lookups
}

async function findAll(m: EntityManager, ctx: AggregateContext, spec: ExchangeSpec, keys: string[][]) {
  const found = new Map<string, Existing>()
  for (let i = 0; i < keys.length; i += KEY_CHUNK)
    for (const [k, v] of await spec.findExisting(m, ctx, keys.slice(i, i + KEY_CHUNK))) found.set(k, v)
  return found
}

/** The domain's own check (its body schema), its field errors turned into this row's errors. */
function domainCheck(
  spec: ExchangeSpec,
  values: ImportValues,
  mode: 'create' | 'update',
  line: number,
  columns: Column[],
): ImportRowError[] {
  try {
    spec.check?.(values, mode)
    return []
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    return problemsOfRow(error, line, columns)
  }
}

/** A domain refusal as row errors: one per field error, or the problem itself. */
export function problemsOfRow(error: HttpError, line: number, columns: Column[]): ImportRowError[] {
  const fieldErrors = error.extra.errors ?? []
  if (!fieldErrors.length) return [rowError(line, null, null, error.code, error.params)]
  return fieldErrors.map((e) => {
    const key = e.field.split('.')[0]!
    const column = columns.find((c) => c.field.key === key)
    return rowError(
      line,
      column?.header ?? null,
      column ? key : (e.field ?? null),
      e.code ?? 'http.bad_request',
      e.params as ProblemParams | undefined,
    )
  })
}
