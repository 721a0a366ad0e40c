import { computed, reactive } from 'vue'
import { initialFilterValue, type FilterField } from '../components/filters/filterFields'
import type { ListParams } from '../types'
import { withRanges, type RangeSpec } from './ranges'

/**
 * A list's filters from their descriptors: the model ListPage sends (each control's starting
 * value, plus `extra` values the page edits itself, e.g. a view switch), the fields for
 * FilterBar (re-read when the language changes) and `params`, which turns the date ranges
 * into the API's from/to parameters.
 */
export function useListFilters<E extends Record<string, unknown> = Record<never, never>>(
  fieldsOf: () => FilterField[],
  extra: E = {} as E,
) {
  const fields = computed(fieldsOf)
  const initial = Object.fromEntries(fields.value.map((f) => [f.prop, initialFilterValue(f)]))
  const filters = reactive({ ...initial, ...extra }) as Record<string, unknown> & E
  const ranges: Record<string, RangeSpec> = {}
  for (const f of fields.value) if (f.kind === 'dateRange') ranges[f.prop] = f.range
  const params = (p: ListParams) => withRanges(p, ranges)
  return { filters, fields, params }
}
