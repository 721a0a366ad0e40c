import { describe, expect, it } from 'vitest'
import { isPermissionCode } from '@mosaic/permissions'
import financeModule from './routes'
import { messages } from './messages'

type Tree = { [key: string]: string | Tree }
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  )

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
      'recycle-bin': ['finance.payment.restore', 'finance.invoice.restore', 'admin.recycle.read'],
    })
  })

  it('has the same message keys in Chinese and English', () => {
    expect(keys(messages.en as Tree).sort()).toEqual(keys(messages['zh-CN'] as Tree).sort())
  })
})
