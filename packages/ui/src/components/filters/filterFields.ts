import type { RangeSpec } from '../../composables/ranges'
import type { PickerUser, UserSearch } from '../../types'

/**
 * One control of a list's filter bar, keyed by `prop` in the filter model. Text-like controls
 * carry `data-testid="filter-<prop>"` (the owner picker its own `filter-ownerId`).
 */
export type FilterField =
  /** Free text; labelled "keyword" unless `label` says what it searches. */
  | { kind: 'keyword'; prop: string; label?: string; placeholder?: string }
  /** The owner picker, looking users up with `search`. */
  | { kind: 'owner'; prop: string; search: UserSearch }
  /** A dictionary select of `type`. */
  | { kind: 'dict'; prop: string; label: string; type: string; width: number }
  /** A fixed list of values with their labels. */
  | { kind: 'select'; prop: string; label: string; options: FilterOption[]; width: number }
  /** A record picked by searching (a customer…), like the owner picker. */
  | { kind: 'pick'; prop: string; label: string; search: (q: string) => Promise<PickerUser[]> }
  /** Whole days `[from, to]`, sent as the two parameters of `range`. */
  | { kind: 'dateRange'; prop: string; label: string; range: RangeSpec }

export interface FilterOption {
  value: string
  label: string
}

/** The value a control starts with (and Reset goes back to). */
export function initialFilterValue(field: FilterField): unknown {
  if (field.kind === 'keyword') return ''
  if (field.kind === 'dateRange') return []
  return undefined
}
