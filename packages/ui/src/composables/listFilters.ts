import { computed, getCurrentInstance, inject, reactive } from 'vue'
import { routeLocationKey } from 'vue-router'
import { initialFilterValue, type FilterField } from '../components/filters/filterFields'
import type { ListParams } from '../types'
import { applyLinkFilters, attachFilterMeta, metaFromFields, withLinkedRanges } from './linkFilters'
import { withRanges, type RangeSpec } from './ranges'

/**
 * A list's filters from their descriptors: the model ListPage sends (each control's starting
 * value, plus `extra` values the page edits itself, e.g. a view switch), the fields for
 * FilterBar (re-read when the language changes) and `params`, which turns the date ranges
 * into the API's from/to parameters. A page opened from a link starts filtered by the link's
 * query (its own filters only, see linkFilters.ts), so the page's own state can follow the model.
 */
export function useListFilters<E extends Record<string, unknown> = Record<never, never>>(
  fieldsOf: () => FilterField[],
  extra: E = {} as E,
) {
  const fields = computed(fieldsOf)
  const initial = Object.fromEntries(fields.value.map((f) => [f.prop, initialFilterValue(f)]))
  const filters = reactive({ ...initial, ...extra }) as Record<string, unknown> & E
  const meta = attachFilterMeta(filters, metaFromFields(fields.value, { ...initial, ...extra }))
  const route = getCurrentInstance() ? inject(routeLocationKey, null) : null
  if (route) applyLinkFilters(filters, route.query)
  const ranges: Record<string, RangeSpec> = meta.ranges
  const params = (p: ListParams) => withLinkedRanges(withRanges(p, ranges), filters)
  return { filters, fields, params }
}
