import type { admin } from '@mosaic/schemas'

export const TAG_TYPES = ['primary', 'success', 'info', 'warning', 'danger'] as const
export const HEX = /^#[0-9a-fA-F]{6}$/

export interface ExtraRow {
  key: string
  value: string
}

export interface EntryForm {
  value: string
  label: { zh: string; en: string }
  color: string | null
  sort: number
  enabled: boolean
  extra: ExtraRow[]
}

export function emptyEntryForm(nextSort = 0): EntryForm {
  return { value: '', label: { zh: '', en: '' }, color: null, sort: nextSort, enabled: true, extra: [] }
}

export function entryFormOf(e: admin.DictEntry): EntryForm {
  return {
    value: e.value,
    label: { ...e.label },
    color: e.color,
    sort: e.sort,
    enabled: e.enabled,
    extra: Object.entries(e.extra ?? {}).map(([key, v]) => ({ key, value: v === null ? '' : String(v) })),
  }
}

/** Admins type text; "60" should be stored as the number 60 (a stage's probability), "true" as a boolean. */
export function parseExtraValue(raw: string): string | number | boolean | null {
  const s = raw.trim()
  if (s === '') return null
  if (s === 'true' || s === 'false') return s === 'true'
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s)
  return s
}

export function extraOf(rows: ExtraRow[]): Record<string, string | number | boolean | null> | null {
  const out: Record<string, string | number | boolean | null> = {}
  for (const r of rows) if (r.key.trim()) out[r.key.trim()] = parseExtraValue(r.value)
  return Object.keys(out).length ? out : null
}

export function entryCreateBody(f: EntryForm): admin.DictEntryCreate {
  return {
    value: f.value.trim(),
    label: { zh: f.label.zh.trim(), en: f.label.en.trim() },
    color: f.color || null,
    sort: f.sort,
    enabled: f.enabled,
    extra: extraOf(f.extra),
  }
}

/** `value` is the stored key other records point at, so it never changes after creation. */
export function entryUpdateBody(f: EntryForm): admin.DictEntryUpdate {
  const { value: _value, ...rest } = entryCreateBody(f)
  return rest
}
