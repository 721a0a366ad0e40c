import type { RouteRecordRaw } from 'vue-router'
import type { PermissionCode } from '@mosaic/permissions'
import type { RemoteModule } from '@mosaic/web-kit'
import { messages } from './messages'
import { portalRoutes } from './portal/routes'
// Registers the service record types (field labels and kinds for every history view, admin's audit search too).
import './records'

/** Who reaches the service recycle bin: a restorer of tickets, or the bin's reader. */
export const SERVICE_RECYCLE_BIN_ACCESS: PermissionCode[] = ['tickets.ticket.restore', 'admin.recycle.read']

/** The staff pages; paths are relative to `/service` in the shell and standalone alike, each its own chunk. */
const routes: RouteRecordRaw[] = [
  {
    path: 'tickets',
    name: 'service-tickets',
    component: () => import('./pages/tickets/TicketsPage.vue'),
    meta: { title: { zh: '工单管理', en: 'Tickets' }, permission: 'tickets.ticket.read', icon: 'Service' },
  },
  {
    path: 'portal-accounts',
    name: 'service-portal-accounts',
    component: () => import('./pages/portal-accounts/PortalAccountsPage.vue'),
    meta: {
      title: { zh: '客户账号', en: 'Customer accounts' },
      permission: 'tickets.portal-account.read',
      icon: 'Avatar',
    },
  },
  {
    path: 'recycle-bin',
    name: 'service-recycle-bin',
    component: () => import('./pages/recycle/ServiceRecycleBinPage.vue'),
    meta: {
      title: { zh: '服务回收站', en: 'Service recycle bin' },
      permission: SERVICE_RECYCLE_BIN_ACCESS,
      icon: 'Delete',
    },
  },
]

const serviceModule: RemoteModule = {
  name: 'service',
  title: { zh: '服务', en: 'Service' },
  icon: 'Service',
  basePath: '/service',
  routes,
  publicRoutes: portalRoutes,
  messages,
  // The home page's figures (decision 107): new tickets and the SLA breach list.
  dashboard: [{ service: 'tickets', anyOf: ['tickets.ticket.read'] }],
}

export default serviceModule
