import { describe, expect, it } from 'vitest'
import { diffRecords, normalise } from './audit.js'

describe('normalise', () => {
  it('turns dates into ISO strings and undefined into null', () => {
    expect(normalise(new Date('2024-05-01T10:00:00.000Z'))).toBe('2024-05-01T10:00:00.000Z')
    expect(normalise(undefined)).toBeNull()
    expect(normalise(null)).toBeNull()
    expect(normalise('x')).toBe('x')
    expect(normalise(0)).toBe(0)
  })
})

describe('diffRecords', () => {
  it('lists only the fields that changed, with before and after', () => {
    const before = { name: 'Ann', city: 'Paris', age: 30, active: true }
    const after = { name: 'Ann', city: 'Berlin', age: 31, active: true }
    expect(diffRecords(before, after)).toEqual({
      city: { before: 'Paris', after: 'Berlin' },
      age: { before: 30, after: 31 },
    })
  })

  it('returns an empty diff for equal records', () => {
    expect(diffRecords({ a: 1, b: 'x', c: null }, { a: 1, b: 'x', c: null })).toEqual({})
  })

  it('treats a missing key and undefined like null', () => {
    expect(diffRecords({ a: null }, {})).toEqual({})
    expect(diffRecords({ a: undefined }, { a: null })).toEqual({})
    expect(diffRecords({}, { a: 'set' })).toEqual({ a: { before: null, after: 'set' } })
    expect(diffRecords({ a: 'gone' }, {})).toEqual({ a: { before: 'gone', after: null } })
  })

  it('does not confuse falsy values with null', () => {
    expect(diffRecords({ n: 0, s: '', b: false }, { n: null, s: null, b: null })).toEqual({
      n: { before: 0, after: null },
      s: { before: '', after: null },
      b: { before: false, after: null },
    })
  })

  it('compares dates by instant and reports them as ISO strings', () => {
    const at = '2024-05-01T10:00:00.000Z'
    // Same instant, different objects (and one from a string-parsed value): no change.
    expect(diffRecords({ at: new Date(at) }, { at: new Date(Date.parse(at)) })).toEqual({})
    // A Date and its ISO string (as a snapshot stores it) are the same value.
    expect(diffRecords({ at: new Date(at) }, { at })).toEqual({})
    const diff = diffRecords({ at: new Date(at) }, { at: new Date('2024-05-02T10:00:00.000Z') })
    expect(diff).toEqual({ at: { before: at, after: '2024-05-02T10:00:00.000Z' } })
    expect(typeof diff.at!.before).toBe('string')
    expect(diffRecords({ at: null }, { at: new Date(at) })).toEqual({ at: { before: null, after: at } })
  })

  it('compares arrays and objects by value, not identity', () => {
    expect(
      diffRecords(
        { tags: ['a', 'b'], label: { zh: '中', en: 'x' } },
        { tags: ['a', 'b'], label: { zh: '中', en: 'x' } },
      ),
    ).toEqual({})
    expect(diffRecords({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toEqual({
      tags: { before: ['a', 'b'], after: ['b', 'a'] },
    })
    expect(diffRecords({ label: { zh: '中', en: 'x' } }, { label: { zh: '中', en: 'y' } })).toEqual({
      label: { before: { zh: '中', en: 'x' }, after: { zh: '中', en: 'y' } },
    })
    expect(diffRecords({ tags: [] }, { tags: ['a'] })).toEqual({ tags: { before: [], after: ['a'] } })
  })

  it('treats objects that differ only in key order as equal (jsonb reorders keys)', () => {
    expect(diffRecords({ label: { zh: '中', en: 'x' } }, { label: { en: 'x', zh: '中' } })).toEqual({})
    expect(
      diffRecords({ rows: [{ a: 1, b: { c: 2, d: 3 } }] }, { rows: [{ b: { d: 3, c: 2 }, a: 1 }] }),
    ).toEqual({})
  })

  it('records that a secret changed but never its value', () => {
    const diff = diffRecords(
      { name: 'a', passwordHash: 'old-hash-value' },
      { name: 'a', passwordHash: 'new-hash-value' },
      { secret: ['passwordHash'] },
    )
    expect(diff).toEqual({ passwordHash: { before: '***', after: '***' } })
    expect(JSON.stringify(diff)).not.toContain('hash-value')
    // Set and cleared: null stays null, the value is masked.
    expect(diffRecords({ token: null }, { token: 's3cr3t' }, { secret: ['token'] })).toEqual({
      token: { before: null, after: '***' },
    })
    expect(diffRecords({ token: 's3cr3t' }, { token: null }, { secret: ['token'] })).toEqual({
      token: { before: '***', after: null },
    })
    // Unchanged secret: not mentioned at all.
    expect(diffRecords({ token: 's' }, { token: 's' }, { secret: ['token'] })).toEqual({})
  })

  it('skips ignored fields', () => {
    expect(
      diffRecords({ a: 1, updatedAt: 'x' }, { a: 2, updatedAt: 'y' }, { ignore: ['updatedAt'] }),
    ).toEqual({
      a: { before: 1, after: 2 },
    })
  })

  it('describes a create (before null) as every non-null field appearing', () => {
    const diff = diffRecords(
      null,
      { title: 'Hello', body: null, count: 0, when: new Date('2024-01-01T00:00:00.000Z'), secret: 'pw' },
      { secret: ['secret'] },
    )
    expect(diff).toEqual({
      title: { before: null, after: 'Hello' },
      count: { before: null, after: 0 },
      when: { before: null, after: '2024-01-01T00:00:00.000Z' },
      secret: { before: null, after: '***' },
    })
    expect(JSON.stringify(diff)).not.toContain('pw')
  })

  it('describes a purge (after null) as every non-null field disappearing', () => {
    expect(diffRecords({ title: 'Hello', body: null, tags: ['x'] }, null)).toEqual({
      title: { before: 'Hello', after: null },
      tags: { before: ['x'], after: null },
    })
    expect(diffRecords(null, null)).toEqual({})
  })
})
