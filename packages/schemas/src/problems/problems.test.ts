import { describe, expect, it } from 'vitest'
import { PROBLEMS, formatProblem, isProblemCode, placeholdersOf } from './index.js'

describe('problem catalog', () => {
  it.each(Object.entries(PROBLEMS))('%s says the same thing in both languages', (code, text) => {
    expect(text.zh.trim(), code).not.toBe('')
    expect(text.en.trim(), code).not.toBe('')
    expect(placeholdersOf(text.zh).sort()).toEqual(placeholdersOf(text.en).sort())
  })

  it('codes are <area>.<reason> in snake case', () => {
    for (const code of Object.keys(PROBLEMS)) expect(code).toMatch(/^[a-z]+(\.[a-z_]+)+$/)
  })

  it('fills params in the reader’s language and leaves unknown codes alone', () => {
    expect(formatProblem('validation.too_long', { maximum: 40 }, 'zh-CN')).toBe('最多 40 个字符')
    expect(formatProblem('validation.too_long', { maximum: 40 }, 'en')).toBe('At most 40 characters')
    expect(formatProblem('no.such_code', {}, 'en')).toBeUndefined()
    expect(isProblemCode('toString')).toBe(false)
  })
})
