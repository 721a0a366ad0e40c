import { describe, expect, it, vi } from 'vitest'
import { createDictionaryChecker, entryLabel, findEntry } from './check.js'
import { fixtureTypes } from './test-support/fixtures.js'

describe('findEntry / entryLabel', () => {
  it('finds entries by type and value and labels them by locale', () => {
    const e = findEntry(fixtureTypes(), 'lead_source', 'wechat_group')!
    expect(e.value).toBe('wechat_group')
    expect(entryLabel(e, 'zh-CN')).toBe('微信群')
    expect(entryLabel(e, 'en')).toBe('WeChat group')
    expect(entryLabel(e, 'en-US')).toBe('WeChat group')
    expect(findEntry(fixtureTypes(), 'lead_source', 'nope')).toBeUndefined()
    expect(findEntry(fixtureTypes(), 'nope', 'website')).toBeUndefined()
  })
})

describe('createDictionaryChecker', () => {
  it('accepts enabled values and reports unknown and disabled ones per field', async () => {
    const checker = createDictionaryChecker(async () => fixtureTypes(), { ttlMs: 60_000 })
    expect(await checker.isEnabledValue('lead_source', 'website')).toBe(true)
    expect(await checker.isEnabledValue('lead_source', 'fax')).toBe(false)
    expect(await checker.isEnabledValue('lead_source', 'nope')).toBe(false)
    const errors = await checker.assertValues([
      { field: 'source', type: 'lead_source', value: 'website' },
      { field: 'source2', type: 'lead_source', value: 'fax' },
      { field: 'source3', type: 'lead_source', value: 'nope' },
      { field: 'kind', type: 'no_such_type', value: 'x' },
      { field: 'empty', type: 'lead_source', value: null },
      { field: 'missing', type: 'lead_source', value: undefined },
    ])
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['source2', 'dict.disabled'],
      ['source3', 'dict.unknown'],
      ['kind', 'dict.unknown'],
    ])
    expect(errors[1].message).toContain('nope')
  })

  it('does not load when every value is empty', async () => {
    const load = vi.fn(async () => fixtureTypes())
    const checker = createDictionaryChecker(load, { ttlMs: 1000 })
    expect(await checker.assertValues([{ field: 'a', type: 'lead_source', value: null }])).toEqual([])
    expect(load).not.toHaveBeenCalled()
  })

  it('shares one load between concurrent calls and caches until the TTL passes', async () => {
    let t = 0
    const load = vi.fn(async () => fixtureTypes())
    const checker = createDictionaryChecker(load, { ttlMs: 1000, now: () => t })
    await Promise.all([
      checker.isEnabledValue('lead_source', 'website'),
      checker.isEnabledValue('ticket_type', 'repair'),
    ])
    expect(load).toHaveBeenCalledTimes(1)
    t = 999
    await checker.isEnabledValue('lead_source', 'website')
    expect(load).toHaveBeenCalledTimes(1)
    t = 1000
    await checker.isEnabledValue('lead_source', 'website')
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('reloads after invalidate() and sees the edit', async () => {
    let types = fixtureTypes()
    const checker = createDictionaryChecker(async () => types, { ttlMs: 60_000 })
    expect(await checker.isEnabledValue('lead_source', 'fax')).toBe(false)
    types = fixtureTypes()
    types[0].entries.find((e) => e.value === 'fax')!.enabled = true
    expect(await checker.isEnabledValue('lead_source', 'fax')).toBe(false)
    checker.invalidate()
    expect(await checker.isEnabledValue('lead_source', 'fax')).toBe(true)
  })

  it('does not cache a failed load', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('admin down')).mockResolvedValue(fixtureTypes())
    const checker = createDictionaryChecker(load, { ttlMs: 60_000 })
    await expect(checker.isEnabledValue('lead_source', 'website')).rejects.toThrow('admin down')
    expect(await checker.isEnabledValue('lead_source', 'website')).toBe(true)
    expect(load).toHaveBeenCalledTimes(2)
  })
})
