import { describe, expect, it } from 'vitest'
import { formatMoney } from './format'

describe('formatMoney', () => {
  it('groups thousands and keeps two decimals, as text', () => {
    expect(formatMoney('1234567.5')).toBe('¥1,234,567.50')
    expect(formatMoney('0')).toBe('¥0.00')
    expect(formatMoney('12.30', { currency: null })).toBe('12.30')
    expect(formatMoney('99', { currency: 'USD' })).toBe('USD 99.00')
  })

  it('keeps every digit of amounts a float would round', () => {
    expect(formatMoney('9007199254740993.01')).toBe('¥9,007,199,254,740,993.01')
  })

  it('rounds extra decimals half-up and keeps the sign', () => {
    expect(formatMoney('2.345')).toBe('¥2.35')
    expect(formatMoney('2.344')).toBe('¥2.34')
    expect(formatMoney('-0.004')).toBe('¥0.00')
    expect(formatMoney('-1000.5')).toBe('-¥1,000.50')
    expect(formatMoney('10.5', { decimals: 0 })).toBe('¥11')
  })

  it('shows empty for nothing and non-numbers as they are', () => {
    expect(formatMoney(null)).toBe('')
    expect(formatMoney(undefined)).toBe('')
    expect(formatMoney('n/a')).toBe('n/a')
  })
})
