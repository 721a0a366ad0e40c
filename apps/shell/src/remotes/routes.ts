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

/** Mounts (or re-mounts, after a retry) each remote under the shell layout. */
export function syncRemoteRoutes(router: Router, remotes: readonly RemoteState[]): void {
  for (const remote of remotes) {
    if (router.hasRoute(routeName(remote))) router.removeRoute(routeName(remote))
    router.addRoute(LAYOUT_ROUTE, recordFor(remote))
  }
}
