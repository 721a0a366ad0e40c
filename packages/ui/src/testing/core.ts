// The kit's base test helpers (see ../test-utils.ts, the entry remotes import).
import { defineComponent, h, shallowRef, type App, type Component } from 'vue'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import { afterEach, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { addMessages, createMosaicI18n, setLocale, type RemoteModule } from '@mosaic/web-kit'
import { uiMessages } from '../i18n'
import type { Problem } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'

/** Shaped like web-kit's ApiError without importing it, so tests need no HTTP layer. */
export function problemError(problem: Partial<Problem> & { status: number }) {
  const full: Problem = { type: 'about:blank', title: 'Error', ...problem }
  const fieldErrors: Record<string, string> = {}
  for (const e of full.errors ?? []) fieldErrors[e.field] ??= e.message
  return Object.assign(new Error(full.detail ?? full.title), {
    status: full.status,
    problem: full,
    fieldErrors,
  })
}

/** A signed-in staff member holding exactly these permissions. */
export function testPrincipal(...permissions: string[]): Principal {
  return {
    userId: 'u1',
    username: 'ann',
    deptId: null,
    roles: [],
    dataScope: 'all',
    kind: 'staff',
    permissions,
  }
}

/** A plugin signing `testPrincipal(...permissions)` in for `v-can` and RowActions. */
export function withPermissions(...permissions: string[]) {
  return { install: (app: App) => installPermissions(app, shallowRef(testPrincipal(...permissions))) }
}

/**
 * After each test: unmount what it mounted, forget the mocks' calls, and empty the page
 * (drawers and dialogs teleport to the body).
 */
export function resetAfterEach() {
  enableAutoUnmount(afterEach)
  afterEach(() => {
    vi.clearAllMocks()
    document.body.innerHTML = ''
  })
}

/** Mounts a drawer or dialog closed, then opens it (as a page does) and lets it load. */
export async function mountOpen(
  component: Component,
  props: Record<string, unknown>,
  plugins: { install: (app: App) => void }[],
) {
  const wrapper = mount(component, {
    props: { ...props, modelValue: false },
    global: { plugins },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

/** Element Plus shows a form item's error 100 ms after it is set. */
export async function settle(ms = 150) {
  await new Promise((r) => setTimeout(r, ms))
}

export const click = (testid: string) => {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
  if (!el) throw new Error(`no element ${testid}`)
  el.click()
}

export function type(testid: string, value: string) {
  const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(
    `input[data-testid="${testid}"], textarea[data-testid="${testid}"]`,
  )
  if (!el) throw new Error(`no input ${testid}`)
  el.value = value
  el.dispatchEvent(new Event('input'))
}

/** A fresh page-wide i18n holding the kit's and a remote's `messages`, as the shell sets it up. */
export function remoteTestI18n(
  messages: Parameters<typeof addMessages>[0],
  locale: 'zh-CN' | 'en' = 'zh-CN',
) {
  setLocale(locale)
  const i18n = createMosaicI18n()
  addMessages(uiMessages)
  addMessages(messages)
  return i18n
}

/**
 * A remote's route at `path` (e.g. `/finance/payments?open=<id>`) with the module's routes under
 * its base path and `plugins` (its i18n, the signed-in permissions), and the Vue warnings it raised.
 */
export async function mountRemoteRoute(
  module: RemoteModule,
  path: string,
  plugins: { install: (app: App) => void }[],
) {
  const warnings: string[] = []
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: module.basePath, children: module.routes }],
  })
  await router.push(path)
  const Host = defineComponent({ setup: () => () => h(RouterView) })
  const wrapper = mount(Host, {
    global: { plugins: [...plugins, router], config: { warnHandler: (msg) => void warnings.push(msg) } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, warnings, router }
}
