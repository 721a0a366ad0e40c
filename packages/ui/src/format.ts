import { roundMoney } from '@mosaic/money'

/** Timestamps travel as UTC ISO strings; people read them in their own time zone. */
export function formatDateTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  const d = new Date(String(value))
  if (Number.isNaN(d.getTime())) return String(value)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** A diff or snapshot value as one readable line: objects as JSON, empty as a dash. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(v)).join(', ') : '—'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Meta fields change on every write and would drown the real differences. */
const NOISE = new Set(['version', 'updatedAt', 'createdAt', 'id'])

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

export function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)])
  const out: FieldChange[] = []
  for (const field of fields) {
    if (NOISE.has(field)) continue
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) {
      out.push({ field, before: before[field], after: after[field] })
    }
  }
  return out
}

export interface MoneyFormat {
  /** ISO code; CNY shows as ¥, another code as a prefix, null as no symbol. Default CNY. */
  currency?: string | null
  decimals?: number
}

const MONEY = /^-?\d+(?:\.\d+)?$/

/**
 * Display only: money travels as a decimal string and is rounded (half-up, the services' rule)
 * and regrouped by @mosaic/money, never through parseFloat (which silently rounds amounts beyond
 * 2^53). Anything that is not a decimal number is shown as it is.
 */
export function formatMoney(value: string | null | undefined, options: MoneyFormat = {}): string {
  if (value === null || value === undefined || value === '') return ''
  if (!MONEY.test(value.trim())) return value
  const decimals = options.decimals ?? 2
  const rounded = roundMoney(value.trim(), decimals)
  const sign = rounded.startsWith('-') ? '-' : ''
  const [whole, frac] = rounded.replace('-', '').split('.')
  const intPart = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const fracPart = frac ? `.${frac}` : ''
  const currency = options.currency === undefined ? 'CNY' : options.currency
  const symbol = currency === 'CNY' ? '¥' : currency ? `${currency} ` : ''
  return `${sign}${symbol}${intPart}${fracPart}`
}
