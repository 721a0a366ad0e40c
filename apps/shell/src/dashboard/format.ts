import { changePercent } from '@mosaic/money'
import { formatMoney } from '@mosaic/ui'
import type { DashboardFigure } from '@mosaic/schemas'

/** A figure's value as shown: money with ¥ and thousands separators, counts grouped. Never via floats. */
export function figureText(unit: DashboardFigure['unit'], value: string): string {
  if (unit === 'money') return formatMoney(value)
  return /^-?\d+$/.test(value) ? value.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : value
}

export interface MonthOnMonth {
  /** "+12.5%", "-3.0%", "0.0%", or "—" when last month was zero. */
  text: string
  trend: 'up' | 'down' | 'flat' | 'none'
}

export function monthOnMonth(figure: Pick<DashboardFigure, 'value' | 'previous'>): MonthOnMonth {
  const change = changePercent(figure.value, figure.previous)
  if (change === null) return { text: '—', trend: 'none' }
  if (change.startsWith('-')) return { text: `${change}%`, trend: 'down' }
  if (/^0(\.0+)?$/.test(change)) return { text: `${change}%`, trend: 'flat' }
  return { text: `+${change}%`, trend: 'up' }
}

/** `sales.newCustomers` → "New customers": the label of a figure whose remote has no message for it. */
export function humanizeKey(key: string): string {
  const name = key.slice(key.lastIndexOf('.') + 1)
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** This month as `YYYY-MM` in the user's zone (the picker's default). */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}
