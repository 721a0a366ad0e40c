// `@mosaic/ui/test-utils`: what component tests of the kit and of every remote share. Import it
// from test files only (a remote's shipped modules import shares only; see federation-shared).
import { shallowRef, type App, type Component } from 'vue'
import { afterEach, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
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
