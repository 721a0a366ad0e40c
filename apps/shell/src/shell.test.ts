import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { adminModule, mountShell } from './test/harness'

const web = vi.hoisted(() => ({ fetchRemotesConfig: vi.fn(), loadRemoteModules: vi.fn() }))
vi.mock('@mosaic/web-kit', async (importOriginal) => ({ ...(await importOriginal<object>()), ...web }))

const refreshFails = () =>
  vi.fn(
    async () =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401 }), {
        status: 401,
      }),
  )

beforeEach(() => {
  vi.clearAllMocks()
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  localStorage.clear()
  // The top bar asks admin for the unread notifications and the approvals to do, the approval centre for its
  // list; no test may reach the network.
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(
          JSON.stringify({ count: 0, todo: 0, items: [], nextCursor: null, total: 0, totalCapped: false }),
          {
            headers: { 'content-type': 'application/json' },
          },
        ),
    ),
  )
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const adminOk = { name: 'admin', result: { name: 'admin', status: 'ok' as const, module: adminModule } }
const salesDown = {
  name: 'sales',
  result: { name: 'sales', status: 'unavailable' as const, error: new Error('ERR_CONNECTION_REFUSED') },
}

describe('shell menu', () => {
  it('lists only the pages the user may open, grouped by remote', async () => {
    const { wrapper } = await mountShell(
      { path: '/', permissions: ['admin.user.read'], remotes: [adminOk] },
      web,
    )
    expect(wrapper.find('[data-testid="menu-admin"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="menu-item-admin-users"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="menu-item-admin-roles"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="menu-item-admin-user"]').exists()).toBe(false) // detail page
    expect(wrapper.find('[data-testid="module-card-admin"]').text()).toContain('用户')
  })

  it('omits a remote group entirely when nothing in it is permitted', async () => {
    const { wrapper } = await mountShell(
      { path: '/', permissions: ['sales.customer.read'], remotes: [adminOk] },
      web,
    )
    expect(wrapper.find('[data-testid="menu-admin"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="module-card-admin"]').exists()).toBe(false)
  })
})

describe('approval centre', () => {
  it('is in the menu and opens for every signed-in user, whatever their permissions', async () => {
    const { wrapper, router } = await mountShell({ path: '/', permissions: ['sales.customer.read'] }, web)
    expect(wrapper.find('[data-testid="menu-item-approvals"]').text()).toContain('审批中心')
    expect(wrapper.find('[data-testid="approval-badge"]').exists()).toBe(true)
    await router.push('/approvals')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('approvals')
    expect(wrapper.find('[data-testid="approval-center"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('待办')
    expect(wrapper.text()).toContain('我发起的')
  })
})

describe('unavailable remote', () => {
  it('renders the panel for a deep link into the dead remote while the rest keeps working', async () => {
    const { wrapper, router } = await mountShell(
      { path: '/sales/customers', permissions: ['admin.user.read'], remotes: [adminOk, salesDown] },
      web,
    )
    expect(router.currentRoute.value.fullPath).toBe('/sales/customers')
    expect(wrapper.find('[data-testid="remote-unavailable"]').text()).toContain('模块暂不可用')
    expect(wrapper.find('[data-testid="menu-sales"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="menu-item-sales-unavailable"]').exists()).toBe(true)
    await router.push('/admin/users')
    await flushPromises()
    expect(wrapper.text()).toContain('users page')
  })

  it('shows an unavailable card on the home page, and retry loads the remote for real', async () => {
    const { wrapper, router } = await mountShell(
      {
        path: '/admin/users',
        permissions: ['admin.user.read'],
        remotes: [{ name: 'admin', result: salesDown.result }],
      },
      web,
    )
    expect(wrapper.find('[data-testid="remote-unavailable"]').exists()).toBe(true)
    web.loadRemoteModules.mockResolvedValueOnce([adminOk.result])
    await wrapper.find('[data-testid="remote-retry"]').trigger('click')
    await flushPromises()
    expect(web.loadRemoteModules).toHaveBeenLastCalledWith([expect.objectContaining({ name: 'admin' })], {
      force: true,
    })
    expect(router.currentRoute.value.name).toBe('admin-users')
    expect(wrapper.text()).toContain('users page')
    expect(wrapper.find('[data-testid="remote-unavailable"]').exists()).toBe(false)
  })

  it('marks the card of a dead remote as unavailable', async () => {
    const { wrapper } = await mountShell({ path: '/', permissions: [], remotes: [salesDown] }, web)
    expect(wrapper.find('[data-testid="module-card-sales"]').text()).toContain('暂不可用')
  })
})

describe('route guard', () => {
  it('sends a signed-in user without the permission to /403', async () => {
    const { router, wrapper } = await mountShell(
      { path: '/admin/roles', permissions: ['admin.user.read'], remotes: [adminOk] },
      web,
    )
    expect(router.currentRoute.value.path).toBe('/403')
    expect(router.currentRoute.value.query.from).toBe('/admin/roles')
    expect(wrapper.find('[data-testid="forbidden"]').exists()).toBe(true)
  })

  it('lets a permitted deep link through after the remotes load', async () => {
    const { router } = await mountShell(
      { path: '/admin/users/42', permissions: ['admin.user.read'], remotes: [adminOk] },
      web,
    )
    expect(router.currentRoute.value.name).toBe('admin-user')
  })

  it('redirects the bare base path to the first permitted page', async () => {
    const { router } = await mountShell(
      { path: '/admin', permissions: ['admin.role.read'], remotes: [adminOk] },
      web,
    )
    expect(router.currentRoute.value.path).toBe('/admin/roles')
  })

  it('sends a visitor without a session to /login with the way back', async () => {
    vi.stubGlobal('fetch', refreshFails())
    const { router } = await mountShell({ path: '/admin/users', permissions: null, remotes: [adminOk] }, web)
    expect(router.currentRoute.value.path).toBe('/login')
    expect(router.currentRoute.value.query.redirect).toBe('/admin/users')
    expect(web.loadRemoteModules).not.toHaveBeenCalled()
  })

  it('shows the 404 page inside the layout for unknown paths', async () => {
    const { wrapper } = await mountShell({ path: '/nowhere', permissions: [], remotes: [] }, web)
    expect(wrapper.find('[data-testid="not-found"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="side-menu"]').exists()).toBe(true)
  })
})
