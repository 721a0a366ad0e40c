import { markRaw } from 'vue'
import type { LocationQuery } from 'vue-router'
import type { FilterField } from '../components/filters/filterFields'
import type { ListParams } from '../types'
import type { RangeSpec } from './ranges'

/**
 * A list opened from a link (the home dashboard's figures, a notification) starts filtered by the
 * link's query: `/sales/customers?createdFrom=…&createdTo=…`. Only the page's own filters are read
 * (its filter model's keys, and the API parameters of its date ranges); anything else is ignored.
 */

/** What the filter model remembers about itself, beside its values (not enumerable: never sent). */
export interface FilterMeta {
  /** The values Reset goes back to: the controls' blanks, never the link's values. */
  blank: Record<string, unknown>
  /** Date-range props → their two API parameters. */
  ranges: Record<string, RangeSpec>
  /** Fixed-choice props → the values they accept. */
  choices: Record<string, string[]>
  /** Filled from the link: prop → the query keys that filled it. */
  fromLink: Record<string, string[]>
  /** A range from the link as it came: sent unchanged while the picker still shows its days. */
  linkedRanges: Record<string, { days: string[]; from?: string; to?: string }>
}

const META = Symbol.for('mosaic.ui.filterMeta')

export function filterMetaOf(filters: object | undefined): FilterMeta | undefined {
  return filters ? (filters as Record<symbol, FilterMeta | undefined>)[META] : undefined
}

/** Attaches the meta to a filter model (built by useListFilters, or by ListPage for a plain model). */
export function attachFilterMeta(filters: object, meta: Omit<FilterMeta, 'fromLink' | 'linkedRanges'>) {
  // Raw: the model is reactive, and its bookkeeping must neither be wrapped nor trigger renders.
  const full: FilterMeta = markRaw({ ...meta, fromLink: {}, linkedRanges: {} })
  Object.defineProperty(filters, META, { value: full, enumerable: false, configurable: true })
  return full
}

export function metaFromFields(fields: FilterField[], blank: Record<string, unknown>) {
  const ranges: Record<string, RangeSpec> = {}
  const choices: Record<string, string[]> = {}
  for (const f of fields) {
    if (f.kind === 'dateRange') ranges[f.prop] = f.range
    if (f.kind === 'select') choices[f.prop] = f.options.map((o) => o.value)
  }
  return { blank, ranges, choices }
}

function single(raw: LocationQuery[string] | undefined): string | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw
  return typeof v === 'string' && v !== '' ? v : undefined
}

const pad = (n: number) => String(n).padStart(2, '0')
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

/**
 * The calendar day (in the user's zone) a range bound falls on. An end given as the next day's
 * midnight (an exclusive bound) shows as the day before, the last day it covers.
 */
export function dayOfBound(value: string, side: 'from' | 'to'): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return undefined
  const midnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && !d.getMilliseconds()
  return localDay(side === 'to' && midnight ? new Date(d.getTime() - 1) : d)
}

function rangeFromQuery(spec: RangeSpec, query: LocationQuery) {
  const from = single(query[spec.from])
  const to = single(query[spec.to])
  const fromDay = from && dayOfBound(from, 'from')
  const toDay = to && dayOfBound(to, 'to')
  if (!fromDay && !toDay) return undefined
  // The picker needs both ends; a one-sided link shows its one day on both, and is still sent as it came.
  const days = [fromDay || toDay!, toDay || fromDay!]
  return { days, from: fromDay ? from : undefined, to: toDay ? to : undefined }
}

/** Fills the filter model from the route query; answers whether anything was taken. */
export function applyLinkFilters(filters: Record<string, unknown>, query: LocationQuery): boolean {
  const meta = filterMetaOf(filters)
  if (!meta) return false
  for (const prop of Object.keys(filters)) {
    const spec = meta.ranges[prop]
    if (spec) {
      const range = rangeFromQuery(spec, query)
      if (!range) continue
      filters[prop] = range.days
      meta.linkedRanges[prop] = range
      meta.fromLink[prop] = [spec.from, spec.to].filter((k) => k in query)
      continue
    }
    const value = single(query[prop])
    if (value === undefined) continue
    const allowed = meta.choices[prop]
    if (allowed && !allowed.includes(value)) continue
    filters[prop] = value
    meta.fromLink[prop] = [prop]
  }
  return Object.keys(meta.fromLink).length > 0
}

/** The link's filters still in force (the user has not changed or cleared them). */
export function activeLinkFilters(filters: Record<string, unknown>): string[] {
  const meta = filterMetaOf(filters)
  if (!meta) return []
  return Object.keys(meta.fromLink).filter((prop) => {
    const linked = meta.linkedRanges[prop]
    const value = filters[prop]
    if (linked) return Array.isArray(value) && value.join() === linked.days.join()
    return value !== undefined && value !== '' && value !== meta.blank[prop]
  })
}

/**
 * Forgets the link's filters the user changed (or all of them, on Reset): answers their query
 * keys, for the caller to drop from the address so a reload does not bring them back.
 */
export function forgetLinkFilters(filters: Record<string, unknown>, all = false): string[] {
  const meta = filterMetaOf(filters)
  if (!meta) return []
  const keep = all ? [] : activeLinkFilters(filters)
  const dropped = Object.keys(meta.fromLink).filter((prop) => !keep.includes(prop))
  const keys = dropped.flatMap((prop) => meta.fromLink[prop]!)
  for (const prop of dropped) {
    delete meta.fromLink[prop]
    delete meta.linkedRanges[prop]
  }
  return keys
}

/**
 * Date ranges the link set and the user left alone are sent exactly as the link had them, so the
 * list counts the same records as the figure that linked to it (even across time zones).
 */
export function withLinkedRanges(params: ListParams, filters: Record<string, unknown>): ListParams {
  const meta = filterMetaOf(filters)
  if (!meta) return params
  const out: ListParams = { ...params }
  for (const [prop, linked] of Object.entries(meta.linkedRanges)) {
    const value = filters[prop]
    if (!Array.isArray(value) || value.join() !== linked.days.join()) continue
    const spec = meta.ranges[prop]!
    delete out[spec.from]
    delete out[spec.to]
    if (linked.from) out[spec.from] = linked.from
    if (linked.to) out[spec.to] = linked.to
  }
  return out
}
