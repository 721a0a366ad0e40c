import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { RemoteModule } from '@mosaic/web-kit'
import { adminModule, mountShell, page } from './test/harness'

const web = vi.hoisted(() => ({ fetchRemotesConfig: vi.fn(), loadRemoteModules: vi.fn() }))
vi.mock('@mosaic/web-kit', async (importOriginal) => ({ ...(await importOriginal<object>()), ...web }))

/** A remote serving staff pages under /service and its own signed-out pages under /portal. */
const serviceModule: RemoteModule = {
  name: 'service',
  title: { zh: '服务', en: 'Service' },
  basePath: '/service',
  routes: [
    {
      path: 'tickets',
      name: 'service-tickets',
      component: page('staff tickets'),
      meta: { title: { zh: '工单', en: 'Tickets' }, permission: 'tickets.ticket.read' },
    },
  ],
  publicRoutes: [
    { path: '/portal/login', name: 'portal-login', component: page('portal login page') },
    { path: '/portal/tickets/:id', name: 'portal-ticket', component: page('portal ticket') },
  ],
  messages: { 'zh-CN': { portal: { hello: '你好' } }, en: { portal: { hello: 'Hello' } } },
}
const serviceOk = {
  name: 'service',
  result: { name: 'service', status: 'ok' as const, module: serviceModule },
}
const serviceDown = {
  name: 'service',
  result: { name: 'service', status: 'unavailable' as const, error: new Error('ERR_CONNECTION_REFUSED') },
}
const adminOk = { name: 'admin', result: { name: 'admin', status: 'ok' as const, module: adminModule } }

// The staff refresh fails (no staff session unless a test signs in); the signed-in top bar's lists are empty.
const fetchStub = vi.fn(async (url: RequestInfo | URL) =>
  String(url).includes('/auth/refresh')
    ? new Response(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401 }), {
        status: 401,
        headers: { 'content-type': 'application/problem+json' },
      })
    : new Response(JSON.stringify({ count: 0, todo: 0, items: [], nextCursor: null, total: 0 }), {
        headers: { 'content-type': 'application/json' },
      }),
)
const staffSessionCalls = () =>
  fetchStub.mock.calls.filter(([url]) => String(url).includes('/api/admin/auth'))

beforeEach(() => {
  vi.clearAllMocks()
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.stubGlobal('fetch', fetchStub)
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe("a remote's public routes", () => {
  it('open on a deep link without a staff session, outside the staff layout, with its messages', async () => {
    const { wrapper, router, auth } = await mountShell(
      { path: '/portal/login', permissions: null, remotes: [adminOk, serviceOk] },
      web,
    )
    expect(router.currentRoute.value.name).toBe('portal-login')
    expect(wrapper.text()).toContain('portal login page')
    expect(wrapper.find('[data-testid="side-menu"]').exists()).toBe(false)
    expect(router.currentRoute.value.meta.public).toBe(true)
    // No staff session was asked for (no refresh call) nor created.
    expect(staffSessionCalls()).toEqual([])
    expect(auth.isAuthenticated).toBe(false)
    const { getI18n } = await import('@mosaic/web-kit')
    expect(getI18n()?.global.t('portal.hello')).toBe('你好')
  })

  it('match their parameters once mounted', async () => {
    const { router, wrapper } = await mountShell(
      { path: '/portal/tickets/42', permissions: null, remotes: [serviceOk] },
      web,
    )
    expect(router.currentRoute.value.name).toBe('portal-ticket')
    expect(router.currentRoute.value.params.id).toBe('42')
    expect(wrapper.text()).toContain('portal ticket')
  })

  it('leave the staff pages behind the staff login', async () => {
    const { router } = await mountShell(
      { path: '/portal/login', permissions: null, remotes: [serviceOk] },
      web,
    )
    await router.push('/service/tickets')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/login')
    expect(router.currentRoute.value.query.redirect).toBe('/service/tickets')
  })

  it('show the unavailable panel without the staff layout when the remote is down, and retry mounts them', async () => {
    const { wrapper, router } = await mountShell(
      { path: '/portal/login', permissions: null, remotes: [serviceDown] },
      web,
    )
    expect(router.currentRoute.value.fullPath).toBe('/portal/login')
    expect(wrapper.find('[data-testid="remote-unavailable"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="side-menu"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('返回首页')
    web.loadRemoteModules.mockResolvedValueOnce([serviceOk.result])
    await wrapper.find('[data-testid="remote-retry"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('portal-login')
    expect(wrapper.text()).toContain('portal login page')
  })

  it('answer an unknown public address with the 404 page, still without the staff layout', async () => {
    const { wrapper } = await mountShell(
      { path: '/portal/nowhere', permissions: null, remotes: [serviceOk] },
      web,
    )
    expect(wrapper.find('[data-testid="not-found"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="side-menu"]').exists()).toBe(false)
  })

  it('are there for a signed-in staff user too, whose session they leave alone', async () => {
    const { router, auth } = await mountShell(
      { path: '/service/tickets', permissions: ['tickets.ticket.read'], remotes: [serviceOk] },
      web,
    )
    expect(router.currentRoute.value.name).toBe('service-tickets')
    await router.push('/portal/login')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('portal-login')
    expect(auth.isAuthenticated).toBe(true)
  })
})
