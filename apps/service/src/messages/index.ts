import * as portal from './portal'
import * as staff from './staff'
import { dashboardEn, dashboardZh } from './dashboard'

/**
 * Merged into the page's one i18n instance by the shell (or by the standalone bootstrap). The staff screens'
 * texts live under `service.*` (staff.ts), the customer portal's under `portal.*` (portal.ts); each file has
 * both languages, en mirroring every zh key.
 */
export const messages = {
  'zh-CN': { service: staff.zh, portal: portal.zh, dashboard: dashboardZh },
  en: { service: staff.en, portal: portal.en, dashboard: dashboardEn },
}
