import { describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { PROBLEMS, formatProblem, isProblemCode, placeholdersOf } from './index.js'

describe('problem catalog', () => {
  it.each(Object.entries(PROBLEMS))('%s says the same thing in both languages', (code, text) => {
    expect(text.zh.trim(), code).not.toBe('')
    expect(text.en.trim(), code).not.toBe('')
    expect(placeholdersOf(text.zh).sort()).toEqual(placeholdersOf(text.en).sort())
  })

  it('no catalog file redefines another one’s code (a spread would silently win)', async () => {
    const files = readdirSync(import.meta.dirname).filter(
      (f) => f.endsWith('.ts') && !/(index|test)\.ts$/.test(f),
    )
    const seen = new Map<string, string>()
    for (const file of files) {
      const module = (await import(`./${file}`)) as Record<string, unknown>
      for (const catalog of Object.values(module).filter((v) => typeof v === 'object' && v !== null))
        for (const code of Object.keys(catalog as object)) {
          expect(seen.get(code), `${code} in ${file}`).toBeUndefined()
          seen.set(code, file)
        }
    }
    expect([...seen.keys()].sort()).toEqual(Object.keys(PROBLEMS).sort())
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
