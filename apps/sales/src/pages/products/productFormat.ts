import { roundMoney } from '@mosaic/money'

/** On sale / off sale as tag types, keyed by the flag as text. */
export const ON_SALE_TAGS = { true: 'success', false: 'info' } as const

/** `12800.5` → `¥12,800.50` (CNY, 2 decimals, grouped), without going through a float. */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const [whole = '0', cents = '00'] = roundMoney(value).split('.')
  return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`
}

/** `13.00` → `13%`, `6.50` → `6.5%`. */
export function formatPercent(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const text = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value
  return `${text}%`
}
