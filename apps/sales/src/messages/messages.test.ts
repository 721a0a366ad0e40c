import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { messages } from './index'

type Tree = { [key: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  )
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })
}

describe('sales messages', () => {
  const zh = keys(messages['zh-CN'] as Tree)
  const en = keys(messages.en as Tree)

  it('has the same keys in Chinese and English', () => {
    expect(en.sort()).toEqual(zh.sort())
  })

  it('defines every literal sales.* key the screens translate', () => {
    const root = join(__dirname, '..')
    const used = new Set<string>()
    for (const file of sources(root)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'(sales\.[\w.]+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(100)
    const missing = [...used].filter((k) => !zh.includes(k))
    expect(missing).toEqual([])
  })
})
