import { describe, expect, it } from 'vitest'
import type { Principal } from '@mosaic/permissions'
import { buildMenu, firstPath, visibleItems } from './menu'
import type { RemoteState } from './store'
import { adminModule } from '../test/harness'

const principal = (permissions: string[]): Principal => ({
  userId: 'u',
  username: 'u',
  deptId: null,
  roles: [],
  permissions,
  dataScope: 'all',
  kind: 'staff',
})
const ok: RemoteState = {
  name: 'admin',
  entry: { name: 'admin', entry: '/a.js' },
  basePath: '/admin',
  title: adminModule.title,
  status: 'ok',
  module: adminModule,
}
const down: RemoteState = {
  name: 'sales',
  entry: { name: 'sales', entry: '/s.js' },
  basePath: '/sales',
  status: 'unavailable',
  error: new Error('x'),
}

describe('menu building', () => {
  it('shows only permitted, titled, non-detail routes under the base path', () => {
    const items = visibleItems(
      adminModule.routes,
      '/admin',
      principal(['admin.user.read', 'admin.audit.export']),
    )
    expect(items.map((i) => [i.name, i.path])).toEqual([
      ['admin-users', '/admin/users'],
      ['admin-audit', '/admin/audit'], // any-of list
    ])
  })

  it('drops a loaded remote with nothing permitted but keeps an unavailable one', () => {
    const groups = buildMenu([ok, down], principal([]))
    expect(groups.map((g) => [g.remote, g.status])).toEqual([['sales', 'unavailable']])
  })

  it('hides a section whose children are all forbidden and respects parent permissions', () => {
    const routes = [
      {
        path: 'rules',
        name: 'rules',
        meta: { title: { zh: '规则', en: 'Rules' } },
        children: [
          {
            path: 'pool',
            name: 'pool',
            component: {},
            meta: { title: { zh: '公海', en: 'Pool' }, permission: 'admin.rule.read' },
          },
        ],
      },
      {
        path: 'init',
        name: 'init',
        component: {},
        meta: { title: { zh: '初始化', en: 'Init' }, permission: 'admin.init.run' },
      },
    ]
    expect(visibleItems(routes, '/admin', principal(['admin.init.run'])).map((i) => i.name)).toEqual(['init'])
    const withRules = visibleItems(routes, '/admin', principal(['admin.rule.read']))
    expect(withRules[0].children?.[0].path).toBe('/admin/rules/pool')
    expect(firstPath(withRules)).toBe('/admin/rules/pool')
  })

  it('hides everything from a signed-out principal', () => {
    expect(buildMenu([ok], null)).toEqual([])
  })
})
