import type { RouteRecordRaw } from 'vue-router'
import type { RemoteModule } from '@mosaic/web-kit'
import { messages } from './messages'
import { portalRoutes } from './portal/routes'

/** The staff pages; paths are relative to `/service` in the shell and standalone alike. */
const routes: RouteRecordRaw[] = []

const serviceModule: RemoteModule = {
  name: 'service',
  title: { zh: '服务', en: 'Service' },
  icon: 'Service',
  basePath: '/service',
  routes,
  publicRoutes: portalRoutes,
  messages,
}

export default serviceModule
