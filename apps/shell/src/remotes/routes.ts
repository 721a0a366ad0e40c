import type { RouteRecordRaw, Router } from 'vue-router'
import { useAuthStore } from '@mosaic/web-kit'
import { firstPath, visibleItems } from './menu'
import type { RemoteState } from './store'

export const LAYOUT_ROUTE = 'layout'
const routeName = (r: RemoteState) => `remote:${r.name}`

function recordFor(remote: RemoteState): RouteRecordRaw {
  if (remote.status === 'ok' && remote.module) {
    const module = remote.module
    return {
      path: remote.basePath,
      name: routeName(remote),
      meta: { remote: remote.name },
      // `/admin` alone opens the first page this user may see.
      redirect: () => {
        const items = visibleItems(module.routes, remote.basePath, useAuthStore().principal)
        return firstPath(items) ?? { name: 'forbidden' }
      },
      children: module.routes,
    }
  }
  // Any path under a dead remote's base shows the panel (deep links keep their URL).
  return {
    path: `${remote.basePath}/:rest(.*)*`,
    name: routeName(remote),
    // Lazy: it renders inside the signed-in layout and uses Element Plus.
    component: () => import('../views/RemoteUnavailable.vue'),
    props: { remote: remote.name },
    meta: { remote: remote.name },
  }
}

/**
 * Addresses whose pages a remote serves outside the staff layout, without a staff session (its
 * `publicRoutes`). Until the remotes are loaded (or when the remote is down) a catch-all under each
 * base holds the address: its guard loads the remotes, which mounts the real pages, and resolves again.
 */
export const PUBLIC_BASES = [{ path: '/portal', remote: 'service' }] as const
export const publicBaseRouteName = (path: string) => `public-base:${path}`

export function publicBaseRoutes(): RouteRecordRaw[] {
  return PUBLIC_BASES.map((base) => ({
    path: `${base.path}/:rest(.*)*`,
    name: publicBaseRouteName(base.path),
    component: () => import('../views/PublicRemoteFallback.vue'),
    props: { remote: base.remote },
    meta: { public: true, remote: base.remote, publicBase: true },
  }))
}

// The removers of each remote's mounted public routes (they have no common parent to remove at once).
const mountedPublic = new WeakMap<Router, Map<string, Array<() => void>>>()

function syncPublicRoutes(router: Router, remote: RemoteState): void {
  let byRemote = mountedPublic.get(router)
  if (!byRemote) mountedPublic.set(router, (byRemote = new Map()))
  for (const remove of byRemote.get(remote.name) ?? []) remove()
  const records = remote.status === 'ok' ? (remote.module?.publicRoutes ?? []) : []
  byRemote.set(
    remote.name,
    records.map((record) =>
      router.addRoute({
        ...record,
        meta: { ...record.meta, public: true, remote: remote.name },
      } as RouteRecordRaw),
    ),
  )
}

/** Mounts (or re-mounts, after a retry) each remote under the shell layout, and its public routes at the top. */
export function syncRemoteRoutes(router: Router, remotes: readonly RemoteState[]): void {
  for (const remote of remotes) {
    if (router.hasRoute(routeName(remote))) router.removeRoute(routeName(remote))
    router.addRoute(LAYOUT_ROUTE, recordFor(remote))
    syncPublicRoutes(router, remote)
  }
}

declare module 'vue-router' {
  interface RouteMeta {
    /** The remote a route belongs to (set here, read by the top bar and the guards). */
    remote?: string
    /** The shell's stand-in for a remote's public pages until they are mounted. */
    publicBase?: boolean
  }
}
