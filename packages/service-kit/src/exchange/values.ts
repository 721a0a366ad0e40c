import { TZDate } from '@date-fns/tz'
import type { EntityManager } from 'typeorm'
import type { DictEntry } from '@mosaic/dictionary'
import type { ProblemCode, ProblemParams } from '@mosaic/schemas'
import type { AggregateContext } from '../records/aggregate.js'
import type { Dictionaries } from '../preset/dictionaries.js'
import { scopedKey, type ExchangeField, type ReadResult, type ScopedText } from './spec.js'

export type Lang = 'zh' | 'en'

/** A cell the engine could not read: the code and params of the row error. */
export class CellProblem {
  constructor(
    readonly code: ProblemCode,
    readonly params: ProblemParams = {},
  ) {}
}

/** Texts that mean yes / no, in either language. */
const YES = new Set(['true', 'yes', 'y', '1', '是', '对', '√'])
const NO = new Set(['false', 'no', 'n', '0', '否', '×'])

/** Readable text → id or value, for one field over the whole file (built once, looked up per row). */
export type Lookup = (text: string) => unknown

/** The lookups of the mapped dict/user/dept/ref fields, each from one batched query. */
export async function buildLookups(
  m: EntityManager,
  ctx: AggregateContext,
  dicts: Dictionaries,
  fields: readonly ExchangeField[],
  textsOf: (field: ExchangeField) => Set<string>,
): Promise<Map<string, Lookup>> {
  const lookups = new Map<string, Lookup>()
  for (const field of fields) {
    const texts = [...textsOf(field)]
    if (field.kind === 'dict') lookups.set(field.key, dictLookup(field, await dicts.entries(field.dict!)))
    if (field.kind === 'user') lookups.set(field.key, await userLookup(m, texts))
    if (field.kind === 'dept') lookups.set(field.key, await deptLookup(m, texts))
    if (field.reader) lookups.set(field.key, await readerLookup(m, ctx, field, texts))
    if (field.kind === 'ref' && field.ref) {
      const ids = texts.length ? await field.ref!.ids(m, ctx, texts) : new Map<string, string>()
      const lower = new Map([...ids].map(([k, v]) => [k.toLowerCase(), v]))
      lookups.set(
        field.key,
        (text) => lower.get(text.toLowerCase()) ?? new CellProblem('import.unknown_ref', { value: text }),
      )
    }
  }
  return lookups
}

/** Readable text → id within the row's `within` value, for one scoped reference field. */
export type ScopedLookup = (within: unknown, text: string) => unknown

/** A scoped reference's lookup, from one batched call for all the file's (within, text) pairs. */
export async function scopedLookup(
  m: EntityManager,
  ctx: AggregateContext,
  field: ExchangeField,
  pairs: ScopedText[],
): Promise<ScopedLookup> {
  const resolver = field.scopedRef!
  const ids = pairs.length ? await resolver.ids(m, ctx, pairs) : new Map<string, string>()
  // Without its `within` id (that cell empty or unreadable) the text names nothing.
  return (within, text) =>
    (typeof within === 'string' && ids.get(scopedKey(within, text))) ||
    new CellProblem(resolver.unknown ?? 'import.unknown_ref', { value: text })
}

/** A list's own reading of a text field, its problems as cell problems; unanswered texts read as they are. */
async function readerLookup(
  m: EntityManager,
  ctx: AggregateContext,
  field: ExchangeField,
  texts: string[],
): Promise<Lookup> {
  const read = texts.length ? await field.reader!.read(m, ctx, texts) : new Map<string, ReadResult>()
  return (text) => {
    const result = read.get(text)
    if (!result) return text
    return 'problem' in result ? new CellProblem(result.problem, result.params ?? {}) : result.value
  }
}

/** A dictionary entry by its value or its label in either language (enabled entries only). */
function dictLookup(field: ExchangeField, entries: DictEntry[]): Lookup {
  const byText = new Map<string, string>()
  for (const e of entries.filter((x) => x.enabled))
    for (const text of [e.label.zh, e.label.en, e.value]) byText.set(text.trim().toLowerCase(), e.value)
  return (text) =>
    byText.get(text.toLowerCase()) ??
    new CellProblem('import.unknown_dict_value', { value: text, dict: field.dict! })
}

/** Users by username or display name; a display name two users share must be written as the username. */
async function userLookup(m: EntityManager, texts: string[]): Promise<Lookup> {
  const lower = texts.map((t) => t.toLowerCase())
  const rows: { id: string; username: string; display_name: string }[] = lower.length
    ? await m.query(
        `SELECT id, username, display_name FROM user_replica
         WHERE NOT deleted AND (lower(username) = ANY($1) OR lower(display_name) = ANY($1))`,
        [lower],
      )
    : []
  const byUsername = new Map(rows.map((r) => [r.username.toLowerCase(), r.id]))
  const byName = new Map<string, string[]>()
  for (const r of rows)
    byName.set(r.display_name.toLowerCase(), [...(byName.get(r.display_name.toLowerCase()) ?? []), r.id])
  return (text) => {
    const key = text.toLowerCase()
    const named = byName.get(key) ?? []
    if (named.length === 1) return named[0]!
    const id = byUsername.get(key)
    if (id) return id
    return new CellProblem(named.length > 1 ? 'import.ambiguous_user' : 'import.unknown_user', {
      value: text,
    })
  }
}

async function deptLookup(m: EntityManager, texts: string[]): Promise<Lookup> {
  const lower = texts.map((t) => t.toLowerCase())
  const rows: { id: string; name: string }[] = lower.length
    ? await m.query('SELECT id, name FROM dept_replica WHERE NOT deleted AND lower(name) = ANY($1)', [lower])
    : []
  const byName = new Map(rows.map((r) => [r.name.toLowerCase(), r.id]))
  return (text) => byName.get(text.toLowerCase()) ?? new CellProblem('import.unknown_dept', { value: text })
}

/** A formula-looking text exported with a leading apostrophe (CSV injection guard) is read back without it. */
export function unescapeCell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text
}

/** One cell → the value the domain function takes; '' is null. */
export function readCell(
  field: ExchangeField,
  raw: string,
  lookup: Lookup | undefined,
  timeZone: string,
): unknown {
  const text = unescapeCell(raw)
  if (text === '') return null
  if (field.maxLength && [...text].length > field.maxLength)
    return new CellProblem('import.too_long', { maximum: field.maxLength })
  switch (field.kind) {
    case 'text':
      return lookup && field.reader ? lookup(text) : text
    case 'number': {
      const n = Number(text.replace(/,/g, ''))
      return Number.isFinite(n) ? n : new CellProblem('import.invalid_number', { value: text })
    }
    case 'money': {
      const plain = text.replace(/[,\s¥$￥]/g, '')
      return /^-?\d{1,15}(\.\d{1,4})?$/.test(plain)
        ? normaliseDecimal(plain)
        : new CellProblem('import.invalid_money', { value: text })
    }
    case 'date':
      return readDate(text) ?? new CellProblem('import.invalid_date', { value: text })
    case 'datetime':
      return readDateTime(text, timeZone) ?? new CellProblem('import.invalid_datetime', { value: text })
    case 'bool': {
      const key = text.toLowerCase()
      if (YES.has(key)) return true
      if (NO.has(key)) return false
      return new CellProblem('import.invalid_bool', { value: text })
    }
    case 'tags':
      return [
        ...new Set(
          text
            .split(/[,，;；]/)
            .map((t) => t.trim())
            .filter(Boolean),
        ),
      ]
    default:
      return lookup ? lookup(text) : text
  }
}

function normaliseDecimal(text: string): string {
  const [whole, fraction] = text.split('.')
  const sign = whole!.startsWith('-') ? '-' : ''
  const digits = whole!.replace('-', '').replace(/^0+(?=\d)/, '')
  return `${sign}${digits}${fraction ? `.${fraction}` : ''}`
}

/** YYYY-MM-DD, also YYYY/M/D and YYYY.M.D (what spreadsheets write). */
export function readDate(text: string): string | null {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text)
  if (!match) return null
  const [, y, mo, d] = match
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`
  const date = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null
}

/** An ISO instant, or a wall-clock `YYYY-MM-DD[ HH:mm[:ss]]` in the business time zone → ISO instant. */
export function readDateTime(text: string, timeZone: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const at = new Date(text)
    return Number.isNaN(at.getTime()) ? null : at.toISOString()
  }
  const match = /^(\S+)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text)
  const day = match && readDate(match[1]!)
  if (!match || !day) return null
  const [h, mi, s] = [Number(match[2] ?? 0), Number(match[3] ?? 0), Number(match[4] ?? 0)]
  if (h > 23 || mi > 59 || s > 59) return null
  const [y, mo, d] = day.split('-').map(Number)
  return new Date(new TZDate(y!, mo! - 1, d!, h, mi, s, timeZone).getTime()).toISOString()
}

/** An instant as the business time zone's wall clock, `YYYY-MM-DD HH:mm`. */
export function writeDateTime(value: string | Date, timeZone: string): string {
  const at = new TZDate(new Date(value).getTime(), timeZone)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`
}

/** Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV/XLSX injection). */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}
