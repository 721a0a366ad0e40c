import { describe, expect, it } from 'vitest'
import { prefillAllocations } from './money'
import { useIdempotencyKey } from './idempotency'
import { instalmentFixture } from './test-support'

describe('write-off prefill', () => {
  it('fills the instalments with money remaining, oldest due first, up to the unmatched amount', () => {
    const rows = prefillAllocations(
      [
        instalmentFixture(3, { dueDate: '2026-09-01', remaining: '500.00' }),
        instalmentFixture(1, { remaining: '0.00', status: 'paid' }),
        instalmentFixture(2, { dueDate: '2026-03-01', remaining: '1000.10' }),
        instalmentFixture(4, { dueDate: '2026-12-01', remaining: '800.00' }),
        instalmentFixture(5, { dueDate: '2026-01-01', remaining: '9.00', status: 'cancelled' }),
      ],
      '1200.30',
    )
    expect(rows.map((r) => [r.seq, r.amount])).toEqual([
      [2, '1000.10'],
      [3, '200.20'],
      [4, '0.00'],
    ])
  })
})

describe('idempotency key', () => {
  it('keeps the key for a retry of the same values and changes it after success or other values', () => {
    let n = 0
    const key = useIdempotencyKey(() => `key-${++n}`)
    expect(key.keyFor({ a: 1 })).toBe('key-1')
    expect(key.keyFor({ a: 1 })).toBe('key-1')
    expect(key.keyFor({ a: 2 })).toBe('key-2')
    key.succeeded()
    expect(key.keyFor({ a: 2 })).toBe('key-3')
    key.reset()
    expect(key.keyFor({ a: 2 })).toBe('key-4')
  })
})
