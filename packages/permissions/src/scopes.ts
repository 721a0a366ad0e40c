import type { I18nLabel } from './catalog.js'

/** Ordered from narrowest to widest, so index comparison answers "is A at least as wide as B". */
export const DATA_SCOPES = ['self', 'dept', 'dept_and_children', 'all'] as const
export type DataScope = (typeof DATA_SCOPES)[number]

export const DATA_SCOPE_LABELS: Readonly<Record<DataScope, I18nLabel>> = {
  self: { zh: '本人', en: 'Own records' },
  dept: { zh: '本部门', en: 'Own department' },
  dept_and_children: { zh: '本部门及下级', en: 'Department and sub-departments' },
  all: { zh: '全部', en: 'All' },
}

export function isDataScope(s: unknown): s is DataScope {
  return typeof s === 'string' && (DATA_SCOPES as readonly string[]).includes(s)
}

/** The widest of several scopes: a user with several roles sees the union of what each allows. */
export function widestScope(scopes: readonly DataScope[]): DataScope {
  let widest = 0
  for (const s of scopes) widest = Math.max(widest, DATA_SCOPES.indexOf(s))
  return DATA_SCOPES[widest]
}
