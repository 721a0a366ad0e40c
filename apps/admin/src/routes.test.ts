import { describe, expect, it } from 'vitest'
import { describeRemoteModule } from '@mosaic/ui/test-utils'
import adminModule from './routes'

describeRemoteModule(adminModule, {
  title: { zh: '系统管理', en: 'Administration' },
  icon: 'Setting',
  keys: { sources: __dirname, atLeast: 100 },
  dashboard: { sources: [{ service: 'admin' }], keys: ['admin.approvalsWaiting'] },
})

describe('admin remote module', () => {
  it('lists its pages in menu order, each named after its path and guarded by one permission', () => {
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
      expect(typeof r.meta?.permission).toBe('string')
    }
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
