import { describe, expect, it } from 'vitest'
import { isPermissionCode } from '@mosaic/permissions'
import adminModule from './routes'

describe('admin remote module', () => {
  it('describes itself for the shell menu', () => {
    expect(adminModule).toMatchObject({
      name: 'admin',
      basePath: '/admin',
      icon: 'Setting',
      title: { zh: '系统管理', en: 'Administration' },
    })
    expect(Object.keys(adminModule.messages ?? {})).toEqual(['zh-CN', 'en'])
  })

  it('gives every page a prefixed name, a bilingual title, a real read permission and a lazy component', () => {
    const paths = adminModule.routes.map((r) => r.path)
    expect(paths).toEqual([
      'users',
      'depts',
      'roles',
      'dictionaries',
      'rules',
      'sla',
      'approval-flows',
      'audit',
      'recycle-bin',
      'init',
    ])
    const pages = adminModule.routes.flatMap((r) =>
      r.children ? r.children.map((c) => ({ ...c, path: `${r.path}-${c.path}` })) : [r],
    )
    for (const r of [...adminModule.routes, ...pages]) {
      expect(String(r.name)).toBe(`admin-${r.path}`)
      expect(r.meta?.title?.zh && r.meta.title.en).toBeTruthy()
      expect(isPermissionCode(r.meta?.permission)).toBe(true)
    }
    for (const r of pages) expect(typeof (r as { component?: unknown }).component).toBe('function')
  })

  it('groups the rule pages in one section that needs admin.rule.read', () => {
    const rules = adminModule.routes.find((r) => r.path === 'rules')!
    expect(rules.meta).toMatchObject({
      title: { zh: '规则设置', en: 'Rules' },
      permission: 'admin.rule.read',
    })
    expect(rules.children?.map((c) => c.path)).toEqual(['numbers', 'closure', 'pool'])
    expect(rules.children?.every((c) => c.meta?.permission === 'admin.rule.read')).toBe(true)
  })
})
