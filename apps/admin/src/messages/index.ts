import en from './en'
import zhCN from './zh-CN'
import { dashboardEn, dashboardZh } from './dashboard'

/** Merged into the page's one i18n instance by the shell (or by the standalone bootstrap). */
export const messages = {
  'zh-CN': { ...zhCN, dashboard: dashboardZh },
  en: { ...en, dashboard: dashboardEn },
}
