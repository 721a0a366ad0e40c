import type { ListParams } from '../types'

export interface RangeSpec {
  from: string
  to: string
  /** The API takes calendar dates (YYYY-MM-DD) rather than instants. */
  dateOnly?: boolean
}

/** A picked day as an instant: its start, or its last millisecond, in the user's time zone. */
export function dayStart(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString()
}
export function dayEnd(day: string): string {
  return new Date(`${day}T23:59:59.999`).toISOString()
}

/**
 * Date-range filters are kept as `[from, to]` day pairs in the filter model (what the range
 * picker edits); the API wants two parameters, inclusive of both whole days.
 */
export function withRanges(params: ListParams, spec: Record<string, RangeSpec>): ListParams {
  const out: ListParams = { ...params }
  for (const [key, s] of Object.entries(spec)) {
    const value = out[key]
    delete out[key]
    if (!Array.isArray(value) || value.length !== 2) continue
    const [from, to] = value as [string, string]
    out[s.from] = s.dateOnly ? from : dayStart(from)
    out[s.to] = s.dateOnly ? to : dayEnd(to)
  }
  return out
}

/** Cleared inputs come back as '' (or undefined from a cleared select); the API wants null. */
export function blankToNull(v: string | null | undefined): string | null {
  const s = typeof v === 'string' ? v.trim() : v
  return s ? s : null
}

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0')

/**
 * An instant as the date pickers' value format (`YYYY-MM-DDTHH:mm:ssZ`): local wall time with
 * its offset, which the API accepts as an ISO date-time and the picker shows unchanged.
 */
export function toLocalIso(value: string | Date | null | undefined): string | null {
  if (!value) return null
  const d = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(d.getTime())) return null
  const offset = -d.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  )
}

/** The value format matching toLocalIso, for `<el-date-picker value-format>`. */
export const PICKER_DATETIME = 'YYYY-MM-DDTHH:mm:ssZ'

/** A calendar day as the date pickers keep it (and the API takes it). */
export const PICKER_DATE = 'YYYY-MM-DD'

/** Today in the user's zone as `YYYY-MM-DD` (a close or shipped date's default). */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
