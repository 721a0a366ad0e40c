import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import {
  defineComponent,
  h,
  nextTick,
  resolveDirective,
  shallowRef,
  withDirectives,
  type Plugin,
  type Ref,
} from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Principal } from '../principal.js'
import { installPermissions, permissionGuard, routeAllowed, usePermission, vCan } from './index.js'

const principal = (...permissions: string[]): Principal => ({
  userId: 'u1',
  username: 'u',
  deptId: null,
  roles: [],
  dataScope: 'self',
  kind: 'staff',
  permissions,
})

const plugin = (who: Ref<Principal | null>): Plugin => ({
  install: (app) => installPermissions(app, who),
})

const Buttons = defineComponent({
  setup() {
    const { can, canAny } = usePermission()
    return () =>
      h('div', [
        withDirectives(h('button', { id: 'del' }, 'delete'), [[vCan, 'sales.customer.delete']]),
        withDirectives(h('button', { id: 'any' }, 'any'), [
          [vCan, ['sales.customer.update', 'sales.customer.delete']],
        ]),
        can('sales.customer.read') ? h('span', { id: 'read' }, 'read') : null,
        canAny('x.y.z', 'sales.customer.update') ? h('span', { id: 'upd' }, 'upd') : null,
      ])
  },
})

const visible = (el: Element | undefined) => !!el && (el as HTMLElement).style.display !== 'none'

describe('v-can and usePermission', () => {
  it('hides what the principal may not do and shows what it may', () => {
    const who = shallowRef<Principal | null>(principal('sales.customer.read', 'sales.customer.update'))
    const w = mount(Buttons, { global: { plugins: [plugin(who)] } })
    expect(visible(w.find('#del').element)).toBe(false)
    expect(visible(w.find('#any').element)).toBe(true)
    expect(w.find('#read').exists()).toBe(true)
    expect(w.find('#upd').exists()).toBe(true)
  })

  it('re-evaluates when the principal changes', async () => {
    const who = shallowRef<Principal | null>(null)
    const w = mount(Buttons, { global: { plugins: [plugin(who)] } })
    expect(visible(w.find('#del').element)).toBe(false)
    expect(w.find('#read').exists()).toBe(false)

    who.value = principal('sales.customer.read', 'sales.customer.delete')
    await nextTick()
    expect(visible(w.find('#del').element)).toBe(true)
    expect(w.find('#read').exists()).toBe(true)

    who.value = principal()
    await nextTick()
    expect(visible(w.find('#del').element)).toBe(false)
  })

  it('registers v-can globally so templates can use it', () => {
    const who = shallowRef<Principal | null>(principal('admin.user.read'))
    const Tpl = defineComponent({
      render() {
        const can = resolveDirective('can')!
        return h('p', [
          withDirectives(h('i', { id: 'a' }), [[can, 'admin.user.read']]),
          withDirectives(h('i', { id: 'b' }), [[can, 'admin.user.delete']]),
        ])
      },
    })
    const w = mount(Tpl, { global: { plugins: [plugin(who)] } })
    expect(visible(w.find('#a').element)).toBe(true)
    expect(visible(w.find('#b').element)).toBe(false)
  })
})

describe('routes', () => {
  it('routeAllowed checks meta.permission (any-of) on every matched record', () => {
    const p = principal('sales.customer.read')
    expect(routeAllowed({}, p)).toBe(true)
    expect(routeAllowed({ meta: { permission: 'sales.customer.read' } }, p)).toBe(true)
    expect(routeAllowed({ meta: { permission: 'sales.customer.read' } }, null)).toBe(false)
    expect(routeAllowed({ meta: { permission: ['orders.order.read', 'sales.customer.read'] } }, p)).toBe(true)
    expect(routeAllowed({ meta: { permission: ['orders.order.read'] } }, p)).toBe(false)
    expect(routeAllowed({ meta: { permission: 42 } }, p)).toBe(false)
    const nested = {
      matched: [{ meta: { permission: 'admin.user.read' } }, { meta: { permission: 'sales.customer.read' } }],
    }
    expect(routeAllowed(nested, p)).toBe(false)
  })

  it('permissionGuard redirects to the forbidden route', async () => {
    let who: Principal | null = principal('sales.customer.read')
    const Empty = defineComponent({ render: () => null })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: Empty },
        { path: '/403', name: 'forbidden', component: Empty },
        { path: '/customers', component: Empty, meta: { permission: 'sales.customer.read' } },
        { path: '/users', component: Empty, meta: { permission: 'admin.user.read' } },
      ],
    })
    router.beforeEach(permissionGuard(() => who))
    await router.push('/customers')
    expect(router.currentRoute.value.path).toBe('/customers')
    await router.push('/users')
    expect(router.currentRoute.value.name).toBe('forbidden')
    who = null
    await router.push('/customers')
    expect(router.currentRoute.value.name).toBe('forbidden')
  })
})
