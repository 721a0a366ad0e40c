import { computed, defineComponent, h, type Component } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router, type RouteRecordRaw } from 'vue-router'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { vi } from 'vitest'
import {
  addMessages,
  createMosaicI18n,
  useAuthStore,
  type LoadedRemote,
  type RemoteModule,
} from '@mosaic/web-kit'
import type { DataScope } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'
import App from '../App.vue'
import { createShellRouter } from '../router'
import { shellMessages } from '../locales'

export const page = (text: string) => defineComponent({ render: () => h('div', { class: 'page' }, text) })

export const adminModule: RemoteModule = {
  name: 'admin',
  title: { zh: '系统管理', en: 'Administration' },
  icon: 'Setting',
  basePath: '/admin',
  routes: [
    {
      path: 'users',
      name: 'admin-users',
      component: page('users page'),
      meta: { title: { zh: '用户', en: 'Users' }, permission: 'admin.user.read' },
    },
    {
      path: 'users/:id',
      name: 'admin-user',
      component: page('user detail'),
      meta: { title: { zh: '用户详情', en: 'User' }, permission: 'admin.user.read', menu: false },
    },
    {
      path: 'roles',
      name: 'admin-roles',
      component: page('roles page'),
      meta: { title: { zh: '角色', en: 'Roles' }, permission: 'admin.role.read' },
    },
    {
      path: 'audit',
      name: 'admin-audit',
      component: page('audit page'),
      meta: { title: { zh: '审计', en: 'Audit' }, permission: ['admin.audit.read', 'admin.audit.export'] },
    },
  ] satisfies RouteRecordRaw[],
}

export function user(permissions: string[]) {
  return {
    id: 'u1',
    username: 'wang',
    displayName: '王芳',
    deptId: 'd1',
    deptName: '总部',
    roles: ['r'],
    permissions,
    dataScope: 'all' as DataScope,
  }
}

/**
 * The shell's app plugins for a test mount: the store, the page i18n with the shell's messages,
 * the router, Element Plus and v-can over the signed-in principal.
 */
function shellPlugins(pinia: ReturnType<typeof createPinia>, router: Router) {
  const auth = useAuthStore()
  const i18n = createMosaicI18n()
  addMessages(shellMessages)
  return [
    pinia,
    i18n,
    router,
    ElementPlus,
    {
      install: (app: Parameters<typeof installPermissions>[0]) =>
        installPermissions(
          app,
          computed(() => auth.principal),
        ),
    },
  ]
}

/**
 * A piece of the shell (the header's badge or bell, a view inside a host) mounted as the shell
 * would: signed in as `user([])` unless `signedIn` is false, in a memory router holding `routes`
 * and standing at `path`. The caller waits for its loads.
 */
export async function mountInShell(
  component: Component,
  routes: RouteRecordRaw[],
  opts: {
    path?: string
    signedIn?: boolean
    /** Who is signed in, over `user([])`. */
    as?: Partial<ReturnType<typeof user>>
    /** Runs with the fresh store active, before the mount (e.g. to seed the remotes store). */
    before?: () => void
  } = {},
) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  if (opts.signedIn ?? true) {
    auth.accessToken = 'token-1'
    auth.user = { ...user([]), ...opts.as }
  }
  opts.before?.()
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(opts.path ?? '/')
  const wrapper = mount(component, {
    attachTo: document.body,
    global: { plugins: shellPlugins(pinia, router) },
  })
  return { wrapper, router, auth }
}

export interface ShellOptions {
  path: string
  permissions?: string[] | null
  remotes?: Array<{ name: string; result: LoadedRemote }>
}

/** Mounts the real shell (App, router, guards, stores) with the federation loader mocked by the caller's vi.mock. */
export async function mountShell(
  opts: ShellOptions,
  web: { fetchRemotesConfig: ReturnType<typeof vi.fn>; loadRemoteModules: ReturnType<typeof vi.fn> },
) {
  const remotes = opts.remotes ?? []
  web.fetchRemotesConfig.mockResolvedValue(
    remotes.map((r) => ({ name: r.name, entry: `/remotes/${r.name}/remoteEntry.js` })),
  )
  web.loadRemoteModules.mockImplementation(async (entries: { name: string }[]) =>
    entries.map((e) => remotes.find((r) => r.name === e.name)!.result),
  )
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  if (opts.permissions) {
    auth.accessToken = 'token'
    auth.user = user(opts.permissions)
  }
  const router = createShellRouter(createMemoryHistory())
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: shellPlugins(pinia, router) } })
  await router.push(opts.path).catch(() => {})
  await router.isReady()
  await flushPromises()
  return { wrapper, router, auth, pinia }
}
