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

const MONEY = /^(-)?(\d+)(?:\.(\d+))?$/

/**
 * Display only: money travels as a decimal string and is regrouped as text, never through
 * parseFloat (which silently rounds amounts beyond 2^53). Extra decimals round half-up,
 * the rule the services use. Anything that is not a decimal number is shown as it is.
 */
export function formatMoney(value: string | null | undefined, options: MoneyFormat = {}): string {
  if (value === null || value === undefined || value === '') return ''
  const m = MONEY.exec(value.trim())
  if (!m) return value
  const decimals = options.decimals ?? 2
  const [, sign, whole, frac = ''] = m
  let units = BigInt(whole + frac.padEnd(decimals, '0').slice(0, decimals))
  if (frac.length > decimals && frac.charCodeAt(decimals) >= 53 /* '5' */) units += 1n
  const digits = units.toString().padStart(decimals + 1, '0')
  const intPart = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const fracPart = decimals ? `.${digits.slice(digits.length - decimals)}` : ''
  const currency = options.currency === undefined ? 'CNY' : options.currency
  const symbol = currency === 'CNY' ? '¥' : currency ? `${currency} ` : ''
  return `${sign && units !== 0n ? '-' : ''}${symbol}${intPart}${fracPart}`
}
