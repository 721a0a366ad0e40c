import { describe, expect, it } from 'vitest'
import { nameOrNumber, numberMatch, textContains } from './search.js'

describe('search fragments', () => {
  it('a two-character term is one of the bigrams (the same statement, index-served)', () => {
    expect(textContains('c.name', '华鑫', 'q')).toEqual({
      sql: '(kit_bigrams(c.name) @> kit_bigrams(:q) AND strpos(lower(c.name), lower(:q)) <> 0)',
      params: { q: '华鑫' },
    })
    expect(textContains('c.name', '华鑫科', 'q')).toEqual({
      sql: 'c.name ILIKE :q',
      params: { q: '%华鑫科%' },
    })
    expect(textContains('c.name', '%x', 'q').params.q).toBe('%x')
    expect(textContains('c.name', '%xy', 'q').params.q).toBe('%\\%xy%')
  })

  it('codes match by prefix, digits anywhere, other text never probes numbers', () => {
    // The C collation lets one btree serve the prefix and the order (newest number first).
    expect(numberMatch('c.number', 'kh2025', 'n')).toEqual({
      sql: 'upper(c.number) COLLATE "C" LIKE :n',
      params: { n: 'KH2025%' },
      order: { sql: 'upper(c.number) COLLATE "C"', type: 'text', direction: 'DESC' },
    })
    expect(numberMatch('c.number', '0042', 'n')).toEqual({
      sql: 'c.number ILIKE :n',
      params: { n: '%0042%' },
    })
    expect(numberMatch('c.number', '华鑫', 'n')).toBeNull()
    expect(numberMatch('c.number', 'KH_1', 'n')).toBeNull()
    expect(nameOrNumber('c', '华鑫').sql).not.toContain('number')
    const code = nameOrNumber('c', 'KH2025')
    expect(code.sql).toBe('(c.name ILIKE :searchName OR upper(c.number) COLLATE "C" LIKE :searchNumber)')
    // Paged as two branches, in number order.
    expect(code.anyOf?.map((f) => f.sql)).toEqual([
      'upper(c.number) COLLATE "C" LIKE :searchNumber',
      'c.name ILIKE :searchName',
    ])
    expect(code.order?.sql).toBe('upper(c.number) COLLATE "C"')
    expect(nameOrNumber('c', '0042').order).toBeUndefined()
  })
})
