import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type Router,
  type RouterHistory,
} from 'vue-router'
import { routeAllowed } from '@mosaic/permissions/vue'
import { useAuthStore } from '@mosaic/web-kit'
import { useRemotesStore } from '../remotes/store'
import { LAYOUT_ROUTE, publicBaseRoutes, syncRemoteRoutes } from '../remotes/routes'
import { loadSignedInUi } from '../signed-in'

const baseRoutes = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/LoginView.vue'),
    meta: { public: true, title: { zh: '登录', en: 'Sign in' } },
  },
  {
    path: '/',
    name: LAYOUT_ROUTE,
    // Lazy, like everything past the login page: the layout pulls in the full UI kit.
    component: () => import('../layout/ShellLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('../views/HomeView.vue'),
        meta: { title: { zh: '首页', en: 'Home' } },
      },
      {
        // Every signed-in user's approval center: tasks are the caller's own, so no permission gates it.
        path: 'approvals',
        name: 'approvals',
        component: () => import('../approvals/ApprovalCenterView.vue'),
        meta: { title: { zh: '审批中心', en: 'Approval centre' } },
      },
      {
        path: '403',
        name: 'forbidden',
        component: () => import('../views/StatusView.vue'),
        props: { status: 403 },
        meta: { title: { zh: '无权访问', en: 'Access denied' } },
      },
      // Inside the layout so an unknown address still shows the menu; remotes' routes rank higher.
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/StatusView.vue'),
        props: { status: 404 },
        meta: { title: { zh: '页面不存在', en: 'Not found' } },
      },
    ],
  },
  ...publicBaseRoutes(),
]

export function loginLocation(to: Pick<RouteLocationNormalized, 'fullPath'>) {
  return { name: 'login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
}

/**
 * A remote's public page (the customer portal) needs no staff session: only the UI kit and the
 * remotes' route tables, loaded without a token. The staff session is neither read nor touched.
 */
async function publicRemoteGuard(router: Router, to: RouteLocationNormalized) {
  await loadSignedInUi()
  const remotes = useRemotesStore()
  if (to.meta.publicBase && !remotes.loaded) {
    syncRemoteRoutes(router, await remotes.ensureLoaded())
    // The catch-all held the address until the remote's own routes were mounted; match again.
    return to.fullPath
  }
  return true
}

/** Session → remote route tables → permission, in that order, before any protected page renders. */
export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    if (to.meta.public && to.meta.remote) return publicRemoteGuard(router, to)
    if (to.meta.public) return true
    const auth = useAuthStore()
    if (!auth.isAuthenticated && !(await auth.restoreSession())) return loginLocation(to)
    await loadSignedInUi()
    const remotes = useRemotesStore()
    if (!remotes.loaded) {
      syncRemoteRoutes(router, await remotes.ensureLoaded())
      // `to` was matched against the table without remotes (a deep link hit the 404); match again.
      return to.fullPath
    }
    if (!routeAllowed(to, auth.principal)) return { name: 'forbidden', query: { from: to.fullPath } }
    return true
  })
}

export function createShellRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes: baseRoutes, scrollBehavior: () => ({ top: 0 }) })
  installGuards(router)
  return router
}
