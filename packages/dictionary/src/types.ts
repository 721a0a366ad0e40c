export interface I18nText {
  zh: string
  en: string
}

export interface DictEntry {
  id?: string
  typeCode: string
  value: string
  label: I18nText
  /** An Element Plus tag type (see TAG_TYPES) or a `#rrggbb` colour. */
  color: string | null
  sort: number
  enabled: boolean
  extra?: Record<string, unknown> | null
}

export interface DictType {
  code: string
  name: I18nText
  builtIn: boolean
  entries: DictEntry[]
}

export const TAG_TYPES = ['primary', 'success', 'info', 'warning', 'danger'] as const
export type TagType = (typeof TAG_TYPES)[number]

export function isTagType(color: unknown): color is TagType {
  return typeof color === 'string' && (TAG_TYPES as readonly string[]).includes(color)
}

/** Per-field validation error, the shape problem+json `errors[]` carries. */
export interface FieldError {
  field: string
  message: string
  code?: string
  params?: Record<string, string | number | boolean | null>
}
