import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router'
import { usePortalSession } from './session'

/** Every portal page but the login needs a portal session; a lost one comes back here after signing in. */
async function requirePortalSession(to: RouteLocationNormalized) {
  if (await usePortalSession().restore()) return true
  return { name: 'portal-login', query: { redirect: to.fullPath } }
}

/**
 * The customer portal: the service remote's public routes (RemoteModule.publicRoutes), mounted by the shell
 * at the top level, outside the staff layout, with the portal's own login and layout (decision 98).
 */
export const portalRoutes: RouteRecordRaw[] = [
  {
    path: '/portal/login',
    name: 'portal-login',
    component: () => import('./LoginPage.vue'),
    meta: { title: { zh: '登录', en: 'Sign in' } },
  },
  {
    path: '/portal',
    component: () => import('./PortalLayout.vue'),
    beforeEnter: requirePortalSession,
    children: [
      { path: '', name: 'portal-home', redirect: { name: 'portal-tickets' } },
      {
        path: 'tickets',
        name: 'portal-tickets',
        component: () => import('./tickets/TicketsPage.vue'),
        meta: { title: { zh: '我的工单', en: 'My tickets' } },
      },
      {
        path: 'tickets/:id',
        name: 'portal-ticket',
        component: () => import('./tickets/TicketDetailPage.vue'),
        props: true,
        meta: { title: { zh: '工单详情', en: 'Ticket' } },
      },
      {
        path: 'orders',
        name: 'portal-orders',
        component: () => import('./OrdersPage.vue'),
        meta: { title: { zh: '订单与物流', en: 'Orders & shipping' } },
      },
      {
        path: 'statement',
        name: 'portal-statement',
        component: () => import('./StatementPage.vue'),
        meta: { title: { zh: '对账单', en: 'Statement' } },
      },
    ],
  },
]
