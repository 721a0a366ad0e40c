import {
  inject,
  shallowRef,
  watchEffect,
  type App,
  type ComponentPublicInstance,
  type Directive,
  type InjectionKey,
  type Ref,
  type ShallowRef,
} from 'vue'
import type { PermissionCode } from '../catalog.js'
import type { Principal } from '../principal.js'

type Who = Principal | null | undefined
/** Templates and route tables hand us plain strings; unknown codes simply never match. */
export type PermissionRequirement = PermissionCode | string | readonly (PermissionCode | string)[]

const PRINCIPAL_KEY: InjectionKey<Ref<Principal | null>> = Symbol('mosaic.permissions.principal')
/** Fallback for code outside the installing app's tree (and for remotes rendered by the shell's app). */
let installed: Ref<Principal | null> | undefined

function has(principal: Who, code: string): boolean {
  return !!principal && principal.permissions.includes(code)
}

/** A string is one code; an array is any-of; an empty array or nothing requires nothing. */
export function allows(principal: Who, requirement: PermissionRequirement | null | undefined): boolean {
  if (requirement == null) return true
  if (typeof requirement === 'string') return has(principal, requirement)
  return requirement.length === 0 || requirement.some((c) => has(principal, c))
}

export function installPermissions(app: App, principal: Ref<Principal | null>): void {
  installed = principal
  app.provide(PRINCIPAL_KEY, principal)
  app.directive('can', vCan)
}

export function usePermission() {
  const principal = inject(PRINCIPAL_KEY, null) ?? installed ?? shallowRef<Principal | null>(null)
  return {
    principal: principal as Readonly<Ref<Principal | null>>,
    can: (code: PermissionCode | string) => has(principal.value, code),
    canAny: (...codes: (PermissionCode | string)[]) => codes.some((c) => has(principal.value, c)),
    canAll: (...codes: (PermissionCode | string)[]) => codes.every((c) => has(principal.value, c)),
  }
}

interface CanState {
  value: ShallowRef<PermissionRequirement>
  stop: () => void
  apply: () => void
}
const states = new WeakMap<HTMLElement, CanState>()

function principalFor(instance: Partial<ComponentPublicInstance> | null): Ref<Principal | null> | undefined {
  const provided = instance?.$?.appContext.provides[PRINCIPAL_KEY as symbol] as
    Ref<Principal | null> | undefined
  return provided ?? installed
}

/**
 * `v-can="'sales.customer.delete'"` or `v-can="['a', 'b']"` (any-of). Hides rather than
 * detaches the element so it can come back when the principal changes (login, role edit).
 */
export const vCan: Directive<HTMLElement, PermissionRequirement> = {
  beforeMount(el, binding) {
    const principal = principalFor(binding.instance)
    const value = shallowRef(binding.value)
    const display = el.style.display
    const apply = () => {
      el.style.display = allows(principal?.value, value.value) ? display : 'none'
    }
    const stop = watchEffect(apply, { flush: 'sync' })
    states.set(el, { value, stop, apply })
  },
  updated(el, binding) {
    const state = states.get(el)
    if (!state) return
    state.value.value = binding.value
    // A re-render may have rewritten inline styles; put our decision back.
    state.apply()
  },
  unmounted(el) {
    states.get(el)?.stop()
    states.delete(el)
  },
}

interface RouteLike {
  meta?: object
  matched?: readonly { meta?: object }[]
}

function requirementOf(meta: object | undefined): PermissionRequirement | undefined {
  const p = (meta as { permission?: unknown } | undefined)?.permission
  if (p === undefined || p === null) return undefined
  if (typeof p === 'string' || (Array.isArray(p) && p.every((c) => typeof c === 'string')))
    return p as PermissionRequirement
  return ['\0malformed'] // a malformed requirement must deny, not silently allow
}

/** Checks every matched record, because vue-router merges meta and a child would mask its parent's requirement. */
export function routeAllowed(route: RouteLike, principal: Who): boolean {
  const metas = route.matched?.length ? route.matched.map((r) => r.meta) : [route.meta]
  return metas.every((meta) => allows(principal, requirementOf(meta)))
}

export interface PermissionGuardOptions {
  /** Where to send a user who lacks the permission; default `{ name: 'forbidden' }`. */
  redirect?: string | { name: string } | { path: string }
}

/** `router.beforeEach(permissionGuard(() => auth.principal))`. */
export function permissionGuard(getPrincipal: () => Who, options: PermissionGuardOptions = {}) {
  const redirect = options.redirect ?? { name: 'forbidden' }
  return (to: RouteLike) => (routeAllowed(to, getPrincipal()) ? true : redirect)
}
