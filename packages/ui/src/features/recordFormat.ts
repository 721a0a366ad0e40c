import { useDictLabels } from '@mosaic/dictionary/vue'
import { RECORD_META_FIELDS, auditActionLabel } from '@mosaic/schemas'
import { formatDateTime, formatMoney, type FieldChange } from '../format'
import { useUiText } from '../i18n'
import { recordType, type FieldLabel, type FieldSpec } from '../records'

/** One readable line of a diff: the field's label and both values as text. */
export interface ChangeRow {
  field: string
  label: string
  before: string
  after: string
}

export type Names = Record<string, string>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Bookkeeping every record carries; never a change worth showing. */
const META = new Set<string>(RECORD_META_FIELDS)

/**
 * Renders record values as people read them: field labels from the record registry, user,
 * department and role names from the answer's `names`, dictionary labels, local times, money.
 */
export function useRecordFormat() {
  const { t, locale } = useUiText()
  const dictLabel = useDictLabels()

  function text(label: FieldLabel | undefined, fallback: string): string {
    if (!label) return fallback
    if (typeof label === 'string') return t(label)
    return locale.value === 'en' ? label.en : label.zh
  }

  function refName(value: string, names: Names, fallback: unknown): string {
    const name = names[value] ?? names[value.toLowerCase()]
    if (name) return name
    if (typeof fallback === 'string' && fallback) return fallback
    return UUID.test(value) ? t('ui.audit.unknownRef') : value
  }

  /** One value of a field; `side` is the record (or diff side) it came from, for `nameField`. */
  function value(
    spec: FieldSpec | undefined,
    v: unknown,
    names: Names,
    side?: Record<string, unknown>,
  ): string {
    if (v === null || v === undefined || v === '') return '—'
    if (Array.isArray(v) && spec?.kind !== 'lines') {
      return v.length ? v.map((x) => value(spec, x, names, side)).join('、') : '—'
    }
    switch (spec?.kind) {
      case 'user':
      case 'dept':
      case 'role':
        return refName(String(v), names, spec.nameField ? side?.[spec.nameField] : undefined)
      case 'dict':
        return dictLabel(spec.dict ?? '', String(v))
      case 'enum': {
        const option = spec.options?.[String(v)]
        return option ? text(option, String(v)) : String(v)
      }
      case 'boolean':
        return v ? t('ui.common.yes') : t('ui.common.no')
      case 'datetime':
        return formatDateTime(v)
      case 'money':
        return formatMoney(String(v))
      case 'i18n': {
        const pair = v as { zh?: string; en?: string }
        return (locale.value === 'en' ? pair.en : pair.zh) ?? pair.zh ?? pair.en ?? '—'
      }
      case 'lines': {
        const items = Array.isArray(v)
          ? (v as Record<string, unknown>[])
          : Object.entries(v as object).map(([key, item]) => ({ key, ...(item as object) }))
        if (!items.length) return '—'
        const name = (id: unknown) => (id ? refName(String(id), names, undefined) : '—')
        return items.map((i) => spec.itemLabel?.(i, name) ?? pairs(i, names)).join('；')
      }
      default:
        if (typeof v === 'string' && UUID.test(v)) return refName(v, names, undefined)
        if (typeof v === 'object') return pairs(v as Record<string, unknown>, names)
        return String(v)
    }
  }

  /** A plain object as `key: value` pairs, never a JSON blob. */
  function pairs(o: Record<string, unknown>, names: Names): string {
    const list = Object.entries(o).map(([k, x]) => `${k}: ${value(undefined, x, names)}`)
    return list.length ? list.join('，') : '—'
  }

  /**
   * The rows worth showing for a change of `entityType`: declared, visible fields only (a type
   * nobody registered shows its fields by name, minus bookkeeping). `fieldLabels` overrides labels.
   */
  function rows(
    entityType: string | undefined,
    changes: FieldChange[],
    names: Names = {},
    fieldLabels?: Record<string, string>,
  ): ChangeRow[] {
    const spec = recordType(entityType)
    const sides = (key: 'before' | 'after') =>
      Object.fromEntries(changes.map((c) => [c.field, c[key]])) as Record<string, unknown>
    const before = sides('before')
    const after = sides('after')
    const out: ChangeRow[] = []
    for (const c of changes) {
      const f = spec?.fields[c.field]
      if (spec ? !f || f.kind === 'hidden' : META.has(c.field)) continue
      out.push({
        field: c.field,
        label: fieldLabels?.[c.field] ?? text(f?.label, c.field),
        before: value(f, c.before, names, before),
        after: value(f, c.after, names, after),
      })
    }
    return out
  }

  const action = (a: string) => auditActionLabel(a, locale.value)
  const typeLabel = (entityType: string) => text(recordType(entityType)?.label, entityType)

  return { rows, value, action, typeLabel, text }
}

/** Changes between two snapshots of a record (fields of either side). */
export function snapshotChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChange[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)])
  const out: FieldChange[] = []
  for (const field of fields) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) {
      out.push({ field, before: before[field] ?? null, after: after[field] ?? null })
    }
  }
  return out
}
