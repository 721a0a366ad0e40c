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
    expect(paths).toEqual(['users', 'depts', 'roles', 'dictionaries', 'audit', 'recycle-bin', 'init'])
    for (const r of adminModule.routes) {
      expect(String(r.name)).toBe(`admin-${r.path}`)
      expect(r.meta?.title?.zh && r.meta.title.en).toBeTruthy()
      expect(isPermissionCode(r.meta?.permission)).toBe(true)
      expect(typeof (r as { component?: unknown }).component).toBe('function')
    }
  })
})
