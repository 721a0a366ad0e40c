import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, reactive } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import type { Principal } from '@mosaic/permissions'
import type { RemoteModule } from '@mosaic/web-kit'
import { standaloneMenu } from './standaloneMenu'
import { testPrincipal as principal } from '../test-utils'

const auth = reactive({
  isAuthenticated: false,
  principal: null as Principal | null,
  user: null as { displayName: string } | null,
  logout: vi.fn(async () => {
    auth.isAuthenticated = false
  }),
})
vi.mock('@mosaic/web-kit', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@mosaic/web-kit')>()),
  useAuthStore: () => auth,
}))
const { default: StandaloneLayout } = await import('./StandaloneLayout.vue')
const { default: LoginForm } = await import('./LoginForm.vue')
const { setLocale } = await import('@mosaic/web-kit')

const page = defineComponent({ setup: () => () => h('p', { 'data-testid': 'page' }, 'page') })
const route = (path: string, name: string, meta: RouteRecordRaw['meta'] = {}): RouteRecordRaw => ({
  path,
  name,
  component: page,
  meta: { title: { zh: name, en: name.toUpperCase() }, ...meta },
})
const module: RemoteModule = {
  name: 'demo',
  title: { zh: '演示', en: 'Demo' },
  basePath: '/demo',
  routes: [
    route('orders', 'orders', { permission: 'demo.order.read' }),
    route('orders/:id', 'order-detail', { permission: 'demo.order.read' }),
    route('import', 'import', { menu: false }),
    {
      path: 'rules',
      name: 'rules',
      redirect: { name: 'rules-a' },
      meta: { permission: 'demo.rule.read' },
      children: [route('a', 'rules-a'), route('b', 'rules-b', { permission: 'demo.rule.b' })],
    },
    route('secret', 'secret', { permission: 'demo.secret' }),
  ],
}

describe('standaloneMenu', () => {
  it('flattens sections, leaves out detail and hidden pages, and needs the section permission too', () => {
    const items = standaloneMenu(module, principal('demo.order.read', 'demo.rule.read'))
    expect(items.map((i) => [i.name, i.path])).toEqual([
      ['orders', '/demo/orders'],
      ['rules-a', '/demo/rules/a'],
    ])
    const noSection = standaloneMenu(module, principal('demo.order.read', 'demo.rule.b'))
    expect(noSection.map((i) => i.name)).toEqual(['orders'])
  })
})

async function mountLayout(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: page },
      { path: module.basePath, children: module.routes },
    ],
  })
  await router.push(path)
  const wrapper = mount(StandaloneLayout, {
    props: { module, home: 'orders' },
    global: { plugins: [router] },
  })
  await flushPromises()
  return { wrapper, router }
}

describe('StandaloneLayout', () => {
  it('asks a signed-out visitor to sign in under the module title', async () => {
    setLocale('en')
    auth.isAuthenticated = false
    const { wrapper } = await mountLayout('/')
    expect(wrapper.get('h1').text()).toBe('Demo')
    expect(wrapper.find('[data-testid="login-username"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="page"]').exists()).toBe(false)
  })

  it('lands a sign-in at / on the home page, and elsewhere where it was', async () => {
    auth.isAuthenticated = false
    const atRoot = await mountLayout('/')
    atRoot.wrapper.findComponent(LoginForm).vm.$emit('success')
    await flushPromises()
    expect(atRoot.router.currentRoute.value.path).toBe('/demo/orders')

    const deep = await mountLayout('/demo/rules/b')
    deep.wrapper.findComponent(LoginForm).vm.$emit('success')
    await flushPromises()
    expect(deep.router.currentRoute.value.path).toBe('/demo/rules/b')
  })

  it('shows the permitted menu, the page, the user and a logout button when signed in', async () => {
    setLocale('en')
    Object.assign(auth, {
      isAuthenticated: true,
      principal: principal('demo.order.read'),
      user: { displayName: 'Ann' },
    })
    const { wrapper } = await mountLayout('/demo/orders')
    const menu = wrapper.findAll('[data-testid^="menu-item-"]')
    expect(menu.map((m) => [m.attributes('data-testid'), m.text()])).toEqual([['menu-item-orders', 'ORDERS']])
    expect(wrapper.text()).toContain('Mosaic · Demo')
    expect(wrapper.text()).toContain('Ann')
    expect(wrapper.find('[data-testid="page"]').exists()).toBe(true)
    const logout = wrapper.get('[data-testid="logout"]')
    expect(logout.text()).toBe('Sign out')
    await logout.trigger('click')
    expect(auth.logout).toHaveBeenCalledOnce()
  })
})
