import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isPermissionCode } from '@mosaic/permissions'
import { recordType } from '@mosaic/ui/records'
import financeModule from './routes'
import { messages } from './messages'

type Tree = { [key: string]: string | Tree }
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  )

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })

describe('finance remote module', () => {
  it('describes itself for the shell menu with an icon the shell can resolve', async () => {
    expect(financeModule).toMatchObject({
      name: 'finance',
      basePath: '/finance',
      title: { zh: '财务', en: 'Finance' },
    })
    const icons = (await import('@element-plus/icons-vue')) as Record<string, unknown>
    for (const icon of [financeModule.icon, ...financeModule.routes.map((r) => r.meta?.icon)])
      expect(icons[String(icon)], String(icon)).toBeTruthy()
  })

  it('gives every page a prefixed name, titles in both languages, a real permission and a lazy chunk', () => {
    for (const r of financeModule.routes) {
      expect(String(r.name)).toMatch(/^finance-/)
      expect(r.meta?.title?.zh && r.meta.title.en).toBeTruthy()
      const codes = [r.meta?.permission].flat()
      expect(codes.length).toBeGreaterThan(0)
      for (const code of codes) expect(isPermissionCode(code), String(code)).toBe(true)
      expect(typeof (r as { component?: unknown }).component).toBe('function')
    }
    expect(Object.fromEntries(financeModule.routes.map((r) => [r.path, r.meta?.permission]))).toEqual({
      receivables: 'finance.receivable.read',
      payments: 'finance.payment.read',
      invoices: 'finance.invoice.read',
      statements: 'finance.statement.read',
      'recycle-bin': ['finance.payment.restore', 'finance.invoice.restore', 'admin.recycle.read'],
    })
  })

  it('has the same message keys in Chinese and English', () => {
    expect(keys(messages.en as Tree).sort()).toEqual(keys(messages['zh-CN'] as Tree).sort())
  })

  it('defines every literal finance.* key the screens translate', () => {
    const zh = keys(messages['zh-CN'] as Tree)
    const used = new Set<string>()
    for (const file of sources(__dirname))
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'(finance\.[\w.]+)'/g)) used.add(m[1]!)
    expect(used.size).toBeGreaterThan(100)
    expect([...used].filter((k) => !zh.includes(k))).toEqual([])
  })

  it('registers the finance record types for the history views, each linking to its page', () => {
    for (const type of ['receivable', 'payment', 'invoice']) {
      expect(recordType(type)?.service).toBe('finance')
      expect(recordType(type)?.link?.('x')).toMatch(/^\/finance\/\w+\?open=x$/)
    }
  })
})
